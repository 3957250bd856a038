/**
 * The one flow every report form follows, whatever the kind of report. A kind (device
 * complaints, number sharing) says only what differs: its command and verbs, its fields and
 * their check, how its record is built, its cards, and what happens once it is stored.
 *
 * - Opening: the typed command or a button shows a blank form in the person's 1:1 chat; in
 *   a channel or group chat the form goes to the 1:1 chat instead (reports are private).
 * - Submitting: a known sender in a 1:1 chat; a card already stored (a double click, a Teams
 *   retry) answers with the stored report; otherwise every field is checked on the server and
 *   a bad card comes back with the person's values kept and each problem named, nothing
 *   stored. A good card is stored once per submission id, the reporter's new cohort answers
 *   go to their profile, the kind's after-store step runs, and the confirmation replaces the form.
 */
import type { TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from './activity.js';
import { onCardAction } from './card-actions.js';
import type { AdaptiveCard } from './cards.js';
import { cohortQuestions, knownCohort, profileWithAnswers, type CohortQuestions } from './cohort.js';
import type { CommandName } from './commands.js';
import { reportDateBounds, type DateBounds } from './dates.js';
import type { BotApp, FeatureDeps } from './deps.js';
import { NOT_IN_SHARED_CHATS, registerPrivateCard } from './private-chat.js';
import { EXPIRED_FORM, newSubmissionId, submittedId, UNKNOWN_REPORTER, type ReportForm, type SubmissionFacts } from './report-forms.js';
import { METRICS } from './telemetry.js';
import { keptValues, type Checked } from './validation.js';
import type { CohortAnswers, NewReport, Report } from '../store/types.js';

/** One kind of report taken with a form in Teams: everything the flow cannot know. */
export interface ReportFormKind<Values, Submission, Stored extends Report> {
  /** The kind's name in log events, e.g. `complaint` for `complaint.stored`. */
  name: string;
  /** The kind as log messages say it, e.g. "number-sharing report". */
  label: string;
  command: CommandName;
  /** What the person would type, for the message when the 1:1 chat cannot be opened. */
  commandTitle: string;
  verbs: { open: string; submit: string };
  /** The form's inputs: what a form sent back with problems shows again. */
  fields: readonly string[];
  blank(bounds: DateBounds): Values;
  /** Checks a submission on the server; `ask` is what the card asked of the reporter's cohort. */
  check(data: Record<string, unknown>, form: { bounds: DateBounds; ask: CohortQuestions; reporterId: string }): Checked<Submission>;
  /**
   * The record to store.
   * @param reporterKnown the reporter's cohort answers as the records hold them.
   */
  build(submission: Submission, submitted: Omit<SubmissionFacts, 'cohort'>, reporterKnown: CohortAnswers): Promise<NewReport>;
  /** The reporter's own cohort answers given on the card, which their profile keeps. */
  reporterAnswers(submission: Submission): Partial<CohortAnswers>;
  formCard(form: ReportForm<Values>): Promise<AdaptiveCard>;
  confirmationCard(report: Stored, repeat: boolean): AdaptiveCard;
  /** Runs once for a report this submission created (not for a repeat), e.g. to tell its manager. */
  stored?(report: Stored): void;
  /** Ids and choices (never free text) that a log of the stored report may carry. */
  logged?(submission: Submission): Record<string, string>;
}

/** What a submit handler needs to go on, or the answer that ends it early. */
type SubmissionStart =
  /** `submissionId` is undefined when the card sent none, or one already used by someone else. */
  | { kind: 'go'; reporterId: string; submissionId?: string }
  | { kind: 'repeat'; report: Report }
  | { kind: 'stop'; answer: AdaptiveCard | string };

/**
 * The checks every report submission starts with: a known sender, a 1:1 chat, and whether
 * this card was already stored, which answers with the stored report whatever the card now says.
 */
async function startSubmission(context: TurnContext, deps: FeatureDeps, data: Record<string, unknown>): Promise<SubmissionStart> {
  const reporterId = senderId(context);
  if (!reporterId) return { kind: 'stop', answer: UNKNOWN_REPORTER };
  if (!isPersonalChat(context)) return { kind: 'stop', answer: NOT_IN_SHARED_CHATS };
  const id = submittedId(data);
  const report = id ? await deps.store.reports.getBySubmission(id) : undefined;
  if (report?.reporterId === reporterId) return { kind: 'repeat', report };
  // Someone else's id (a forged card) must never show or touch their report: treat it as no id.
  return { kind: 'go', reporterId, submissionId: report ? undefined : id };
}

/** Registers a report kind's form: its command and open button, and its submit button. */
export function registerReportForm<Values, Submission, Stored extends Report>(app: BotApp, deps: FeatureDeps, kind: ReportFormKind<Values, Submission, Stored>): void {
  const { config, store, log, now } = deps;
  const bounds = () => reportDateBounds(now(), config.timeZone, config.retentionMonths);
  const form = (today: DateBounds, ask: CohortQuestions, values: Values, shown: Pick<ReportForm<Values>, 'submissionId' | 'errors'>) =>
    kind.formCard({ ...shown, values, ask, bounds: today, retentionMonths: config.retentionMonths });

  registerPrivateCard(app, deps, {
    command: kind.command,
    commandTitle: kind.commandTitle,
    verb: kind.verbs.open,
    unknownSender: UNKNOWN_REPORTER,
    card: async (reporterId) => {
      const today = bounds();
      return form(today, cohortQuestions(knownCohort(await store.people.getProfile(reporterId))), kind.blank(today), { submissionId: newSubmissionId() });
    }
  });

  onCardAction(app, kind.verbs.submit, async (context, data) => {
    const start = await startSubmission(context, deps, data);
    if (start.kind === 'stop') return start.answer;
    if (start.kind === 'repeat') {
      log.info({ event: `${kind.name}.repeat`, reference: start.report.id }, `${kind.label} already stored`);
      return kind.confirmationCard(start.report as Stored, true);
    }
    const { reporterId, submissionId } = start;
    const profile = await store.people.getProfile(reporterId);
    const known = knownCohort(profile);
    const ask = cohortQuestions(known);
    const today = bounds();
    const checked = kind.check(data, { bounds: today, ask, reporterId });
    if (!checked.ok || !submissionId) {
      const errors = checked.ok ? {} : checked.errors;
      log.info({ event: `${kind.name}.rejected`, fields: Object.keys(errors), submissionId: Boolean(submissionId) }, `${kind.label} submission rejected`);
      return form(today, ask, keptValues(data, kind.fields) as Values, {
        submissionId: submissionId ?? newSubmissionId(),
        errors: submissionId ? errors : { ...errors, form: EXPIRED_FORM }
      });
    }

    const submittedAt = now().toISOString();
    const { report, created } = await store.reports.add(await kind.build(checked.value, { submissionId, reporterId, submittedAt }, known));
    if (created) {
      const updated = profileWithAnswers(profile, reporterId, kind.reporterAnswers(checked.value), submittedAt);
      if (updated) await store.people.saveProfile(updated);
      kind.stored?.(report as Stored);
      deps.telemetry?.count(METRICS.reportsStored, { kind: kind.name });
    }
    log.info(
      { event: `${kind.name}.${created ? 'stored' : 'repeat'}`, reference: report.id, ...kind.logged?.(checked.value) },
      `${kind.label} ${created ? 'stored' : 'already stored'}`
    );
    return kind.confirmationCard(report as Stored, !created);
  });
}
