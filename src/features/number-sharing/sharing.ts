/**
 * The personal-number sharing report (FOI question g): its form, the check of what it
 * sends back, whose cohort answers it records, and the confirmation.
 */
import { z } from 'zod';
import { renderCard, type AdaptiveCard, type CardChoice } from '../../shared/cards.js';
import { askedCohortAnswers, cardCohortAnswer, COHORT_ANSWER_MESSAGE, COHORT_FIELDS, mergeCohort, optionalCohortAnswer, type CohortQuestions } from '../../shared/cohort.js';
import { cardDate, readableDate, type DateBounds } from '../../shared/dates.js';
import { choicesOf, SHARING_REASON_LABELS, SHARED_WITH_LABELS, TOLD_NOT_TO_LABELS } from '../../shared/report-labels.js';
import { newReportBase, reportConfirmationData, reportFormData, type ReportConfirmationCardData, type ReportForm, type ReportFormCardData, type SubmissionFacts } from '../../shared/report-forms.js';
import { cardChoice, checkCardData, isGuid, type Checked, type FieldErrors } from '../../shared/validation.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { SHARED_WITH, SHARING_REASONS, TOLD_NOT_TO, type CohortAnswers, type NewReport, type NumberSharingReport } from '../../store/types.js';

export const SHARING_VERBS = { open: OPEN_VERBS.sharing, submit: 'sharing.submit' } as const;

export const MAX_NOTE = 500;

/** Who sees a number-sharing report: the first sentence of the form's privacy line. */
const WHO_SEES =
  'Who sees this: the council\u2019s FOI officers, who count reports to answer Freedom of Information requests. It is about making sure staff have the phones they need, not about blame.';

export const COLLEAGUE_COHORT_FIELDS = { worksWithChildrenOrVulnerable: 'colleagueWorksWithChildrenOrVulnerable', remoteOrFlexible: 'colleagueRemoteOrFlexible' } as const;

export const SHARING_FIELDS = [
  'subject',
  'colleagueId',
  'sharedWith',
  'toldNotTo',
  'reason',
  'occurredOn',
  'note',
  ...COHORT_FIELDS,
  ...Object.values(COLLEAGUE_COHORT_FIELDS)
] as const;
export type SharingCardValues = Record<(typeof SHARING_FIELDS)[number], string>;

/** The picker's fixed choice for someone who would rather not name the colleague. */
export const UNNAMED = 'unnamed';

const noColleague = (v: unknown) => (typeof v === 'string' ? (v.trim() === UNNAMED ? undefined : v.trim() || undefined) : v ?? undefined);

function sharingSchema(bounds: DateBounds, ask: CohortQuestions) {
  return z.object({
    subject: cardChoice(['self', 'colleague'], 'Choose who shared the number.'),
    colleagueId: z.preprocess(
      noColleague,
      z.string({ invalid_type_error: 'Choose the colleague from the list, or leave it empty.' }).uuid('Choose the colleague from the list, or leave it empty.').transform((id) => id.toLowerCase()).optional()
    ),
    sharedWith: cardChoice(SHARED_WITH, 'Choose who the number was shared with.'),
    toldNotTo: cardChoice(TOLD_NOT_TO, 'Choose yes, no or not sure.'),
    reason: cardChoice(SHARING_REASONS, 'Choose why it was shared.'),
    occurredOn: cardDate(bounds),
    note: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v ?? ''),
      z.string({ invalid_type_error: 'The note must be text.' }).max(MAX_NOTE, `Keep the note to ${MAX_NOTE} characters or fewer.`)
    ),
    ...askedCohortAnswers(ask, optionalCohortAnswer),
    colleagueWorksWithChildrenOrVulnerable: optionalCohortAnswer,
    colleagueRemoteOrFlexible: optionalCohortAnswer
  });
}
export type SharingSubmission = z.infer<ReturnType<typeof sharingSchema>>;

/**
 * Problems that depend on more than one answer, found from the raw card data so they are
 * named together with every other problem: the reporter's own cohort answers are needed
 * when they report themselves, and a colleague cannot be the reporter.
 */
function crossFieldErrors(data: Record<string, unknown>, ask: CohortQuestions, reporterId: string): FieldErrors {
  const errors: FieldErrors = {};
  const subject = typeof data.subject === 'string' ? data.subject.trim() : '';
  if (subject === 'self') {
    for (const field of COHORT_FIELDS) {
      if (ask[field] && !cardCohortAnswer.safeParse(data[field]).success) errors[field] = COHORT_ANSWER_MESSAGE;
    }
  }
  const colleague = typeof data.colleagueId === 'string' ? data.colleagueId.trim().toLowerCase() : '';
  if (subject === 'colleague' && colleague !== '' && colleague === reporterId.toLowerCase()) {
    errors.colleagueId = 'That\u2019s you: choose \u201cMe\u201d above instead.';
  }
  return errors;
}

/**
 * Checks a number-sharing card submission.
 * @param ask the reporter's cohort questions the card asked; answers to others are ignored.
 * @param reporterId who sent it, so they cannot name themselves as the colleague.
 */
export function checkSharing(data: Record<string, unknown>, bounds: DateBounds, ask: CohortQuestions, reporterId: string): Checked<SharingSubmission> {
  const checked = checkCardData(sharingSchema(bounds, ask), data);
  const errors = { ...crossFieldErrors(data, ask, reporterId), ...(checked.ok ? {} : checked.errors) };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return checked;
}

