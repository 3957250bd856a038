/**
 * The figures on a summary card: complaints by cause, device, status and blocked task, and
 * number-sharing reports as counts only, for a period and the one before it. Pure functions
 * over plain reports with an explicit end time, so they are tested with plain arrays.
 */
import { CAUSE_LABELS, DEVICE_LABELS, TASK_LABELS } from '../../shared/report-labels.js';
import {
  COMPLAINT_CAUSES,
  DEVICES,
  TASK_CODES,
  type ComplaintCause,
  type Device,
  type Report,
  type TaskCode
} from '../../store/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A half-open span of time: from (included) to (excluded). */
export interface Window {
  from: Date;
  to: Date;
}

/** The period of `days` ending at `end`, and the same length before it. */
export function windowsFor(end: Date, days: number): { current: Window; previous: Window } {
  const from = new Date(end.getTime() - days * DAY_MS);
  return { current: { from, to: end }, previous: { from: new Date(from.getTime() - days * DAY_MS), to: from } };
}

export interface PeriodFigures {
  complaints: number;
  byCause: Record<ComplaintCause, number>;
  byDevice: Record<Device, number>;
  /** Status now of the complaints made in the period. */
  byStatus: { open: number; acknowledged: number; resolved: number };
  blockedTasks: Record<TaskCode, number>;
  /** Number-sharing reports: counts only, never who. */
  numberSharing: number;
  numberSharingToldNotTo: number;
}

export interface SummaryFigures {
  current: PeriodFigures;
  previous: PeriodFigures;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function inWindow(report: Report, window: Window): boolean {
  const at = Date.parse(report.submittedAt);
  return at >= window.from.getTime() && at < window.to.getTime();
}

/** True when the report is by, or (for number sharing) about, someone in scope. */
function inScope(report: Report, scope: ReadonlySet<string> | 'council'): boolean {
  if (scope === 'council') return true;
  const ids = [report.reporterId, report.kind === 'number-sharing' ? report.sharerId : undefined];
  return ids.some((id) => id !== undefined && (scope.has(id) || scope.has(id.toLowerCase())));
}

function figuresFor(reports: readonly Report[], window: Window): PeriodFigures {
  const figures: PeriodFigures = {
    complaints: 0,
    byCause: zeros(COMPLAINT_CAUSES),
    byDevice: zeros(DEVICES),
    byStatus: { open: 0, acknowledged: 0, resolved: 0 },
    blockedTasks: zeros(TASK_CODES),
    numberSharing: 0,
    numberSharingToldNotTo: 0
  };
  for (const report of reports) {
    if (!inWindow(report, window)) continue;
    if (report.kind === 'number-sharing') {
      figures.numberSharing++;
      if (report.toldNotTo === 'yes') figures.numberSharingToldNotTo++;
      continue;
    }
    figures.complaints++;
    figures.byCause[report.cause]++;
    figures.byDevice[report.device]++;
    if (report.status === 'open' || report.status === 'acknowledged' || report.status === 'resolved') figures.byStatus[report.status]++;
    for (const task of new Set(report.blockedTasks)) figures.blockedTasks[task]++;
  }
  return figures;
}

/**
 * Counts the reports in scope for both windows. Withdrawn and voided reports never count.
 * @param scope the ids of the team (reporter or named colleague), or the whole council.
 */
export function summarise(reports: readonly Report[], scope: ReadonlySet<string> | 'council', windows: { current: Window; previous: Window }): SummaryFigures {
  const counted = reports.filter((r) => r.status !== 'withdrawn' && r.status !== 'void' && inScope(r, scope));
  return { current: figuresFor(counted, windows.current), previous: figuresFor(counted, windows.previous) };
}

/** One line of a summary table: a label and the count for each period. */
export interface SummaryRow {
  label: string;
  current: number;
  previous: number;
}

function rows<K extends string>(keys: readonly K[], labels: Record<K, string>, pick: (f: PeriodFigures) => Record<K, number>, figures: SummaryFigures): SummaryRow[] {
  return keys.map((key) => ({ label: labels[key], current: pick(figures.current)[key], previous: pick(figures.previous)[key] }));
}

/** The tables of a summary card, in the order the card shows them. */
export function summaryTables(figures: SummaryFigures): Array<{ title: string; rows: SummaryRow[] }> {
  const { current, previous } = figures;
  const blocked = rows(TASK_CODES, TASK_LABELS, (f) => f.blockedTasks, figures)
    .map((row, i) => ({ ...row, label: `${TASK_CODES[i]}. ${row.label}` }))
    .filter((row) => row.current > 0 || row.previous > 0)
    .sort((a, b) => b.current - a.current || b.previous - a.previous);
  return [
    {
      title: 'Device complaints',
      rows: [
        { label: 'All complaints', current: current.complaints, previous: previous.complaints },
        { label: 'Still open', current: current.byStatus.open, previous: previous.byStatus.open },
        { label: 'Acknowledged', current: current.byStatus.acknowledged, previous: previous.byStatus.acknowledged },
        { label: 'Resolved', current: current.byStatus.resolved, previous: previous.byStatus.resolved }
      ]
    },
    { title: 'By cause', rows: rows(COMPLAINT_CAUSES, CAUSE_LABELS, (f) => f.byCause, figures) },
    { title: 'By device', rows: rows(DEVICES, DEVICE_LABELS, (f) => f.byDevice, figures) },
    { title: 'Most-blocked tasks', rows: blocked },
    {
      title: 'Personal numbers shared for work',
      rows: [
        { label: 'Reports', current: current.numberSharing, previous: previous.numberSharing },
        { label: 'Had been told not to', current: current.numberSharingToldNotTo, previous: previous.numberSharingToldNotTo }
      ]
    }
  ];
}
