/**
 * Readiness for the platform in front of the bot (App Service, a container orchestrator, a
 * load balancer): `GET /readyz` answers 503 while the store cannot be reached, a part of the
 * bot has a problem (the policy failing its check), or the bot is draining after
 * SIGTERM, so traffic stops before the process does. While draining, new messages get 503 too
 * (Teams delivers them again, to an instance that is up). `/healthz` stays the cheap liveness check.
 */
import type { Next, Request, Response, Server } from 'restify';
import type { Logger } from './log.js';
import type { Lifecycle } from './shared/lifecycle.js';
import type { Store } from './store/store.js';

export const READY_PATH = '/readyz';
/** The longest `/readyz` waits for the store: a database that does not answer is not reachable. */
export const READY_STORE_TIMEOUT_MS = 2000;
/** What a request refused while draining is told to wait before trying again (seconds). */
const DRAINING_RETRY_AFTER_S = 5;

export interface ReadinessDeps {
  log: Logger;
  store: Store;
  lifecycle: Lifecycle;
}

/** What `/readyz` says: ready or not, and each check by name, never an error's text. */
export interface Readiness {
  ready: boolean;
  checks: { store: 'ok' | 'unavailable' | 'not-checked'; draining: boolean } & Record<string, string | boolean>;
}

/** `work`'s answer, or `late` when it takes longer than {@link READY_STORE_TIMEOUT_MS}. */
async function within<T>(work: Promise<T>, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), READY_STORE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function storeReachable({ store, log }: ReadinessDeps): Promise<boolean> {
  const ok = await within(
    store.status().then(
      (status) => status.ok,
      (error: Error) => (log.warn({ event: 'ready.store-failed', err: { name: error.name } }, 'store status failed'), false)
    ),
    false
  );
  if (!ok) log.warn({ event: 'ready.store-unavailable' }, 'the store cannot be reached');
  return ok;
}

/** Checks everything readiness depends on; a draining bot is not asked, as it is going away whatever the answer. */
export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const { lifecycle } = deps;
  if (lifecycle.draining) return { ready: false, checks: { store: 'not-checked', draining: true } };
  const [reachable, parts] = await Promise.all([storeReachable(deps), within(lifecycle.checkParts(), { parts: 'timed-out' } as Record<string, string>)]);
  const ready = reachable && Object.values(parts).every((answer) => answer === 'ok');
  return { ready, checks: { ...parts, store: reachable ? 'ok' : 'unavailable', draining: false } };
}

/** Refuses a message while the bot drains, before its body is read. */
export function refuseWhileDraining(lifecycle: Lifecycle) {
  return (_req: Request, res: Response, next: Next): void => {
    if (!lifecycle.draining) return next();
    res.header('Retry-After', String(DRAINING_RETRY_AFTER_S));
    res.header('Connection', 'close');
    res.json(503, { code: 'ServiceUnavailable', message: 'The bot is restarting; send again shortly' });
    next(false);
  };
}

/** Adds `GET /readyz` to the server. */
export function registerReadiness(server: Server, deps: ReadinessDeps): void {
  server.get(READY_PATH, async (_req: Request, res: Response) => {
    const result = await readiness(deps);
    res.json(result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'not-ready', checks: result.checks });
  });
}
