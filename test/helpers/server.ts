/** The real bot server on an ephemeral loopback port, for HTTP tests. */
import type { AddressInfo } from 'node:net';
import type { Storage } from 'botbuilder';
import { createAdapter } from '../../src/adapter.js';
import { createBotParts } from '../../src/app.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createServer, type BotServer } from '../../src/server.js';
import { Lifecycle } from '../../src/shared/lifecycle.js';
import type { Telemetry } from '../../src/shared/telemetry.js';
import { instrumentStore } from '../../src/telemetry/store.js';
import { openMemoryStore } from './memory-store.js';
import type { Store } from '../../src/store/store.js';
import type { Config } from '../../src/config.js';
import { testConfig } from './bot.js';

export interface RunningBot {
  url: string;
  store: Store;
  config: Config;
  server: BotServer;
  /** Its readiness and drain, as the running bot has them. */
  lifecycle: Lifecycle;
  /** POSTs JSON (or a raw string) to `/api/messages`. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** Resolves once the background work started so far (notifications and their retries) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBot(options: { store?: Store; env?: Record<string, string>; now?: () => Date; log?: Logger; botState?: Storage; telemetry?: Telemetry } = {}): Promise<RunningBot> {
  const config = { ...testConfig(options.env), port: 0 };
  const opened = options.store ?? (await openMemoryStore());
  const { telemetry } = options;
  const store = telemetry ? instrumentStore(opened, telemetry) : opened;
  const log = options.log ?? createLogger('silent');
  const adapter = createAdapter(config);
  const lifecycle = new Lifecycle();
  const { app, events } = createBotParts({ config, store, log, now: options.now ?? (() => new Date()), lifecycle, telemetry }, adapter, options.botState);
  const server = createServer({ config, log, store, adapter, app, lifecycle, telemetry });
  const address: AddressInfo = await server.listen();
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    store,
    config,
    server,
    lifecycle,
    async post(body, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body)
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed };
    },
    idle: () => events.idle(),
    stop: () => server.close()
  };
}

let nextId = 1;

/** A Teams message activity as the connector service posts it. */
export function teamsMessage(serviceUrl: string, text: string, from = { id: '29:staff-1', name: 'Sam Staff', aadObjectId: '00000000-0000-0000-0000-0000000000a1' }) {
  return {
    type: 'message',
    id: `msg-${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bot', name: 'ICT policy helper' },
    text,
    textFormat: 'plain',
    locale: 'en-GB',
    channelData: { tenant: { id: 'tenant-1' } }
  };
}

/** A Teams `adaptiveCard/action` invoke for an `Action.Execute` button. */
export function teamsExecute(serviceUrl: string, verb: string, data: Record<string, unknown>, from = { id: '29:staff-1', name: 'Sam Staff', aadObjectId: '00000000-0000-0000-0000-0000000000a1' }) {
  return {
    ...teamsMessage(serviceUrl, '', from),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: 'card-activity-1',
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' }
  };
}

/** What `/readyz` answered. */
export interface Readiness {
  status: number;
  body: { status: string; checks: Record<string, unknown> };
}

/** Asks `/readyz` once. */
export async function readiness(url: string): Promise<Readiness> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
}

/**
 * Waits while `/readyz` says the policy's meanings are being encoded (the first start with a
 * policy, or a fresh vector file), as a load balancer would; returns the first other answer.
 */
export async function readyAfterEncoding(url: string, timeoutMs = 30_000): Promise<Readiness> {
  const began = Date.now();
  for (;;) {
    const answer = await readiness(url);
    if (answer.body.checks.policy !== 'encoding' || Date.now() - began > timeoutMs) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
