/**
 * The FOI figures (questions a to g) as pure functions over plain data and an explicit
 * as-of date. See "FOI counting rules" in the product description.
 */
import { countReports, zeroes, type CountedPerson, type FoiCountQuery, type FoiCounts } from '../../store/report-counts.js';
import { DEVICES, type ComplaintCause, type Device, type Employee, type Profile, type Report, type ReportStatus, type TaskCode } from '../../store/types.js';
import { startOfDay, twelveMonthsTo, type DateWindow } from './dates.js';
import type { Organisation, PersonalDeviceAnswer } from './organisation.js';
import { buildDirectory, type Directory } from './people.js';

export interface FoiInput {
  /** Calendar date (YYYY-MM-DD) the figures are for. */
  asOf: string;
  /** Optional first date for question g (it has no window by default). */
  since?: string;
  /** Time zone the report times are read in. */
  timeZone: string;
  employees: Employee[];
  profiles: Profile[];
  reports: Iterable<Report>;
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

/** The statuses a report can count with: withdrawn and voided reports never count. */
export const COUNTABLE_STATUSES = ['open', 'acknowledged', 'resolved'] as const satisfies readonly ReportStatus[];

/**
 * What the store is asked to count for figures as of `asOf`: the calendar dates turned into
 * instants once, in the council's time zone, so no report's time is turned into a date. A
 * report counts up to the end of the as-of day; complaints from the start of the 12-month
 * window's first day; number-sharing reports from the start of `since`, when given.
 */
export function countQuery(request: Pick<FoiInput, 'asOf' | 'since' | 'timeZone'>): FoiCountQuery {
  const window = twelveMonthsTo(request.asOf);
  return {
    statuses: COUNTABLE_STATUSES,
    submittedBefore: startOfDay(request.asOf, request.timeZone, 1),
    complaintsFrom: startOfDay(window.from, request.timeZone),
    ...(request.since ? { sharingFrom: startOfDay(request.since, request.timeZone) } : {})
  };
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

/** What the figures need besides the reports. */
export type FigureContext = Omit<FoiInput, 'reports'>;

/**
 * Every figure, from the people and the organisation's answers in `context` and the counts
 * the store worked out for {@link countQuery}. Ids are matched to people here, so a person
 * the roster knows by employee id and by Teams id counts once.
 *
 * e: device complaints from cohort members in the 12 months to `asOf`; breakdowns count complaints.
 * g: a report qualifies when the person had been told not to share and is in the cohort (as
 * recorded on the report). Self reports count the reporter, named-colleague reports the
 * colleague; reports naming no one are kept apart.
 */
export function figuresFromCounts(context: FigureContext, counts: FoiCounts): FoiFigures {
  const directory = buildDirectory(context.employees, context.profiles);
  const distinct = (people: CountedPerson[]) => new Set(people.map((person) => directory.personKey(person.id, person.source))).size;
  const sharers = distinct(counts.sharers);
  const { organisation } = context;
  return {
    asOf: context.asOf,
    timeZone: context.timeZone,
    councilName: organisation.councilName,
    ...(organisation.foiContact ? { foiContact: organisation.foiContact } : {}),
    ...questionsAToC(directory),
    d: { recorded: organisation.tasksOnCouncilDevices !== undefined, tasks: { ...organisation.tasksOnCouncilDevices } },
    e: {
      window: twelveMonthsTo(context.asOf),
      employees: distinct(counts.complainants),
      complaints: counts.complaints,
      byCause: { ...counts.byCause },
      byDevice: { ...counts.byDevice }
    },
    f: organisation.personalDevices ? { recorded: true, answer: organisation.personalDevices.answer, note: organisation.personalDevices.note } : { recorded: false },
    g: {
      ...(context.since ? { since: context.since } : {}),
      aware: sharers > 0 || counts.unnamedSharingReports > 0,
      employees: sharers,
      unattributedReports: counts.unnamedSharingReports,
      qualifyingReports: counts.sharingReports
    }
  };
}

/** Every figure from plain data: the reports counted in memory as the memory and lowdb stores count them. */
export function figuresFromReports(input: FoiInput): FoiFigures {
  return figuresFromCounts(input, countReports(input.reports, countQuery(input)));
}
