/** Reports (device complaints and number-sharing reports): stored once per card, numbered per kind and year. */
import type { FoiCountQuery, FoiCounts } from './report-counts.js';
import type { NewReport, Report, ReportKind, ReportStatus } from './types.js';

/** Which reports a list or a stream gives. */
export interface ReportFilter {
  kind?: ReportKind;
  reporterId?: string;
  /** Only reports with one of these statuses. */
  statuses?: readonly ReportStatus[];
  /** Only reports submitted at or after this instant (ISO date-time). */
  submittedFrom?: string;
  /** Only reports submitted before this instant (ISO date-time, exclusive). */
  submittedBefore?: string;
}

export interface ReportStore {
  /**
   * Stores a report once per `submissionId` and gives it its reference.
   * @returns the stored report and whether this call created it (false for a repeat).
   */
  add(report: NewReport): Promise<{ report: Report; created: boolean }>;
  get(id: string): Promise<Report | undefined>;
  /** The report stored for a card's `submissionId`. */
  getBySubmission(submissionId: string): Promise<Report | undefined>;
  /** The reports that pass `filter` (e.g. one reporter's, or one period's), in the order they were stored. */
  list(filter?: ReportFilter): Promise<Report[]>;
  /**
   * The reports one at a time, in the order they were stored, without holding them all:
   * for figures over the whole history, whose memory must not grow with it.
   */
  stream(filter?: ReportFilter): AsyncIterable<Report>;
  /**
   * The counts behind FOI questions e and g (see report-counts.ts), worked out where the
   * reports are: what comes back is numbers and the distinct people counted, never reports.
   */
  countForFoi(query: FoiCountQuery): Promise<FoiCounts>;
  /**
   * Moves a report from `change.from` to `change.to` and records who did, but only if its
   * status is still `change.from` when the change is written: the check and the change are
   * one step, so of two changes decided on the same status only the first is made.
   */
  setStatus(id: string, change: StatusUpdate): Promise<StatusUpdateOutcome>;
}

/** A change of status, decided on the report's status being `from`. */
export interface StatusUpdate {
  from: ReportStatus;
  to: ReportStatus;
  /** Who made it (a Teams object id, or `import`). */
  by: string;
  /** When (ISO date-time). */
  at: string;
}

/**
 * What came of a status change: made (the report as it now is); not made because the report
 * had moved on meanwhile (the report as it now is); or no such report.
 */
export type StatusUpdateOutcome = { outcome: 'changed'; report: Report } | { outcome: 'conflict'; report: Report } | { outcome: 'not-found' };

/** Reference prefixes, e.g. `DC-2026-000123`. */
export const REFERENCE_PREFIX: Record<ReportKind, string> = {
  'device-complaint': 'DC',
  'number-sharing': 'NS'
};

/** The series a new report is numbered in: its kind and the year it was submitted, e.g. `DC-2026`. */
export function referenceSeries(report: Pick<NewReport, 'kind' | 'submittedAt'>): string {
  return `${REFERENCE_PREFIX[report.kind]}-${report.submittedAt.slice(0, 4)}`;
}

/** The `number`th reference of a series, e.g. `DC-2026-000123`. */
export function reference(series: string, number: number): string {
  return `${series}-${String(number).padStart(6, '0')}`;
}

/** Whether a report passes a {@link ReportFilter}. */
export function matchesFilter(report: Report, filter: ReportFilter): boolean {
  return (
    (!filter.kind || report.kind === filter.kind) &&
    (!filter.reporterId || report.reporterId === filter.reporterId) &&
    (!filter.statuses || filter.statuses.includes(report.status)) &&
    (!filter.submittedFrom || Date.parse(report.submittedAt) >= Date.parse(filter.submittedFrom)) &&
    (!filter.submittedBefore || Date.parse(report.submittedAt) < Date.parse(filter.submittedBefore))
  );
}
