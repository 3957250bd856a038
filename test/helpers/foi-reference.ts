/**
 * The FOI figures e and g worked out the plain way, as the counting rules read: every
 * report's time turned into a calendar date in the council's time zone and compared with the
 * as-of date and the window. Slow and obviously right; the stores' counts must equal it.
 */
import { COUNTABLE_STATUSES, type FoiFigures } from '../../src/features/foi/figures.js';
import { calendarDate, inWindow, twelveMonthsTo } from '../../src/features/foi/dates.js';
import { buildDirectory, inCohort } from '../../src/features/foi/people.js';
import { COMPLAINT_CAUSES, DEVICES, type Employee, type Profile, type Report } from '../../src/store/types.js';

export interface ReferenceInput {
  asOf: string;
  since?: string;
  timeZone: string;
  employees: Employee[];
  profiles: Profile[];
  reports: Report[];
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Questions e and g for `input`, report by report. */
export function referenceFigures(input: ReferenceInput): Pick<FoiFigures, 'e' | 'g'> {
  const directory = buildDirectory(input.employees, input.profiles);
  const window = twelveMonthsTo(input.asOf);
  const e = { window, employees: 0, complaints: 0, byCause: zero(COMPLAINT_CAUSES), byDevice: zero(DEVICES) };
  const complainants = new Set<string>();
  const sharers = new Set<string>();
  let unattributed = 0;
  let qualifying = 0;
  for (const report of input.reports) {
    const date = calendarDate(report.submittedAt, input.timeZone);
    if (!inCohort(report.cohort) || !(COUNTABLE_STATUSES as readonly string[]).includes(report.status) || date > input.asOf) continue;
    if (report.kind === 'device-complaint') {
      if (!inWindow(date, window)) continue;
      e.complaints++;
      e.byCause[report.cause]++;
      e.byDevice[report.device]++;
      complainants.add(directory.personKey(report.reporterId, report.source));
    } else {
      if (report.toldNotTo !== 'yes' || (input.since && date < input.since)) continue;
      qualifying++;
      if (report.subject === 'self') sharers.add(directory.personKey(report.reporterId, report.source));
      else if (report.sharerId) sharers.add(directory.personKey(report.sharerId, report.source));
      else unattributed++;
    }
  }
  e.employees = complainants.size;
  return {
    e,
    g: { ...(input.since ? { since: input.since } : {}), aware: sharers.size > 0 || unattributed > 0, employees: sharers.size, unattributedReports: unattributed, qualifyingReports: qualifying }
  };
}
