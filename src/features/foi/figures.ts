/**
 * The FOI figures (questions a to g) as pure functions over plain data and an explicit
 * as-of date. See "FOI counting rules" in the product description.
 */
import {
  COMPLAINT_CAUSES,
  DEVICES,
  type ComplaintCause,
  type DeviceComplaint,
  type Device,
  type Employee,
  type NumberSharingReport,
  type Profile,
  type Report,
  type TaskCode
} from '../../store/types.js';
import { calendarDate, inWindow, twelveMonthsTo, type DateWindow } from './dates.js';
import type { Organisation, PersonalDeviceAnswer } from './organisation.js';
import { buildDirectory, inCohort, type Directory } from './people.js';

export interface FoiInput {
  /** Calendar date (YYYY-MM-DD) the figures are for. */
  asOf: string;
  /** Optional first date for question g (it has no window by default). */
  since?: string;
  /** Time zone the report times are read in. */
  timeZone: string;
  employees: Employee[];
  profiles: Profile[];
  reports: Report[];
  organisation: Organisation;
}

export interface FoiFigures {
  asOf: string;
  timeZone: string;
  councilName: string;
  /** How the requester reaches the FOI team, from the organisation file. */
  foiContact?: string;
  /** Staff who work with children or vulnerable people; `notKnown`: people whose answer is unknown. */
  a: { employees: number; notKnown: number };
  /** Of those in a, remote or flexible workers; `notKnown`: those in a whose answer is unknown. */
  b: { employees: number; notKnown: number };
  /** Council devices held by cohort members: how many hold each. */
  c: { cohortEmployees: number; byDevice: Record<Device, number>; provided: Device[] };
  /** Tasks possible on council devices, from the organisation file. */
  d: { recorded: boolean; tasks: Partial<Record<TaskCode, boolean>> };
  /** Device complaints from cohort members in the 12 months to `asOf`; breakdowns count complaints. */
  e: { window: DateWindow; employees: number; complaints: number; byCause: Record<ComplaintCause, number>; byDevice: Record<Device, number> };
  /** Personal devices for work, from the organisation file. */
  f: { recorded: boolean; answer?: PersonalDeviceAnswer; note?: string };
  /** Personal numbers shared for work when told not to. */
  g: { since?: string; aware: boolean; employees: number; unattributedReports: number; qualifyingReports: number };
}

/** Reports that can count on `asOf`: not withdrawn or void, and submitted on or before it. */
export function countableReports(reports: Report[], asOf: string, timeZone: string): Report[] {
  return reports.filter(
    (report) => report.status !== 'withdrawn' && report.status !== 'void' && calendarDate(report.submittedAt, timeZone) <= asOf
  );
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function questionsAToC(directory: Directory): Pick<FoiFigures, 'a' | 'b' | 'c'> {
  const withChildren = directory.people.filter((p) => p.worksWithChildrenOrVulnerable === 'yes');
  const cohort = withChildren.filter((p) => p.remoteOrFlexible === 'yes');
  const byDevice = zeroes(DEVICES);
  for (const person of cohort) for (const device of new Set(person.devices)) byDevice[device]++;
  return {
    a: { employees: withChildren.length, notKnown: directory.people.filter((p) => p.worksWithChildrenOrVulnerable === 'unknown').length },
    b: { employees: cohort.length, notKnown: withChildren.filter((p) => p.remoteOrFlexible === 'unknown').length },
    c: { cohortEmployees: cohort.length, byDevice, provided: DEVICES.filter((d) => byDevice[d] > 0) }
  };
}

/** Question e over countable reports. */
export function questionE(reports: Report[], asOf: string, timeZone: string, directory: Directory): FoiFigures['e'] {
  const window = twelveMonthsTo(asOf);
  const complaints = reports.filter(
    (r): r is DeviceComplaint => r.kind === 'device-complaint' && inCohort(r.cohort) && inWindow(calendarDate(r.submittedAt, timeZone), window)
  );
  const byCause = zeroes(COMPLAINT_CAUSES);
  const byDevice = zeroes(DEVICES);
  for (const complaint of complaints) {
    byCause[complaint.cause]++;
    byDevice[complaint.device]++;
  }
  const employees = new Set(complaints.map((c) => directory.personKey(c.reporterId, c.source)));
  return { window, employees: employees.size, complaints: complaints.length, byCause, byDevice };
}

/**
 * Question g over countable reports: a report qualifies when the person had been told not
 * to share and is in the cohort (as recorded on the report). Self reports count the
 * reporter, named-colleague reports the colleague; reports naming no one are kept apart.
 */
export function questionG(reports: Report[], since: string | undefined, timeZone: string, directory: Directory): FoiFigures['g'] {
  const qualifying = reports.filter(
    (r): r is NumberSharingReport =>
      r.kind === 'number-sharing' &&
      r.toldNotTo === 'yes' &&
      inCohort(r.cohort) &&
      (!since || calendarDate(r.submittedAt, timeZone) >= since)
  );
  const people = new Set<string>();
  let unattributedReports = 0;
  for (const report of qualifying) {
    if (report.subject === 'self') people.add(directory.personKey(report.reporterId, report.source));
    else if (report.sharerId) people.add(directory.personKey(report.sharerId, report.source));
    else unattributedReports++;
  }
  return {
    ...(since ? { since } : {}),
    aware: people.size > 0 || unattributedReports > 0,
    employees: people.size,
    unattributedReports,
    qualifyingReports: qualifying.length
  };
}

/** Every figure for the FOI questionnaire, as of `input.asOf`. */
export function computeFigures(input: FoiInput): FoiFigures {
  const directory = buildDirectory(input.employees, input.profiles);
  const reports = countableReports(input.reports, input.asOf, input.timeZone);
  const { organisation } = input;
  return {
    asOf: input.asOf,
    timeZone: input.timeZone,
    councilName: organisation.councilName,
    ...(organisation.foiContact ? { foiContact: organisation.foiContact } : {}),
    ...questionsAToC(directory),
    d: { recorded: organisation.tasksOnCouncilDevices !== undefined, tasks: { ...organisation.tasksOnCouncilDevices } },
    e: questionE(reports, input.asOf, input.timeZone, directory),
    f: organisation.personalDevices
      ? { recorded: true, answer: organisation.personalDevices.answer, note: organisation.personalDevices.note }
      : { recorded: false },
    g: questionG(reports, input.since, input.timeZone, directory)
  };
}
