/**
 * The parts every report form and its confirmation have, whatever the kind of report: the
 * submission id that makes a card store once, what every report made in Teams records, and
 * the data every report card's template reads. A report kind adds only its own fields.
 */
import { randomUUID } from 'node:crypto';
import type { CardFact } from './cards.js';
import type { CohortQuestions } from './cohort.js';
import type { DateBounds } from './dates.js';
import { unknownSenderCard } from './notice.js';
import { errorSlots, isGuid, type FieldErrors } from './validation.js';
import { OPEN_VERBS } from './verbs.js';
import type { CohortAnswers, Report } from '../store/types.js';

/** Shown when Teams did not say who sent a report. */
export const UNKNOWN_REPORTER = unknownSenderCard('take a report');

/** The form-wide problem when a card came back without a usable submission id. */
export const EXPIRED_FORM = 'This form had expired, so here it is again with your answers. Please send it again.';

/** A fresh id for a rendered form; the store keeps one report per id. */
export function newSubmissionId(): string {
  return randomUUID();
}

/** The submission id a card sent back, when it is one the bot could have made. */
export function submittedId(data: Record<string, unknown>): string | undefined {
  return isGuid(data.submissionId) ? data.submissionId.toLowerCase() : undefined;
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

/** A report form as it is shown: blank, or again with what the person sent and its problems. */
export interface ReportForm<Values> {
  submissionId: string;
  values: Values;
  ask: CohortQuestions;
  bounds: DateBounds;
  retentionMonths: number;
  /** Problems by field; `form` is a problem with the form as a whole. */
  errors?: FieldErrors;
}

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
  ask: CohortQuestions;
  bounds: DateBounds;
  /** Who sees the report and how long it is kept. */
  privacy: string;
}

/**
 * The data every report form's template reads.
 * @param fields the form's inputs, each given an error slot.
 * @param whoSees the first sentence of the privacy line: who sees this kind of report.
 */
export function reportFormData<Values>(form: ReportForm<Values>, fields: readonly string[], submitVerb: string, whoSees: string): ReportFormCardData<Values> {
  const errors = form.errors ?? {};
  return {
    submissionId: form.submissionId,
    verb: submitVerb,
    values: form.values,
    errors: errorSlots(fields, errors),
    hasErrors: fields.some((field) => errors[field]),
    formError: errors.form ?? '',
    ask: form.ask,
    bounds: form.bounds,
    privacy: `${whoSees} It is kept for ${form.retentionMonths} months, then deleted. You can withdraw it at any time from "my reports".`
  };
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

/** The data every report confirmation's template reads: the reference, what was recorded, and the way to "my reports". */
export function reportConfirmationData(report: Report, repeat: boolean, facts: CardFact[]): ReportConfirmationCardData {
  return { reference: report.id, repeat, facts, listVerb: OPEN_VERBS.myReports };
}
