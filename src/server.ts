/**
 * The HTTP edge: `POST /api/messages` for Teams, `GET /healthz` for monitoring.
 * Bodies are size-limited and parsed as JSON here; the adapter checks tokens.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import restify, { type Next, type Request, type Response } from 'restify';
import errors from 'restify-errors';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Response as AdapterResponse } from 'botbuilder';
import type { Config } from './config.js';
import { refuseWhileDraining, registerReadiness } from './health.js';
import type { Logger } from './log.js';
import type { BotApp } from './shared/deps.js';
import { Lifecycle } from './shared/lifecycle.js';
import { retryAfterOf } from './shared/retry-after.js';
import { NO_TELEMETRY, turnAttributes, type Telemetry } from './shared/telemetry.js';
import type { Store, StoreStatus } from './store/store.js';

/**
 * The error class the Bot Framework adapter's activity check throws. botbuilder loads zod's
 * CommonJS build, a different class from the one an ES import gives, so it is taken from there.
 */
const { ZodError: AdapterValidationError } = createRequire(import.meta.url)('zod') as typeof import('zod');

export const MESSAGES_PATH = '/api/messages';
export const HEALTH_PATH = '/healthz';

export interface ServerDeps {
  config: Config;
  log: Logger;
  store: Store;
  adapter: TeamsAdapter;
  app: BotApp;
  /** Readiness and the SIGTERM drain; a new one (ready, not draining) when omitted. */
  lifecycle?: Lifecycle;
  /** A span per turn; none when omitted. */
  telemetry?: Telemetry;
}

export interface BotServer {
  /** Starts listening; resolves with the actual address (useful with port 0). */
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Teams sends JSON; anything else is refused before the body is read. */
function requireJson(req: Request, _res: Response, next: Next): void {
  if (!req.is('application/json')) return next(new errors.UnsupportedMediaTypeError('Content-Type must be application/json'));
  next();
}

const nonEmpty = (value: unknown, max = 2048): boolean => typeof value === 'string' && value.trim() !== '' && value.length <= max;
const idOf = (value: unknown): unknown => (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined);

/**
 * What is wrong with a body that should be a Bot Framework activity, or undefined when it has
 * everything the adapter and the turn need: a type, the channel, the service to answer, the
 * conversation, the sender and the bot. The adapter would otherwise fail deep inside a turn.
 */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a Bot Framework activity';
  const activity = body as Record<string, unknown>;
  if (!nonEmpty(activity.type, 100)) return 'The activity needs a type';
  if (!nonEmpty(activity.channelId, 100)) return 'The activity needs a channelId';
  if (!nonEmpty(activity.serviceUrl) || !/^https?:\/\/[^\s]+$/i.test(activity.serviceUrl as string)) return 'The activity needs an http(s) serviceUrl';
  if (!nonEmpty(idOf(activity.conversation))) return 'The activity needs conversation.id';
  if (!nonEmpty(idOf(activity.from))) return 'The activity needs from.id';
  if (!nonEmpty(idOf(activity.recipient))) return 'The activity needs recipient.id';
  return undefined;
}

/** The body must be a usable activity before the adapter sees it. */
function requireActivity(req: Request, _res: Response, next: Next): void {
  const problem = activityProblem(req.body);
  if (problem) return next(new errors.BadRequestError(problem));
  next();
}

/** What a refusal says: the status's name, never the adapter's error text or a stack trace. */
const ERROR_BODIES: Record<number, { code: string; message: string }> = {
  400: { code: 'BadRequest', message: 'The activity could not be processed' },
  401: { code: 'Unauthorized', message: 'The request is not authenticated' },
  403: { code: 'Forbidden', message: 'This bot does not serve that tenant' },
  500: { code: 'InternalError', message: 'Something went wrong; it has been logged' }
};

/**
 * The response the adapter writes to. The adapter puts its internal error text (token problems,
 * exception messages) in 4xx/5xx bodies; this replaces them with a plain one and logs the status.
 * Invoke responses (2xx, or statuses the bot chose with a body) pass through unchanged.
 */
function plainErrors(res: Response, log: Logger): AdapterResponse {
  let status = 200;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      res.status(code);
    },
    header: (name: string, value: unknown) => res.header(name, value as string),
    send(body?: unknown) {
      if (status < 400 || (typeof body === 'object' && body !== null)) return res.send(body);
      log.warn({ event: 'http.refused', status }, 'request refused by the adapter');
      res.header('content-type', 'application/json');
      return res.send(JSON.stringify(ERROR_BODIES[status] ?? ERROR_BODIES[status < 500 ? 400 : 500]));
    },
    end: () => res.end()
  };
}

export function createServer({ config, log, store, adapter, app, lifecycle = new Lifecycle(), telemetry = NO_TELEMETRY }: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'council-ict-policy-bot', handleUncaughtExceptions: false });
  // restify's JSON parser reads the body first; its types omit the reader's size limit.
  const parseJson = restify.plugins.jsonBodyParser({ mapParams: false, maxBodySize: config.maxBodyBytes } as restify.plugins.JsonBodyParserOptions);

  // Each turn is tracked so that a drain after SIGTERM waits for the saves it acknowledges.
  server.post(MESSAGES_PATH, refuseWhileDraining(lifecycle), requireJson, parseJson, requireActivity, async (req: Request, res: Response) => lifecycle.track(() => telemetry.span('ictbot.turn', turnAttributes(req.body), async (set) => {
    const reply = plainErrors(res, log);
    try {
      await adapter.process(req, reply, async (context) => {
        await app.run(context);
        // Set before the adapter writes the status, which it does once the turn is over.
        const retryAfter = retryAfterOf(context);
        if (retryAfter !== undefined) res.header('Retry-After', String(retryAfter));
      });
    } catch (error) {
      // The adapter throws before the turn for an activity it cannot read; the turn's own errors are handled by the app.
      log.error({ event: 'http.adapter-failed', err: { name: (error as Error).name } }, 'adapter could not process the request');
      const status = error instanceof AdapterValidationError ? 400 : 500;
      if (!res.headersSent) res.json(status, ERROR_BODIES[status]);
    }
    set({ outcome: res.statusCode < 400 ? 'ok' : res.statusCode === 429 ? 'limited' : res.statusCode < 500 ? 'refused' : 'error', 'http.response.status_code': res.statusCode });
  })));

  // 503 when the store cannot be used, so a load balancer sends this instance nothing; the answer says no more than that.
  server.get(HEALTH_PATH, async (_req, res) => {
    let status: StoreStatus | undefined;
    try {
      status = await store.status();
      if (!status.ok) log.error({ event: 'health.store-unavailable', store: status.kind }, 'the store cannot be used');
    } catch (error) {
      log.error({ event: 'health.store-failed', err: { message: (error as Error).message } }, 'store status failed');
    }
    if (status?.ok) res.json(200, { status: 'ok', version: config.version, mode: config.bot ? 'authenticated' : 'local', store: status });
    else res.json(503, { status: 'unavailable', version: config.version });
  });

  registerReadiness(server, { log, store, lifecycle });

  server.on('restifyError', (req, _res, error, callback) => {
    log.warn({ event: 'http.error', method: req.method, path: req.path(), status: error.statusCode, code: error.code }, 'request refused');
    return callback();
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.removeListener('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
