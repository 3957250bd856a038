/**
 * What the two report forms (device complaints and number sharing) share: they open only
 * in a person's 1:1 chat, every submission is checked for a sender and a private chat, and
 * a card submitted twice finds the report the first submit stored.
 */
import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from './activity.js';
import { cardAttachment, type AdaptiveCard, type CardFact } from './cards.js';
import { onCardAction } from './card-actions.js';
import { onCommand } from './command-routes.js';
import type { CommandName } from './commands.js';
import type { DateBounds } from './dates.js';
import type { BotApp, FeatureDeps } from './deps.js';
import { unknownSenderCard } from './notice.js';
import { sendToPersonalChat } from './private-chat.js';
import type { CohortAnswers, Report } from '../store/types.js';

export const SENT_PRIVATELY = 'Reports are private, so I\u2019ve sent this to your 1:1 chat with me. Only you can see it there.';
export const NOT_IN_SHARED_CHATS = 'Reports are taken only in your 1:1 chat with me, so nothing was saved here.';

/** What to say in a shared chat when the 1:1 chat could not be opened. */
export function openChatYourself(commandTitle: string): string {
  return `Reports are private, so I don\u2019t take them here, and I couldn\u2019t open a 1:1 chat with you. Select my name, choose Chat, and type "${commandTitle}".`;
}

/** Shown when Teams did not say who sent a report. */
export const UNKNOWN_REPORTER = unknownSenderCard('take a report');

/** The form-wide problem when a card came back without a usable submission id. */
export const EXPIRED_FORM = 'This form had expired, so here it is again with your answers. Please send it again.';

/** What every report form's template reads, besides the fields of its own kind. */
export interface ReportFormCardData<Values> {
  submissionId: string;
  /** The submit button's verb. */
  verb: string;
  /** What the inputs show: blank, or what the person sent when the form comes back. */
  values: Values;
  /** A problem (or '') for every field, so templates can test `errors.x != ''`. */
  errors: Record<string, string>;
  hasErrors: boolean;
  formError: string;
  /** The cohort questions the records cannot answer, which the form asks. */
  ask: Record<'worksWithChildrenOrVulnerable' | 'remoteOrFlexible', boolean>;
  bounds: DateBounds;
  privacy: string;
}

/** What every report confirmation's template reads, besides the fields of its own kind. */
export interface ReportConfirmationCardData {
  reference: string;
  /** The card had been received before: nothing new was saved. */
  repeat: boolean;
  facts: CardFact[];
  /** The "My reports" button's verb. */
  listVerb: string;
}

/** What every report made in Teams records about its submission, whatever its kind. */
export interface SubmissionFacts {
  submissionId: string;
  reporterId: string;
  submittedAt: string;
  /** The cohort answers of the person the report is about, as they stand now. */
  cohort: CohortAnswers;
}

/** The fields every new report from Teams starts with: open, with its first history entry. */
export function newReportBase(facts: SubmissionFacts) {
  return {
    submissionId: facts.submissionId,
    submittedAt: facts.submittedAt,
    reporterId: facts.reporterId,
    status: 'open' as const,
    history: [{ status: 'open' as const, at: facts.submittedAt, by: facts.reporterId }],
    source: 'teams' as const,
    cohort: facts.cohort
  };
}

/** A fresh id for a rendered form; the store keeps one report per id. */
export function newSubmissionId(): string {
  return randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The submission id a card sent back, when it is one the bot could have made. */
export function submittedId(data: Record<string, unknown>): string | undefined {
  const id = data.submissionId;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : undefined;
}

/** The "who sees it, how long it is kept" line on both forms. */
export function privacyText(kind: Report['kind'], retentionMonths: number): string {
  const who =
    kind === 'device-complaint'
      ? 'Who sees this: the council\u2019s FOI officers, and your manager may be told about device problems so they can help.'
      : 'Who sees this: the council\u2019s FOI officers, who count reports to answer Freedom of Information requests. It is about making sure staff have the phones they need, not about blame.';
  return `${who} It is kept for ${retentionMonths} months, then deleted. You can withdraw it at any time from "my reports".`;
}

export interface PrivateCardOpeners {
  command: CommandName;
  /** What the person would type, for the message when the 1:1 chat cannot be opened. */
  commandTitle: string;
  verb: string;
  /** The card for this person (an empty form, or their own reports). */
  card: (reporterId: string) => Promise<AdaptiveCard>;
  /** Shown when Teams did not say who the sender is. */
  unknownSender: AdaptiveCard;
}

/**
 * Registers the typed command and the button that open a private card (a report form or
 * "my reports"). In a 1:1 chat the card is shown there; in a channel or group chat it is
 * sent to the person's 1:1 chat and the shared chat hears only that.
 */
export function registerPrivateCard(app: BotApp, deps: FeatureDeps, openers: PrivateCardOpeners): void {
  async function sendPrivately(context: TurnContext, reporterId: string): Promise<string> {
    const sent = await sendToPersonalChat(context, deps, MessageFactory.attachment(cardAttachment(await openers.card(reporterId))));
    return sent ? SENT_PRIVATELY : openChatYourself(openers.commandTitle);
  }

  onCommand(app, openers.command, async (context) => {
    const reporterId = senderId(context);
    if (!reporterId) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(openers.unknownSender)));
    } else if (isPersonalChat(context)) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(await openers.card(reporterId))));
    } else {
      await context.sendActivity(await sendPrivately(context, reporterId));
    }
  });

  onCardAction(app, openers.verb, async (context) => {
    const reporterId = senderId(context);
    if (!reporterId) return openers.unknownSender;
    // In a shared chat, a message to the presser only, so the card stays as it is for everyone else.
    return isPersonalChat(context) ? openers.card(reporterId) : sendPrivately(context, reporterId);
  });
}

/** What a submit handler needs to go on, or the answer that ends it early. */
export type SubmissionStart =
  /** `submissionId` is undefined when the card sent none, or one already used by someone else. */
  | { kind: 'go'; reporterId: string; submissionId?: string }
  | { kind: 'repeat'; reporterId: string; report: Report }
  | { kind: 'stop'; answer: AdaptiveCard | string };

/**
 * The checks every report submission starts with: a known sender, a 1:1 chat, and whether
 * this card was already stored (a double click or a Teams retry), which answers with the
 * stored report whatever the card now says.
 */
export async function startSubmission(context: TurnContext, deps: FeatureDeps, data: Record<string, unknown>, unknownSender: AdaptiveCard): Promise<SubmissionStart> {
  const reporterId = senderId(context);
  if (!reporterId) return { kind: 'stop', answer: unknownSender };
  if (!isPersonalChat(context)) return { kind: 'stop', answer: NOT_IN_SHARED_CHATS };
  const id = submittedId(data);
  const report = id ? await deps.store.getReportBySubmission(id) : undefined;
  if (report?.reporterId === reporterId) return { kind: 'repeat', reporterId, report };
  // Someone else's id (a forged card) must never show or touch their report: treat it as no id.
  return { kind: 'go', reporterId, submissionId: report ? undefined : id };
}
