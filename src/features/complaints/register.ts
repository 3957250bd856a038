/**
 * "report device problem": the device complaint form, through the report-form flow every
 * report kind shares (shared/report-flow.ts). A new complaint is announced, so the
 * reporter's manager can be told.
 */
import { mergeCohort } from '../../shared/cohort.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { registerReportForm } from '../../shared/report-flow.js';
import type { DeviceComplaint } from '../../store/types.js';
import {
  blankComplaintValues,
  buildComplaint,
  checkComplaint,
  complaintCohortAnswers,
  COMPLAINT_FIELDS,
  COMPLAINT_VERBS,
  complaintConfirmationCard,
  complaintFormCard,
  type ComplaintCardValues,
  type ComplaintSubmission
} from './complaint.js';

export function register(app: BotApp, deps: FeatureDeps): void {
  registerReportForm<ComplaintCardValues, ComplaintSubmission, DeviceComplaint>(app, deps, {
    name: 'complaint',
    label: 'complaint',
    command: 'report-device-problem',
    commandTitle: 'report device problem',
    verbs: COMPLAINT_VERBS,
    fields: COMPLAINT_FIELDS,
    blank: blankComplaintValues,
    check: (data, { bounds, ask }) => checkComplaint(data, bounds, ask),
    // The complaint is about the reporter: their records' answers, the card's filling the gaps.
    build: async (submission, submitted, known) => buildComplaint(submission, { ...submitted, cohort: mergeCohort(known, complaintCohortAnswers(submission)) }),
    reporterAnswers: complaintCohortAnswers,
    formCard: async (form) => complaintFormCard(form),
    confirmationCard: complaintConfirmationCard,
    stored: (complaint) => deps.events?.complaintStored(complaint)
  });
}
