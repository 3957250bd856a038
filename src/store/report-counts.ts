/**
 * The counts behind FOI questions e and g, asked of the store so that the counting happens
 * where the reports are: PostgreSQL in SQL (postgres/report-counts.ts), the memory and lowdb
 * stores in one pass over the reports they hold ({@link countReports}). Either way the answer
 * is a few numbers and the distinct people counted, never the reports.
 *
 * What counts (the product's FOI counting rules): a report with one of `statuses`, submitted
 * before `submittedBefore`, whose recorded cohort answers are both yes. A device complaint
 * counts from `complaintsFrom`; a number-sharing report counts when the person had been told
 * not to share, from `sharingFrom` when given. The dates are instants worked out once by the
 * caller, so no report's time is turned into a calendar date.
 */
import { COMPLAINT_CAUSES, DEVICES, type ComplaintCause, type Device, type Report, type ReportStatus } from './types.js';

export interface FoiCountQuery {
  /** Only reports with one of these statuses count. */
  statuses: readonly ReportStatus[];
  /** Reports count when submitted before this instant (ISO date-time; the end of the as-of day). */
  submittedBefore: string;
  /** Device complaints count when submitted at or after this instant (the 12-month window's first day). */
  complaintsFrom: string;
  /** Number-sharing reports count when submitted at or after this instant, when given. */
  sharingFrom?: string;
}

/** A person counted, by the id a report carries for them (in lower case) and where that report came from. */
export interface CountedPerson {
  source: Report['source'];
  id: string;
}

export interface FoiCounts {
  /** Device complaints that count, and how they split by cause and by device. */
  complaints: number;
  byCause: Record<ComplaintCause, number>;
  byDevice: Record<Device, number>;
  /** The distinct reporters of those complaints. */
  complainants: CountedPerson[];
  /** Number-sharing reports that count. */
  sharingReports: number;
  /** Of those, the ones that name no one (a colleague left unnamed). */
  unnamedSharingReports: number;
  /** The distinct people those reports say shared: the reporter of a self report, else the named colleague. */
  sharers: CountedPerson[];
}

/** Counts of zero for every key. */
export function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** A stored date-time as `Date.prototype.toISOString` writes it: such texts sort as their instants do. */
function isCanonical(dateTime: string): boolean {
  return dateTime.length === 24 && dateTime.charCodeAt(23) === 90 /* Z */ && dateTime.charCodeAt(10) === 84 /* T */;
}

/** An instant bound, compared as text with canonical times and as a number with any other. */
class Bound {
  readonly text: string;
  readonly ms: number;

  constructor(dateTime: string) {
    this.ms = Date.parse(dateTime);
    if (Number.isNaN(this.ms)) throw new RangeError(`store: not a date-time: ${dateTime}`);
    this.text = new Date(this.ms).toISOString();
  }

  /** -1, 0 or 1 as `dateTime` is before, at or after this bound; NaN when it is no date-time. */
  compare(dateTime: string): number {
    if (isCanonical(dateTime)) return dateTime < this.text ? -1 : dateTime > this.text ? 1 : 0;
    return Math.sign(Date.parse(dateTime) - this.ms);
  }
}

/** Keeps each person once, by the id as carried: ids are put in lower case once, at the end. */
class People {
  readonly #seen = new Set<string>();

  add(source: Report['source'], id: string): void {
    this.#seen.add(`${source === 'import' ? 'i' : 't'}${id}`);
  }

  list(): CountedPerson[] {
    const distinct = new Set<string>();
    for (const key of this.#seen) distinct.add(key[0] + key.slice(1).toLowerCase());
    return [...distinct].map((key) => ({ source: key[0] === 'i' ? 'import' : 'teams', id: key.slice(1) }));
  }
}

/**
 * Counts reports given one at a time, reading each in place: nothing is copied, and only the
 * counts and the people counted are kept, so memory does not grow with the history.
 */
export class ReportCounter {
  readonly #statuses: Set<string>;
  readonly #before: Bound;
  readonly #complaintsFrom: Bound;
  readonly #sharingFrom?: Bound;
  readonly #byCause = zeroes(COMPLAINT_CAUSES);
  readonly #byDevice = zeroes(DEVICES);
  readonly #complainants = new People();
  readonly #sharers = new People();
  #complaints = 0;
  #sharingReports = 0;
  #unnamedSharingReports = 0;

  constructor(query: FoiCountQuery) {
    this.#statuses = new Set<string>(query.statuses);
    this.#before = new Bound(query.submittedBefore);
    this.#complaintsFrom = new Bound(query.complaintsFrom);
    if (query.sharingFrom !== undefined) this.#sharingFrom = new Bound(query.sharingFrom);
  }

  /** Counts `report` if it counts at all. */
  add(report: Report): void {
    const { cohort } = report;
    if (cohort?.worksWithChildrenOrVulnerable !== 'yes' || cohort.remoteOrFlexible !== 'yes' || !this.#statuses.has(report.status)) return;
    if (!(this.#before.compare(report.submittedAt) < 0)) return;
    if (report.kind === 'device-complaint') {
      if (!(this.#complaintsFrom.compare(report.submittedAt) >= 0)) return;
      this.#complaints++;
      this.#byCause[report.cause]++;
      this.#byDevice[report.device]++;
      this.#complainants.add(report.source, report.reporterId);
    } else {
      if (report.toldNotTo !== 'yes' || (this.#sharingFrom && !(this.#sharingFrom.compare(report.submittedAt) >= 0))) return;
      this.#sharingReports++;
      if (report.subject === 'self') this.#sharers.add(report.source, report.reporterId);
      else if (report.sharerId) this.#sharers.add(report.source, report.sharerId);
      else this.#unnamedSharingReports++;
    }
  }

  /** The counts so far. */
  counts(): FoiCounts {
    return {
      complaints: this.#complaints,
      byCause: { ...this.#byCause },
      byDevice: { ...this.#byDevice },
      complainants: this.#complainants.list(),
      sharingReports: this.#sharingReports,
      unnamedSharingReports: this.#unnamedSharingReports,
      sharers: this.#sharers.list()
    };
  }
}

/** The counts over `reports` (see {@link ReportCounter}). */
export function countReports(reports: Iterable<Report>, query: FoiCountQuery): FoiCounts {
  const counter = new ReportCounter(query);
  for (const report of reports) counter.add(report);
  return counter.counts();
}
