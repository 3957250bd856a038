/**
 * A TCP relay on 127.0.0.1 in front of a server (the test database), which a test can cut:
 * every open connection is ended and new ones are refused, as when the database goes away
 * or the network to it fails; restored, it relays again on the same port.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #sockets = new Set<Socket>();
  #server?: Server;
  #port = 0;

  constructor(target: { host: string; port: number }) {
    this.#target = target;
  }

  /** Starts relaying; resolves with the port to connect to (the same one after a restore). */
  async start(): Promise<number> {
    const server = createServer((client) => {
      const upstream = createConnection(this.#target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.#port;
  }

  /** Ends every relayed connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Relays again, on the port it had. */
  restore(): Promise<number> {
    return this.start();
  }

  stop(): Promise<void> {
    return this.cut();
  }
}
