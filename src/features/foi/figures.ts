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
  type ReportStatus,
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

/** Whether a report can count on `asOf`: not withdrawn or void, and submitted on or before it. */
export function isCountable(report: Report, asOf: string, timeZone: string): boolean {
  return (COUNTABLE_STATUSES as readonly string[]).includes(report.status) && calendarDate(report.submittedAt, timeZone) <= asOf;
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

/**
 * Questions e and g, counted over reports given one at a time: it keeps the counts and the
 * people counted, never the reports, so its memory does not grow with the history.
 *
 * e: device complaints from cohort members in the 12 months to `asOf`; breakdowns count complaints.
 * g: a report qualifies when the person had been told not to share and is in the cohort (as
 * recorded on the report). Self reports count the reporter, named-colleague reports the
 * colleague; reports naming no one are kept apart.
 */
export class ReportTally {
  readonly #asOf: string;
  readonly #since?: string;
  readonly #timeZone: string;
  readonly #directory: Directory;
  readonly #window: DateWindow;
  readonly #complainants = new Set<string>();
  readonly #byCause = zeroes(COMPLAINT_CAUSES);
  readonly #byDevice = zeroes(DEVICES);
  #complaints = 0;
  readonly #sharers = new Set<string>();
  #unattributedReports = 0;
  #qualifyingReports = 0;

  constructor(asOf: string, since: string | undefined, timeZone: string, directory: Directory) {
    this.#asOf = asOf;
    this.#since = since;
    this.#timeZone = timeZone;
    this.#directory = directory;
    this.#window = twelveMonthsTo(asOf);
  }

  /** Counts one report, if it counts at all. */
  add(report: Report): void {
    if (!inCohort(report.cohort) || !isCountable(report, this.#asOf, this.#timeZone)) return;
    if (report.kind === 'device-complaint') this.#addComplaint(report);
    else this.#addSharing(report);
  }

  #addComplaint(complaint: DeviceComplaint): void {
    if (!inWindow(calendarDate(complaint.submittedAt, this.#timeZone), this.#window)) return;
    this.#complaints++;
    this.#byCause[complaint.cause]++;
    this.#byDevice[complaint.device]++;
    this.#complainants.add(this.#directory.personKey(complaint.reporterId, complaint.source));
  }

  #addSharing(report: NumberSharingReport): void {
    if (report.toldNotTo !== 'yes' || (this.#since && calendarDate(report.submittedAt, this.#timeZone) < this.#since)) return;
    this.#qualifyingReports++;
    if (report.subject === 'self') this.#sharers.add(this.#directory.personKey(report.reporterId, report.source));
    else if (report.sharerId) this.#sharers.add(this.#directory.personKey(report.sharerId, report.source));
    else this.#unattributedReports++;
  }

  e(): FoiFigures['e'] {
    return { window: this.#window, employees: this.#complainants.size, complaints: this.#complaints, byCause: { ...this.#byCause }, byDevice: { ...this.#byDevice } };
  }

  g(): FoiFigures['g'] {
    return {
      ...(this.#since ? { since: this.#since } : {}),
      aware: this.#sharers.size > 0 || this.#unattributedReports > 0,
      employees: this.#sharers.size,
      unattributedReports: this.#unattributedReports,
      qualifyingReports: this.#qualifyingReports
    };
  }
}

/** What the figures need besides the reports. */
export type FigureContext = Omit<FoiInput, 'reports'>;

/**
 * Starts the figures: the people and the organisation's answers now, the reports as they
 * come (`add`), every figure at the end (`finish`).
 */
export function startFigures(context: FigureContext): { add(report: Report): void; finish(): FoiFigures } {
  const directory = buildDirectory(context.employees, context.profiles);
  const tally = new ReportTally(context.asOf, context.since, context.timeZone, directory);
  const { organisation } = context;
  return {
    add: (report) => tally.add(report),
    finish: () => ({
      asOf: context.asOf,
      timeZone: context.timeZone,
      councilName: organisation.councilName,
      ...(organisation.foiContact ? { foiContact: organisation.foiContact } : {}),
      ...questionsAToC(directory),
      d: { recorded: organisation.tasksOnCouncilDevices !== undefined, tasks: { ...organisation.tasksOnCouncilDevices } },
      e: tally.e(),
      f: organisation.personalDevices
        ? { recorded: true, answer: organisation.personalDevices.answer, note: organisation.personalDevices.note }
        : { recorded: false },
      g: tally.g()
    })
  };
}
