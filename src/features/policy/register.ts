/**
 * Policy Q&A: any message that is not a command is a policy question, answered from the
 * policy by retrieval (and, when a model is configured, phrased by it). Each question is
 * kept once, with the asker's "did this answer your question?" vote, for the policy
 * owner's "policy gaps". Question text goes to that record only, never to the logs.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PromptCompletionModel } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isPersonalChat, senderId } from '../../shared/activity.js';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { METRICS } from '../../shared/telemetry.js';
import { cardChoice, cardText, checkCardData, clip } from '../../shared/validation.js';
import type { PolicyFeedback } from '../../store/types.js';
import { helpCard } from '../../shared/help-card.js';
import { noticeCard } from '../../shared/notice.js';
import { registerComposeExtension, typedText } from './compose-extension.js';
import { answerCard, notFoundCard, POLICY_VERBS, sectionLink, type OfferedSection } from './cards.js';
import { registerGaps } from './gaps-actions.js';
import { LinkedQuestions } from './linked-questions.js';
import { aiEntity, AnswerPhraser, createModel, type GroundingSection } from './phrasing.js';
import { LivePolicy } from './live-policy.js';
import { configuredSources } from './policy-source.js';
import { followPolicy, registerReload } from './reload.js';
import { streamAnswer } from './streamed-answer.js';
import { registerThumbs, rememberStreamedAnswer, storeVote } from './votes.js';
import type { PolicySection } from './policy-document.js';
import { isDeviceProblem, OUT_OF_SCOPE, type PolicyAnswer, type PolicyIndex } from './retrieval.js';
import { ANSWER_THRESHOLD } from './verdict.js';

/** Longest question kept; Teams messages can be long, questions are not. */
export const MAX_QUESTION_CHARS = 500;
/** Messages this short that match nothing in the policy get the help card instead of "not in the policy". */
const SHORT_MESSAGE_WORDS = 2;

const askSchema = z.object({ question: cardText('Type your question first.') });
const voteSchema = z.object({
  feedbackId: cardText('This vote is missing its question.'),
  helpful: cardChoice(['yes', 'no'], 'Choose Yes or No.')
});
/** A question's id is a hash or a UUID; anything else is no question, and the section shows on its own. */
const sectionSchema = z.object({ sectionId: cardText('Choose a section.'), feedbackId: z.string().max(64).optional().catch(undefined) });

export interface PolicyOptions {
  /** A model to phrase answers; tests pass a stub. Defaults to the configured OpenAI or Azure OpenAI model. */
  model?: PromptCompletionModel;
}

/**
 * The question's id: the same for every delivery of one activity, so a repeat keeps one
 * record; a fresh one when the activity has no id (a test or an odd client).
 */
function feedbackIdOf(context: TurnContext): string {
  const { id, conversation } = context.activity;
  if (!id || !conversation?.id) return randomUUID();
  return createHash('sha256').update(`${conversation.id}\n${id}`).digest('hex').slice(0, 32);
}

/**
 * Registers policy Q&A. Its message route takes every message no earlier route took,
 * so call this after every other feature's `register`.
 */
