/**
 * A stand-in for the Teams connector service on 127.0.0.1: it records every activity the
 * bot sends and answers like the real one (or as a test tells it to).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Partial<Activity> & Record<string, unknown>;
}

/** What to answer one request with; `undefined` means the usual 200. */
export type ConnectorResponder = (request: RecordedRequest) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

export class FakeConnector {
  readonly requests: RecordedRequest[] = [];
  respond: ConnectorResponder = () => undefined;
  /** How long each answer takes, like a slow connector: keeps the bot's sends under way. */
  delayMs = 0;
  #server: Server;
  #waiters: Array<{ count: number; resolve: () => void }> = [];
  #nextId = 1;

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** Activities posted to conversations (replies and proactive messages), in order. */
  get activities(): RecordedRequest['body'][] {
    return this.requests.filter((r) => r.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(r.path)).map((r) => r.body);
  }

  /** Requests to create a conversation (`POST /v3/conversations`), in order. */
  get createdConversations(): RecordedRequest['body'][] {
    return this.requests.filter((r) => r.method === 'POST' && /^\/v3\/conversations\/?$/.test(r.path)).map((r) => r.body);
  }

  /** Resolves once at least `count` requests have arrived, or rejects after `ms`. */
  waitFor(count: number, ms = 5000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake connector: expected ${count} requests, got ${this.requests.length}`)), ms);
      this.#waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Like the real service: a new conversation gets a conversation id, anything else an activity id. */
  #usualAnswer(request: RecordedRequest): ReturnType<ConnectorResponder> & object {
    if (request.method === 'POST' && /^\/v3\/conversations\/?$/.test(request.path)) {
      return { status: 200, body: { id: `a:created-${this.#nextId++}` } };
    }
    return { status: 200, body: { id: `activity-${this.#nextId++}` } };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(req.url ?? '/'),
      headers: req.headers,
      body: text ? JSON.parse(text) : {}
    };
    this.requests.push(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const answer = this.respond(request) ?? this.#usualAnswer(request);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    this.#waiters = this.#waiters.filter((w) => (this.requests.length >= w.count ? (w.resolve(), false) : true));
  }
}
