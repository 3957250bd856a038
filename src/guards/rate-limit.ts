/**
 * A per-person limit on what costs work or storage: messages (questions, commands,
 * `Action.Submit`), card actions and message-extension searches and link previews. Over the limit, nothing runs and the person is told
 * once per minute to wait; a flood gets no replies, so it cannot make the bot flood back.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { noticeCard } from '../shared/notice.js';
import type { FeatureDeps } from '../shared/deps.js';
import { CARD_ACTION_INVOKE, COMPOSE_EXTENSION_INVOKE_PREFIX, refuseTurn } from './refuse.js';
import { METRICS } from '../shared/telemetry.js';

const WINDOW_SECONDS = 60;

export const SLOW_DOWN_TEXT = 'You have sent a lot in the last minute, so I have paused for a moment. Please wait a minute and try again; nothing from your last try was saved.';

/** True for the activities the limit counts. */
export function isCounted(context: TurnContext): boolean {
  const { type, name } = context.activity;
  if (type === ActivityTypes.Message) return true;
  // Each keystroke in the compose-box search is a query, so searches count like messages.
  return type === ActivityTypes.Invoke && (name === CARD_ACTION_INVOKE || String(name ?? '').startsWith(COMPOSE_EXTENSION_INVOKE_PREFIX));
}

/** A `beforeTurn` handler: returns false (stop) once the sender is over the limit. */
export function rateLimitGuard(deps: FeatureDeps) {
  const perMinute = deps.config.rateLimitPerMinute;
  const options = { keyPrefix: 'turns', points: perMinute, duration: WINDOW_SECONDS };
  const limiter = deps.rateLimits?.(options) ?? new RateLimiterMemory(options);
  return async (context: TurnContext): Promise<boolean> => {
    if (!isCounted(context)) return true;
    const from = context.activity.from;
    const key = from?.aadObjectId ?? from?.id ?? 'unknown';
    try {
      await limiter.consume(key);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const firstOver = rejection.consumedPoints === perMinute + 1;
      deps.telemetry?.count(METRICS.refusals, { reason: 'rate-limit' });
      deps.log.warn({ event: 'rate.limited', activityType: context.activity.type, firstOver }, 'sender over the rate limit');
      const card = noticeCard('Please wait a minute', SLOW_DOWN_TEXT);
      if (context.activity.type === ActivityTypes.Invoke) {
        await refuseTurn(context, 429, { card, text: SLOW_DOWN_TEXT, retryAfterSeconds: rejection.msBeforeNext / 1000 });
      } else if (firstOver) await context.sendActivity(SLOW_DOWN_TEXT);
      return false;
    }
  };
}
