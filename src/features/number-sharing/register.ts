/**
 * "report number sharing": the personal-number sharing form, opened from the help card or
 * a typed command (privately), checked on the server, stored once per rendered card. The
 * sharer's cohort answers come from the reporter's profile for a self report, and from
 * the roster or the colleague's profile for a named colleague, else from the card.
 */
import { cohortQuestions, knownCohort, profileWithAnswers, UNKNOWN_COHORT } from '../../shared/cohort.js';
import { onCardAction } from '../../shared/card-actions.js';
import { reportDateBounds } from '../../shared/dates.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { EXPIRED_FORM, newSubmissionId, registerPrivateCard, startSubmission, UNKNOWN_REPORTER } from '../../shared/report-forms.js';
import { keptValues } from '../../shared/validation.js';
import type { CohortAnswers, Employee, NumberSharingReport } from '../../store/types.js';
import {
  blankSharingValues,
  buildSharingReport,
  checkSharing,
  reporterAnswers,
  SHARING_FIELDS,
  SHARING_VERBS,
  sharerCohort,
  sharingConfirmationCard,
  sharingFormCard,
  type SharingCardValues
} from './sharing.js';


export function register(app: BotApp, deps: FeatureDeps): void {
  const { config, store, log, now } = deps;
  const bounds = () => reportDateBounds(now(), config.timeZone, config.retentionMonths);

  /** What the roster or the colleague's own profile says about a named colleague. */
  async function colleagueRecords(colleagueId: string | undefined): Promise<{ known: CohortAnswers; employee?: Employee }> {
    if (!colleagueId) return { known: UNKNOWN_COHORT };
    const employee = await store.people.getEmployeeByAadObjectId(colleagueId);
    return { known: knownCohort(await store.people.getProfile(colleagueId), employee), employee };
  }

  registerPrivateCard(app, deps, {
    command: 'report-number-sharing',
    commandTitle: 'report number sharing',
    verb: SHARING_VERBS.open,
    unknownSender: UNKNOWN_REPORTER,
    card: async (reporterId) => {
      const today = bounds();
      const ask = cohortQuestions(knownCohort(await store.people.getProfile(reporterId)));
      return sharingFormCard({ submissionId: newSubmissionId(), values: blankSharingValues(today), ask, bounds: today, retentionMonths: config.retentionMonths });
    }
  });

  onCardAction(app, SHARING_VERBS.submit, async (context, data) => {
    const start = await startSubmission(context, deps, data, UNKNOWN_REPORTER);
    if (start.kind === 'stop') return start.answer;
    if (start.kind === 'repeat') {
      log.info({ event: 'sharing.repeat', reference: start.report.id }, 'number-sharing report already stored');
      return sharingConfirmationCard(start.report as NumberSharingReport, true);
    }
    const { reporterId, submissionId } = start;
    const profile = await store.people.getProfile(reporterId);
    const reporterKnown = knownCohort(profile);
    const ask = cohortQuestions(reporterKnown);
    const today = bounds();
    const checked = checkSharing(data, today, ask, reporterId);
    if (!checked.ok || !submissionId) {
      const errors = checked.ok ? {} : checked.errors;
      log.info({ event: 'sharing.rejected', fields: Object.keys(errors), submissionId: Boolean(submissionId) }, 'number-sharing submission rejected');
      const values = keptValues(data, SHARING_FIELDS) as SharingCardValues;
      const { employee } = await colleagueRecords(values.colleagueId.toLowerCase() || undefined);
      return sharingFormCard({
        submissionId: submissionId ?? newSubmissionId(),
        values,
        colleagueName: employee?.name,
        errors: submissionId ? errors : { ...errors, form: EXPIRED_FORM },
        ask,
        bounds: today,
        retentionMonths: config.retentionMonths
      });
    }

    const submission = checked.value;
    const colleague = submission.subject === 'colleague' ? await colleagueRecords(submission.colleagueId) : { known: UNKNOWN_COHORT };
    const submittedAt = now().toISOString();
    const { report, created } = await store.reports.add(
      buildSharingReport(submission, {
        submissionId,
        reporterId,
        submittedAt,
        cohort: sharerCohort(submission, reporterKnown, colleague.known),
        sharerName: colleague.employee?.name
      })
    );
    if (created) {
      const updated = profileWithAnswers(profile, reporterId, reporterAnswers(submission), submittedAt);
      if (updated) await store.people.saveProfile(updated);
    }
    log.info({ event: created ? 'sharing.stored' : 'sharing.repeat', reference: report.id, subject: submission.subject }, created ? 'number-sharing report stored' : 'number-sharing report already stored');
    return sharingConfirmationCard(report as NumberSharingReport, !created);
  });
}
