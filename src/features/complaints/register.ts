/**
 * "report device problem": the device complaint form, opened from the help card or a typed
 * command (privately), checked on the server, stored once per rendered card.
 */
import { cohortQuestions, knownCohort, mergeCohort, profileWithAnswers } from '../../shared/cohort.js';
import { onCardAction } from '../../shared/card-actions.js';
import { reportDateBounds } from '../../shared/dates.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { EXPIRED_FORM, newSubmissionId, registerPrivateCard, startSubmission, UNKNOWN_REPORTER } from '../../shared/report-forms.js';
import { keptValues } from '../../shared/validation.js';
import type { DeviceComplaint } from '../../store/types.js';
import {
  blankComplaintValues,
  buildComplaint,
  checkComplaint,
  COMPLAINT_FIELDS,
  COMPLAINT_VERBS,
  complaintConfirmationCard,
  complaintFormCard,
  type ComplaintCardValues
} from './complaint.js';


export function register(app: BotApp, deps: FeatureDeps): void {
  const { config, store, log, now } = deps;
  const bounds = () => reportDateBounds(now(), config.timeZone, config.retentionMonths);

  registerPrivateCard(app, deps, {
    command: 'report-device-problem',
    commandTitle: 'report device problem',
    verb: COMPLAINT_VERBS.open,
    unknownSender: UNKNOWN_REPORTER,
    card: async (reporterId) => {
      const today = bounds();
      const ask = cohortQuestions(knownCohort(await store.people.getProfile(reporterId)));
      return complaintFormCard({ submissionId: newSubmissionId(), values: blankComplaintValues(today), ask, bounds: today, retentionMonths: config.retentionMonths });
    }
  });

  onCardAction(app, COMPLAINT_VERBS.submit, async (context, data) => {
    const start = await startSubmission(context, deps, data, UNKNOWN_REPORTER);
    if (start.kind === 'stop') return start.answer;
    if (start.kind === 'repeat') {
      log.info({ event: 'complaint.repeat', reference: start.report.id }, 'complaint already stored');
      return complaintConfirmationCard(start.report as DeviceComplaint, true);
    }
    const { reporterId, submissionId } = start;
    const profile = await store.people.getProfile(reporterId);
    const known = knownCohort(profile);
    const ask = cohortQuestions(known);
    const today = bounds();
    const checked = checkComplaint(data, today, ask);
    if (!checked.ok || !submissionId) {
      const errors = checked.ok ? {} : checked.errors;
      log.info({ event: 'complaint.rejected', fields: Object.keys(errors), submissionId: Boolean(submissionId) }, 'complaint submission rejected');
      return complaintFormCard({
        submissionId: submissionId ?? newSubmissionId(),
        values: keptValues(data, COMPLAINT_FIELDS) as ComplaintCardValues,
        errors: submissionId ? errors : { ...errors, form: EXPIRED_FORM },
        ask,
        bounds: today,
        retentionMonths: config.retentionMonths
      });
    }

    const submittedAt = now().toISOString();
    const answered = { worksWithChildrenOrVulnerable: checked.value.worksWithChildrenOrVulnerable, remoteOrFlexible: checked.value.remoteOrFlexible };
    const { report, created } = await store.reports.add(
      buildComplaint(checked.value, { submissionId, reporterId, submittedAt, cohort: mergeCohort(known, answered) })
    );
    if (created) {
      const updated = profileWithAnswers(profile, reporterId, answered, submittedAt);
      if (updated) await store.people.saveProfile(updated);
      deps.events?.complaintStored(report as DeviceComplaint);
    }
    log.info({ event: created ? 'complaint.stored' : 'complaint.repeat', reference: report.id }, created ? 'complaint stored' : 'complaint already stored');
    return complaintConfirmationCard(report as DeviceComplaint, !created);
  });
}
