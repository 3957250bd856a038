/** The device complaint (FOI question e): its form, the check of what it sends back, the record and the confirmation. */
import { z } from 'zod';
import { renderCard, type AdaptiveCard, type CardChoice } from '../../shared/cards.js';
import { askedCohortAnswers, cardCohortAnswer, COHORT_FIELDS, type CohortQuestions } from '../../shared/cohort.js';
import { cardDate, type DateBounds } from '../../shared/dates.js';
import { CAUSE_LABELS, choicesOf, complaintFacts, DEVICE_LABELS, TASK_LABELS } from '../../shared/report-labels.js';
import { newReportBase, reportConfirmationData, reportFormData, type ReportConfirmationCardData, type ReportForm, type ReportFormCardData, type SubmissionFacts } from '../../shared/report-forms.js';
import { cardChoice, cardMultiChoice, cardText, checkCardData, type Checked } from '../../shared/validation.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { COMPLAINT_CAUSES, DEVICES, TASK_CODES, type CohortAnswers, type DeviceComplaint, type NewReport } from '../../store/types.js';

export const COMPLAINT_VERBS = { open: OPEN_VERBS.complaint, submit: 'complaint.submit' } as const;

export const MAX_DESCRIPTION = 1000;

export const COMPLAINT_FIELDS = ['device', 'cause', 'blockedTasks', 'occurredOn', 'description', ...COHORT_FIELDS] as const;
export type ComplaintCardValues = Record<(typeof COMPLAINT_FIELDS)[number], string>;

/** Who sees a device complaint: the first sentence of the form's privacy line. */
const WHO_SEES = 'Who sees this: the council\u2019s FOI officers, and your manager may be told about device problems so they can help.';

declare module '../../shared/cards.js' {
  interface CardData {
    'complaint.form': ReportFormCardData<ComplaintCardValues> & { maxDescription: number; deviceChoices: CardChoice[]; causeChoices: CardChoice[]; taskChoices: CardChoice[] };
    'complaint.confirmation': ReportConfirmationCardData & { description: string };
  }
}

function complaintSchema(bounds: DateBounds, ask: CohortQuestions) {
  return z.object({
    device: cardChoice(DEVICES, 'Choose the device.'),
    cause: cardChoice(COMPLAINT_CAUSES, 'Choose what stopped you.'),
    blockedTasks: cardMultiChoice(TASK_CODES, 'Choose only from the tasks listed.').refine((tasks) => tasks.length > 0, 'Choose at least one task you could not do.'),
    occurredOn: cardDate(bounds),
    description: cardText('Say briefly what happened.').pipe(z.string().max(MAX_DESCRIPTION, `Keep it to ${MAX_DESCRIPTION} characters or fewer.`)),
    ...askedCohortAnswers(ask, cardCohortAnswer)
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

/** The reporter's cohort answers given on the card. */
export function complaintCohortAnswers(submission: ComplaintSubmission): Partial<CohortAnswers> {
  return { worksWithChildrenOrVulnerable: submission.worksWithChildrenOrVulnerable, remoteOrFlexible: submission.remoteOrFlexible };
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

/** The complaint form, with values to show and, after a bad submission, the problems. */
export function complaintFormCard(form: ReportForm<ComplaintCardValues>): AdaptiveCard {
  return renderCard('complaint.form', {
    ...reportFormData(form, COMPLAINT_FIELDS, COMPLAINT_VERBS.submit, WHO_SEES),
    maxDescription: MAX_DESCRIPTION,
    deviceChoices: choicesOf(DEVICES, DEVICE_LABELS),
    causeChoices: choicesOf(COMPLAINT_CAUSES, CAUSE_LABELS),
    taskChoices: choicesOf(TASK_CODES, TASK_LABELS)
  });
}

/**
 * The confirmation that replaces the form: the reference, what was recorded and what
 * happens next. `repeat` says the card had already been received.
 */
export function complaintConfirmationCard(report: DeviceComplaint, repeat: boolean): AdaptiveCard {
  return renderCard('complaint.confirmation', { ...reportConfirmationData(report, repeat, complaintFacts(report, 'you')), description: report.description });
}
