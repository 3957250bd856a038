/**
 * "report number sharing": the personal-number sharing form, through the report-form flow
 * every report kind shares (shared/report-flow.ts). The sharer's cohort answers come from
 * the reporter's profile for a self report, and from the roster or the colleague's profile
 * for a named colleague, else from the card.
 */
import { knownCohort, UNKNOWN_COHORT } from '../../shared/cohort.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { registerReportForm } from '../../shared/report-flow.js';
import { isGuid } from '../../shared/validation.js';
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
  type SharingCardValues,
  type SharingSubmission
} from './sharing.js';

export function register(app: BotApp, deps: FeatureDeps): void {
  const { store } = deps;

  /** What the roster or the colleague's own profile says about a named colleague. */
  async function colleagueRecords(colleagueId: string | undefined): Promise<{ known: CohortAnswers; employee?: Employee }> {
    if (!colleagueId) return { known: UNKNOWN_COHORT };
    const employee = await store.people.getEmployeeByAadObjectId(colleagueId);
    return { known: knownCohort(await store.people.getProfile(colleagueId), employee), employee };
  }

  registerReportForm<SharingCardValues, SharingSubmission, NumberSharingReport>(app, deps, {
    name: 'sharing',
    label: 'number-sharing report',
    command: 'report-number-sharing',
    commandTitle: 'report number sharing',
    verbs: SHARING_VERBS,
    fields: SHARING_FIELDS,
    blank: blankSharingValues,
    check: (data, { bounds, ask, reporterId }) => checkSharing(data, bounds, ask, reporterId),
    build: async (submission, submitted, reporterKnown) => {
      const colleague = submission.subject === 'colleague' ? await colleagueRecords(submission.colleagueId) : { known: UNKNOWN_COHORT };
      return buildSharingReport(submission, { ...submitted, cohort: sharerCohort(submission, reporterKnown, colleague.known), sharerName: colleague.employee?.name });
    },
    reporterAnswers,
    // A form sent back keeps the colleague chosen, named as the roster names them.
    formCard: async (form) => {
      const colleagueId = form.values.colleagueId.toLowerCase();
      const employee = isGuid(colleagueId) ? await store.people.getEmployeeByAadObjectId(colleagueId) : undefined;
      return sharingFormCard({ ...form, colleagueName: employee?.name });
    },
    confirmationCard: sharingConfirmationCard,
    logged: (submission) => ({ subject: submission.subject })
  });
}