export function register(app: BotApp, deps: FeatureDeps, options: PolicyOptions = {}): void {
  const { config, store, log, now } = deps;
  const live = new LivePolicy({
    sources: configuredSources(config.policy),
    // Only instances sharing a PostgreSQL store have others to keep in step with.
    shared: config.store.kind === 'postgres' ? store.botState : undefined,
    now
  });
  live.index.ready().then(
    () => live.index.vectorsNotKept && log.warn({ event: 'policy.meanings.not-kept', reason: live.index.vectorsNotKept }, "the policy's meanings are not kept for the next start"),
    (error: Error) => log.error({ event: 'policy.meanings.failed', err: { message: error.message } }, "the policy's meanings could not be encoded: no question can be answered")
  );
  const model = options.model ?? (config.llm && createModel(config.llm));
  const phraser = model && new AnswerPhraser(model);
  const sample = !config.policy.file;
  registerReload(app, deps, live);
  const linked = new LinkedQuestions(store.policyLinks, live);
  registerGaps(app, deps, live, linked);
  // The compose-box search and link unfurling answer from the same policy as the chat.
  registerComposeExtension(app, deps, live);

  /** Answers and keeps the question; returns the card and what was found. */
  async function answer(context: TurnContext, text: string): Promise<{ card: AdaptiveCard; result: PolicyAnswer; question: string; feedbackId: string }> {
    const question = clip(text.trim(), MAX_QUESTION_CHARS);
    await followPolicy(live, deps);
    // Links made since the last question, here or on another instance; without the store the
    // answer comes from what was learnt before.
    await linked.refresh().catch((error: Error) => log.warn({ event: 'policy.links.unread', reason: error.message }, 'policy links not read'));
    const index = live.index;
    const policyTitle = index.document.title;
    const result = await index.answer(question);
    const id = feedbackIdOf(context);
    // A delivery Teams repeats (the same activity) answers again but keeps the question once.
    const kept = await store.feedback.get(id);
    const feedback: PolicyFeedback = kept ?? {
      id,
      at: now().toISOString(),
      askerId: senderId(context),
      question,
      sectionId: result.answered ? result.best?.sectionId : undefined,
      answered: result.answered
    };
    if (!kept) await store.feedback.add(feedback);
    deps.telemetry?.count(METRICS.questions, { outcome: result.answered ? 'answered' : result.otherTopic ? 'out-of-scope' : 'not-found' });
    log.info(
      { event: result.answered ? 'policy.answered' : 'policy.not-found', feedbackId: feedback.id, sectionId: result.best?.sectionId, score: result.best?.score },
      'policy question'
    );
    const showDeviceProblem = isDeviceProblem(index, question);
    const card = result.answered
      ? answerCard({
          policyTitle, policyUrl: config.policy.url, sample, sectionId: result.best!.sectionId, sectionTitle: result.best!.sectionTitle, passage: result.passage,
          question, feedbackId: feedback.id, alsoClose: result.offered, showDeviceProblem
        })
      : notFoundCard({
          policyTitle, policyUrl: config.policy.url, question, closest: result.offered, feedbackId: feedback.id, ictContact: config.ictContact, showDeviceProblem,
          otherTopic: result.otherTopic && { title: result.otherTopic.id === OUT_OF_SCOPE ? '' : result.otherTopic.title, where: result.otherTopic.where }
        });
    return { card, result, question, feedbackId: feedback.id };
  }

  /**
   * The card for a kept question showing one of its sections: the one that answered, with the
   * vote, or another the card offered, with the answer first among those one press away.
   * After "No" the closest other sections are offered; after "Yes", none beside the answer.
   */
  async function keptQuestionCard(index: PolicyIndex, entry: PolicyFeedback, section: PolicySection, extra: { voteMessage?: string; voteProblem?: string } = {}): Promise<AdaptiveCard> {
    const isAnswer = section.id === entry.sectionId;
    // Without the policy's meanings the other sections cannot be worked out; the section still shows.
    const result = isAnswer && entry.helpful === true ? undefined : await index.answer(entry.question).catch(() => undefined);
    const answer = !isAnswer && entry.sectionId ? index.section(entry.sectionId) : undefined;
    const candidates: OfferedSection[] = [
      ...(answer ? [{ sectionId: answer.id, sectionTitle: answer.title }] : []),
      ...((entry.helpful === false ? result?.closest : result?.onCard) ?? [])
    ];
    const others: OfferedSection[] = [];
    for (const m of candidates) if (m.sectionId !== section.id && !others.some((o) => o.sectionId === m.sectionId)) others.push(m);
    return answerCard({
      policyTitle: index.document.title, policyUrl: config.policy.url, sample, sectionId: section.id, sectionTitle: section.title,
      passage: index.passage(section.id, entry.question), question: entry.question, feedbackId: entry.id, askVote: isAnswer,
      alsoClose: others.slice(0, 2), offeredAs: !isAnswer ? 'also' : entry.helpful === false ? 'instead' : 'close', showDeviceProblem: isDeviceProblem(index, entry.question), ...extra
    });
  }

  /** The sections a model may use: those retrieval is confident about, best first. */
  function grounding(result: PolicyAnswer): GroundingSection[] {
    return result.closest
      .filter((m, i) => i === 0 || m.score >= ANSWER_THRESHOLD)
      .slice(0, 2)
      .map((m) => {
        const section = live.index.section(m.sectionId)!;
        return { title: section.title, text: section.paragraphs.join('\n\n'), link: sectionLink(config.policy.url, section.id) };
      });
  }

  // The help card's "Ask a policy question": the answer replaces the help card. No model
  // here: Teams wants a card action answered within seconds.
  onCardAction(app, POLICY_VERBS.ask, async (context, data) => {
    const checked = checkCardData(askSchema, data);
    if (!checked.ok) return noticeCard('Type your question first', 'Write your question in the box, then press Ask. Or just type it in the chat.', true);
    return (await answer(context, checked.value.question)).card;
  });

  onCardAction(app, POLICY_VERBS.section, async (context, data) => {
    const checked = checkCardData(sectionSchema, data);
    const index = live.index;
    const section = checked.ok ? index.section(checked.value.sectionId) : undefined;
    // Offered on the card for a question: shown for that question.
    const entry = checked.ok && checked.value.feedbackId ? await store.feedback.get(checked.value.feedbackId) : undefined;
    const gone = 'That section is not in the policy any more. Ask your question again in the chat.';
    // The card for a question stays as it is; a section shown on its own gives way to the notice.
    if (!section) return entry ? gone : noticeCard('Section not found', gone, true);
    if (!entry) {
      const passage = section.paragraphs.join('\n\n');
      return answerCard({ policyTitle: index.document.title, policyUrl: config.policy.url, sample, sectionId: section.id, sectionTitle: section.title, passage, question: '', showDeviceProblem: false });
    }
    // The asker opening another section than the answer tells the policy owner where the answer was.
    const byAsker = entry.askerId !== undefined && entry.askerId === senderId(context);
    if (byAsker && section.id !== entry.sectionId && section.id !== entry.openedSectionId) {
      await store.feedback.setOpened(entry.id, section.id).catch((error: Error) => log.warn({ event: 'policy.section.unnoted', reason: error.message }, 'opened section not kept'));
    }
    log.info({ event: 'policy.section.opened', feedbackId: entry.id, sectionId: section.id, answeredFrom: entry.sectionId, byAsker }, 'offered section opened');
    return keptQuestionCard(index, entry, section);
  });

  onCardAction(app, POLICY_VERBS.vote, async (context, data) => {
    const checked = checkCardData(voteSchema, data);
    if (!checked.ok) return noticeCard('That vote could not be read', 'Please ask your question again and use the Yes or No buttons on the answer.', true);
    const { feedbackId, helpful } = checked.value;
    const entry = await store.feedback.get(feedbackId);
    const index = live.index;
    const section = entry?.sectionId ? index.section(entry.sectionId) : undefined;
    if (!entry || !section) {
      log.warn({ event: 'policy.vote.unknown' }, 'vote for an unknown question');
      return noticeCard('That question is no longer here', 'I can\u2019t find the question this vote is for. Please ask it again.', true);
    }
    const isHelpful = helpful === 'yes';
    const outcome = await storeVote(deps, entry, senderId(context), isHelpful, 'card');
    const card = (extra: { voteMessage?: string; voteProblem?: string }) => keptQuestionCard(index, outcome === 'refused' ? entry : { ...entry, helpful: isHelpful }, section, extra);
    if (outcome === 'refused') return card({ voteProblem: 'Only the person who asked this question can say whether it was answered.' });
    if (outcome === 'same') return card({ voteMessage: 'You already told us this. Thank you.' });
    const thanks = isHelpful
      ? 'Thank you. Glad that helped.'
      : `Thank you. The policy owner will see that this did not answer your question. For help now, contact ${config.ictContact}.`;
    return card({ voteMessage: outcome === 'stored' ? thanks : `Changed. ${thanks}` });
  });

  // Teams' thumbs up and down on a streamed answer (only a model's answers stream): stored as the card's vote is.
  if (phraser) registerThumbs(app, deps);

  // Last: every other message is a policy question.
  app.activity('message', async (context) => {
    const text = typedText(context.activity.text);
    // A policy card shared from the compose box, with nothing typed: not a question, and no reply.
    if (!text && context.activity.attachments?.length) return;
    await followPolicy(live, deps);
    const index = live.index;
    // A word or two the policy does not know at all is more likely a mistyped command or a greeting than a question.
    if (!text || (text.split(/\s+/).length <= SHORT_MESSAGE_WORDS && !index.knowsAnyWord(text))) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(helpCard(!config.bot))));
      return;
    }
    const { card, result, question, feedbackId } = await answer(context, text);
    // The quoted answer goes out at once; a model's phrasing follows it, if it comes in time,
    // so a slow model never holds the turn past what Teams waits for (it would deliver again).
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    if (!phraser || !result.answered) return;
    const onError = (reason: string) => log.warn({ event: 'policy.phrasing.failed', reason }, 'model answer not used');
    // Teams streams only in 1:1 chats; elsewhere the phrased answer is sent whole.
    if (isPersonalChat(context)) {
      const messageId = await streamAnswer(context, phraser, question, grounding(result), onError);
      if (messageId) await rememberStreamedAnswer(store.botState, context, messageId, feedbackId);
      return;
    }
    const phrased = await phraser.phrase(context, question, grounding(result), onError);
    if (!phrased) return;
    const reply = MessageFactory.text(phrased.text);
    reply.entities = [aiEntity(phrased.citations) as unknown as NonNullable<typeof reply.entities>[number]];
    await context.sendActivity(reply);
  });
}
