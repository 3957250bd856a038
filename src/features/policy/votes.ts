/**
 * "Did this answer your question?": the asker's vote, from the answer card's Yes and No or
 * from Teams' thumbs up and down on a streamed answer, kept the same way from either: on the
 * question's record, where "policy gaps" finds the down-voted ones.
 *
 * Teams' thumbs arrive as a `message/submitAction` invoke that names only the message voted
 * on, so the id of each streamed answer is kept (in the bot state the instances share) with
 * the question it answers. The comment Teams lets the person type with a thumb is neither
 * kept nor logged: the vote is what the policy owner needs, and free text may carry anything.
 */
import type { TurnContext } from 'botbuilder';
import { senderId } from '../../shared/activity.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import type { BotStateStore } from '../../store/bot-state.js';
import type { PolicyFeedback } from '../../store/types.js';

/** What became of a vote. */
export type VoteOutcome = 'refused' | 'same' | 'stored' | 'changed';

/** Where a vote came from, for the logs. */
export type VoteSource = 'card' | 'thumbs';

/** The bot-state key that ties a streamed answer's message to its question. */
function answerKey(conversationId: string, messageId: string): string {
  return `policy-answer/${conversationId}/${messageId}`;
}

/**
 * Stores `voter`'s vote on the question `entry`; only the person who asked may vote, and a
 * vote the record already holds writes nothing (so a repeated delivery changes nothing).
 */
export async function storeVote(deps: Pick<FeatureDeps, 'store' | 'log'>, entry: PolicyFeedback, voter: string | undefined, helpful: boolean, via: VoteSource): Promise<VoteOutcome> {
  const { store, log } = deps;
  if (!voter || voter !== entry.askerId) {
    log.warn({ event: 'policy.vote.refused', feedbackId: entry.id, via }, 'vote on someone else\u2019s question');
    return 'refused';
  }
  if (entry.helpful === helpful) return 'same';
  await store.feedback.setHelpful(entry.id, helpful);
  log.info({ event: 'policy.vote', feedbackId: entry.id, helpful, changed: entry.helpful !== undefined, via }, 'policy answer rated');
  return entry.helpful === undefined ? 'stored' : 'changed';
}

/** Keeps which question the streamed answer `messageId` in this conversation answers. */
export async function rememberStreamedAnswer(state: BotStateStore, context: TurnContext, messageId: string, feedbackId: string): Promise<void> {
  const conversationId = context.activity.conversation?.id;
  if (!conversationId) return;
  await state.write({ [answerKey(conversationId, messageId)]: { feedbackId, eTag: '*' } });
}

/** Registers the route for Teams' thumbs up and down on a streamed answer. */
export function registerThumbs(app: BotApp, deps: Pick<FeatureDeps, 'store' | 'log'>): void {
  const { store, log } = deps;
  app.feedbackLoop(async (context, _state, feedbackLoop) => {
    const conversationId = context.activity.conversation?.id;
    const key = conversationId && feedbackLoop.replyToId ? answerKey(conversationId, feedbackLoop.replyToId) : undefined;
    const feedbackId = key && (await store.botState.read([key]))[key]?.feedbackId;
    const entry = typeof feedbackId === 'string' ? await store.feedback.get(feedbackId) : undefined;
    if (!entry) {
      log.warn({ event: 'policy.vote.unknown', via: 'thumbs' }, 'vote for an unknown question');
      return;
    }
    const reaction = feedbackLoop.actionValue?.reaction;
    if (reaction !== 'like' && reaction !== 'dislike') {
      log.warn({ event: 'policy.vote.unreadable', via: 'thumbs' }, 'vote that is neither up nor down');
      return;
    }
    await storeVote(deps, entry, senderId(context), reaction === 'like', 'thumbs');
  });
}
