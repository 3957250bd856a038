/**
 * A message Teams delivers again (it retries when the bot is slow to answer) is handled
 * once: the first delivery claims its activity id in the bot state that instances share,
 * and a repeat is dropped, so the person gets one answer and the store one question or
 * submission. Card actions (invokes) are not dropped: Teams waits for their answer, and
 * each is safe to run again (a card's submission is stored once and says so).
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { FeatureDeps } from '../shared/deps.js';
import { isETagConflict } from '../store/bot-state.js';

/** How long an activity id is remembered: well beyond Teams' retries, which come within a minute. */
export const REMEMBER_ACTIVITY_MS = 15 * 60_000;

/** The state key an activity is claimed under. */
export function activityKey(context: TurnContext): string | undefined {
  const { id, conversation } = context.activity;
  return id && conversation?.id ? `handled-activity/${conversation.id}/${id}` : undefined;
}

/** A `beforeTurn` handler: returns false (stop) for a message already handled. */
export function repeatGuard(deps: Pick<FeatureDeps, 'store' | 'log'>) {
  const { store, log } = deps;
  return async (context: TurnContext): Promise<boolean> => {
    if (context.activity.type !== ActivityTypes.Message) return true;
    const key = activityKey(context);
    if (!key) return true;
    try {
      // Any eTag but '*' writes only where nothing is stored yet (see store/bot-state.ts).
      await store.botState.write({ [key]: { claimed: true, eTag: 'claim' } });
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      log.info({ event: 'activity.repeat', activityType: context.activity.type }, 'repeated delivery dropped');
      return false;
    }
    setTimeout(() => void store.botState.delete([key]).catch(() => undefined), REMEMBER_ACTIVITY_MS).unref();
    return true;
  };
}