/** The reporter's own cohort answers given on the card (to save to their profile). */
export function reporterAnswers(submission: SharingSubmission): Partial<CohortAnswers> {
  return { worksWithChildrenOrVulnerable: submission.worksWithChildrenOrVulnerable, remoteOrFlexible: submission.remoteOrFlexible };
}

/**
 * The cohort answers of the person who shared, as known now: for a self report the
 * reporter's records, then their card answers; for a colleague the roster or the
 * colleague's profile (`colleagueKnown`, unknown when unnamed), then the card's answers about them.
 */
export function sharerCohort(submission: SharingSubmission, reporterKnown: CohortAnswers, colleagueKnown: CohortAnswers): CohortAnswers {
  if (submission.subject === 'self') return mergeCohort(reporterKnown, reporterAnswers(submission));
  return mergeCohort(colleagueKnown, {
    worksWithChildrenOrVulnerable: submission.colleagueWorksWithChildrenOrVulnerable,
    remoteOrFlexible: submission.colleagueRemoteOrFlexible
  });
}

/** The record to store. A self report names the reporter as the sharer; an unnamed colleague has no sharer id. */
export function buildSharingReport(
  submission: SharingSubmission,
  facts: SubmissionFacts & { sharerName?: string }
): NewReport {
  const sharerId = submission.subject === 'self' ? facts.reporterId : submission.colleagueId;
  return {
    ...newReportBase(facts),
    kind: 'number-sharing',
    subject: submission.subject,
    ...(sharerId ? { sharerId } : {}),
    ...(submission.subject === 'colleague' && sharerId && facts.sharerName ? { sharerName: facts.sharerName } : {}),
    sharedWith: submission.sharedWith,
    toldNotTo: submission.toldNotTo,
    reason: submission.reason,
    occurredOn: submission.occurredOn,
    note: submission.note
  };
}

/** A blank form: nothing chosen, the date set to today, the colleague questions at "don't know". */
export function blankSharingValues(bounds: DateBounds): SharingCardValues {
  return {
    subject: '',
    colleagueId: '',
    sharedWith: '',
    toldNotTo: '',
    reason: '',
    occurredOn: bounds.latest,
    note: '',
    worksWithChildrenOrVulnerable: '',
    remoteOrFlexible: '',
    colleagueWorksWithChildrenOrVulnerable: 'unknown',
    colleagueRemoteOrFlexible: 'unknown'
  };
}

/** The number-sharing form as it is shown; `colleagueName` names a colleague already chosen (the picker sends only their id). */
export type SharingForm = ReportForm<SharingCardValues> & { colleagueName?: string };

declare module '../../shared/cards.js' {
  interface CardData {
    'sharing.form': ReportFormCardData<SharingCardValues> & {
      maxNote: number;
      colleagueChoices: CardChoice[];
      sharedWithChoices: CardChoice[];
      toldNotToChoices: CardChoice[];
      reasonChoices: CardChoice[];
    };
    'sharing.confirmation': ReportConfirmationCardData & { colleagueName: string; note: string };
  }
}

/** The number-sharing form, with values to show and, after a bad submission, the problems. */
export function sharingFormCard(form: SharingForm): AdaptiveCard {
  const named = isGuid(form.values.colleagueId) ? form.values.colleagueId : '';
  const chosen = named || (form.values.colleagueId === UNNAMED ? UNNAMED : '');
  return renderCard('sharing.form', {
    ...reportFormData({ ...form, values: { ...form.values, colleagueId: chosen } }, SHARING_FIELDS, SHARING_VERBS.submit, WHO_SEES),
    maxNote: MAX_NOTE,
    // The fixed choice lets people say they won't name anyone; a colleague already chosen stays selected.
    colleagueChoices: [
      { title: 'I\u2019d rather not say who', value: UNNAMED },
      ...(named ? [{ title: form.colleagueName ?? 'The colleague you chose', value: named }] : [])
    ],
    sharedWithChoices: choicesOf(SHARED_WITH, SHARED_WITH_LABELS),
    toldNotToChoices: choicesOf(TOLD_NOT_TO, TOLD_NOT_TO_LABELS),
    reasonChoices: choicesOf(SHARING_REASONS, SHARING_REASON_LABELS)
  });
}

function whoShared(report: NumberSharingReport): string {
  if (report.subject === 'self') return 'You';
  return report.sharerId ? 'A colleague (named)' : 'A colleague (not named)';
}

/**
 * The confirmation that replaces the form: the reference, what was recorded and what
 * happens next. `repeat` says the card had already been received.
 */
export function sharingConfirmationCard(report: NumberSharingReport, repeat: boolean): AdaptiveCard {
  return renderCard('sharing.confirmation', {
    ...reportConfirmationData(report, repeat, [
      { title: 'Reference', value: report.id },
      { title: 'Who shared', value: whoShared(report) },
      { title: 'Shared with', value: SHARED_WITH_LABELS[report.sharedWith] },
      { title: 'Told not to', value: TOLD_NOT_TO_LABELS[report.toldNotTo] },
      { title: 'Why', value: SHARING_REASON_LABELS[report.reason] },
      { title: 'When', value: readableDate(report.occurredOn) }
    ]),
    colleagueName: report.sharerName ?? '',
    note: report.note
  });
}
