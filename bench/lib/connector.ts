/**
 * A fast stand-in for the Teams connector on loopback: it answers every reply with 200
 * and an id, and counts what the bot sent, so a run can check its replies really went out.
 * Unlike the test helper it keeps no bodies, so it costs the run next to nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class CountingConnector {
  /** Activities posted to conversations (replies) since the last {@link reset}. */
  replies = 0;
  #server: Server;
  #nextId = 1;

  constructor() {
    this.#server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) this.replies++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.#nextId++}` }));
      });
    });
  }

  /** Starts on an ephemeral loopback port; resolves with the `serviceUrl` to give the bot. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
  }

  reset(): void {
    this.replies = 0;
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
