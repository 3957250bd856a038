/**
 * Proactive cards: sends one activity to one person through their stored conversation
 * reference with `continueConversationAsync`, retrying the answers Teams asks callers to
 * retry, and marking the reference gone when Teams says the app was removed.
 *
 * The Bot Framework connector client already retries a few times inside each attempt
 * (429/503 with Retry-After, and 5xx); these retries are the outer layer for what still
 * fails, including 412, with their own cap on how long a Retry-After may hold a run up.
 */
import type { Activity, BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationBook } from './conversations.js';
import type { Logger } from '../log.js';
import { METRICS, NO_TELEMETRY, type Telemetry } from './telemetry.js';

/** Teams answers worth trying again: throttled, precondition failed, server and gateway faults. */
export const RETRYABLE_STATUSES = [412, 429, 500, 502, 503, 504] as const;
/** Teams answers that mean the bot can no longer reach this person. */
export const GONE_STATUSES = [403, 404] as const;

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** First wait without a Retry-After; doubles each try. */
  baseDelayMs: number;
  /** The longest wait, whatever Retry-After asks for. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 };

export type SendOutcome =
  | { status: 'sent' }
  | { status: 'no-conversation' }
  | { status: 'gone' }
  | { status: 'failed'; reason: string };

export interface ProactiveSender {
  /** Sends `activity` to the person with this Teams object id. */
  send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome>;
}

export interface ProactiveOptions {
  adapter: Pick<BotAdapter, 'continueConversationAsync'>;
  /** The bot's app id; empty in local mode, where the adapter sends without a token. */
  botAppId: string;
  conversations: ConversationBook;
  log: Logger;
  retry?: RetryPolicy;
  /** Waits between tries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** A span per send, and Teams' failed answers and the retries counted. */
  telemetry?: Telemetry;
}

/** The HTTP status of a failed send, if the error carries one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown; response?: { status?: unknown } })?.statusCode ?? (error as { response?: { status?: unknown } })?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The Retry-After a failed send carried, in milliseconds (seconds or an HTTP date). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined | null } } })?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** How long to wait before try number `attempt + 1`: Retry-After when given, else doubling; capped. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfter: number | undefined): number {
  const wanted = retryAfter ?? policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(wanted, policy.maxDelayMs);
}

/**
 * Runs a proactive turn so that an error inside it reaches the caller. The adapter runs the
 * turn through its middleware, which hands any error to the application's turn-error handler
 * and resolves; the caller would then count a failed send as sent and never retry it.
 * @param start - starts the turn (continueConversationAsync or createConversationAsync) with the given logic
 */
export async function runProactiveTurn(start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | undefined;
  await start(async (context) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds a sender over an adapter and the stored conversation references. */
export function createProactiveSender(options: ProactiveOptions): ProactiveSender {
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? realSleep;
  const { adapter, botAppId, conversations, log } = options;
  const telemetry = options.telemetry ?? NO_TELEMETRY;

  async function send(aadObjectId: string, activity: Partial<Activity>): Promise<SendOutcome> {
    const record = await conversations.get(aadObjectId);
    if (!record) return { status: 'no-conversation' };
    if (record.goneAt) return { status: 'gone' };
    const reference = record.reference as Partial<ConversationReference>;
    for (let attempt = 1; ; attempt++) {
      try {
        await runProactiveTurn(
          (logic) => adapter.continueConversationAsync(botAppId, reference, logic),
          async (context) => {
            await context.sendActivity(activity);
          }
        );
        return { status: 'sent' };
      } catch (error) {
        const status = statusOf(error);
        telemetry.count(METRICS.teamsAnswers, { status: status ?? 0 });
        if (status !== undefined && (GONE_STATUSES as readonly number[]).includes(status)) {
          await conversations.markGone(record);
          return { status: 'gone' };
        }
        const retryable = status !== undefined && (RETRYABLE_STATUSES as readonly number[]).includes(status);
        if (!retryable || attempt >= policy.attempts) {
          log.warn({ event: 'proactive.failed', status, attempt, err: { message: (error as Error).message } }, 'proactive send failed');
          return { status: 'failed', reason: status ? `http-${status}` : 'error' };
        }
        const wait = retryDelay(policy, attempt, retryAfterMs(error));
        telemetry.count(METRICS.teamsRetries, { status: status ?? 0 });
        log.info({ event: 'proactive.retry', status, attempt, waitMs: wait }, 'proactive send will be retried');
        await sleep(wait);
      }
    }
  }

  return {
    send: (aadObjectId, activity) =>
      telemetry.span('ictbot.proactive.send', {}, async (set) => {
        const outcome = await send(aadObjectId, activity);
        set({ outcome: outcome.status });
        return outcome;
      })
  };
}
