/** The device complaint (FOI question e): its form, the check of what it sends back, the record and the confirmation. */
import { z } from 'zod';
import { renderCard, type AdaptiveCard, type CardChoice } from '../../shared/cards.js';
import { cardCohortAnswer, COHORT_FIELDS, type CohortField } from '../../shared/cohort.js';
import { cardDate, type DateBounds } from '../../shared/dates.js';
import { CAUSE_LABELS, choicesOf, complaintFacts, TASK_LABELS } from '../../shared/report-labels.js';
import { newReportBase, privacyText, type ReportConfirmationCardData, type ReportFormCardData, type SubmissionFacts } from '../../shared/report-forms.js';
import { cardMultiChoice, cardChoice, cardText, checkCardData, errorSlots, type Checked, type FieldErrors } from '../../shared/validation.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { COMPLAINT_CAUSES, DEVICE_LABELS, DEVICES, TASK_CODES, type DeviceComplaint, type NewReport } from '../../store/types.js';

export const COMPLAINT_VERBS = { open: OPEN_VERBS.complaint, submit: 'complaint.submit' } as const;

export const MAX_DESCRIPTION = 1000;

export const COMPLAINT_FIELDS = ['device', 'cause', 'blockedTasks', 'occurredOn', 'description', ...COHORT_FIELDS] as const;
export type ComplaintCardValues = Record<(typeof COMPLAINT_FIELDS)[number], string>;

/** Which cohort questions the card asks: those the reporter's profile cannot answer. */
export type CohortQuestions = Record<CohortField, boolean>;

const skipped = z.unknown().transform(() => undefined);

function complaintSchema(bounds: DateBounds, ask: CohortQuestions) {
  return z.object({
    device: cardChoice(DEVICES, 'Choose the device.'),
    cause: cardChoice(COMPLAINT_CAUSES, 'Choose what stopped you.'),
    blockedTasks: cardMultiChoice(TASK_CODES, 'Choose only from the tasks listed.').refine((tasks) => tasks.length > 0, 'Choose at least one task you could not do.'),
    occurredOn: cardDate(bounds),
    description: cardText('Say briefly what happened.').pipe(z.string().max(MAX_DESCRIPTION, `Keep it to ${MAX_DESCRIPTION} characters or fewer.`)),
    worksWithChildrenOrVulnerable: ask.worksWithChildrenOrVulnerable ? cardCohortAnswer : skipped,
    remoteOrFlexible: ask.remoteOrFlexible ? cardCohortAnswer : skipped
  });
}
export type ComplaintSubmission = z.infer<ReturnType<typeof complaintSchema>>;

/**
 * Checks a complaint card submission.
 * @param bounds the dates the problem may have happened on.
 * @param ask the cohort questions the card asked; answers to others are ignored.
 */
export function checkComplaint(data: unknown, bounds: DateBounds, ask: CohortQuestions): Checked<ComplaintSubmission> {
  return checkCardData(complaintSchema(bounds, ask), data);
}

/** The record to store: the answers, who sent it, when, and the reporter's cohort answers as they stand. */
export function buildComplaint(submission: ComplaintSubmission, facts: SubmissionFacts): NewReport {
  return {
    ...newReportBase(facts),
    kind: 'device-complaint',
    device: submission.device,
    cause: submission.cause,
    blockedTasks: submission.blockedTasks,
    occurredOn: submission.occurredOn,
    description: submission.description
  };
}

/** A blank form: nothing chosen, the date set to today. */
export function blankComplaintValues(bounds: DateBounds): ComplaintCardValues {
  return { device: '', cause: '', blockedTasks: '', occurredOn: bounds.latest, description: '', worksWithChildrenOrVulnerable: '', remoteOrFlexible: '' };
}

export interface ComplaintForm {
  submissionId: string;
  values: ComplaintCardValues;
  ask: CohortQuestions;
  bounds: DateBounds;
  retentionMonths: number;
  /** Problems by field; `form` is a problem with the form as a whole. */
  errors?: FieldErrors;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'complaint.form': ReportFormCardData<ComplaintCardValues> & { maxDescription: number; deviceChoices: CardChoice[]; causeChoices: CardChoice[]; taskChoices: CardChoice[] };
    'complaint.confirmation': ReportConfirmationCardData & { description: string };
  }
}

/** The complaint form, with values to show and, after a bad submission, the problems. */
export function complaintFormCard(form: ComplaintForm): AdaptiveCard {
  const errors = form.errors ?? {};
  return renderCard('complaint.form', {
    submissionId: form.submissionId,
    verb: COMPLAINT_VERBS.submit,
    values: form.values,
    errors: errorSlots(COMPLAINT_FIELDS, errors),
    hasErrors: COMPLAINT_FIELDS.some((field) => errors[field]),
    formError: errors.form ?? '',
    ask: form.ask,
    bounds: form.bounds,
    maxDescription: MAX_DESCRIPTION,
    deviceChoices: choicesOf(DEVICES, DEVICE_LABELS),
    causeChoices: choicesOf(COMPLAINT_CAUSES, CAUSE_LABELS),
    taskChoices: choicesOf(TASK_CODES, TASK_LABELS),
    privacy: privacyText('device-complaint', form.retentionMonths)
  });
}

/**
 * The confirmation that replaces the form: the reference, what was recorded and what
 * happens next. `repeat` says the card had already been received.
 */
export function complaintConfirmationCard(report: DeviceComplaint, repeat: boolean): AdaptiveCard {
  return renderCard('complaint.confirmation', {
    reference: report.id,
    repeat,
    facts: complaintFacts(report, 'you'),
    description: report.description,
    listVerb: OPEN_VERBS.myReports
  });
}
