/** "my reports": the list of a person's own reports, and who may withdraw which. */
import { renderCard, type AdaptiveCard } from '../../shared/cards.js';
import { calendarDate, readableDate } from '../../shared/dates.js';
import { KIND_LABELS, STATUS_LABELS } from '../../shared/report-labels.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { statusMove } from '../../shared/report-status.js';
import type { Report } from '../../store/types.js';

/** Verbs of "my reports": the list (which other cards open too) and withdrawing one. */
export const MY_REPORTS_VERBS = { list: OPEN_VERBS.myReports, withdraw: 'report.withdraw' } as const;

/** The most reports the card lists, newest first, so it stays well under Teams' 28 KB. */
export const MY_REPORTS_LIMIT = 20;

/** True when the report's reporter may still withdraw it (see shared/report-status.ts). */
export function canWithdraw(report: Report): boolean {
  return statusMove('reporter', report.status, 'withdrawn').ok;
}

export type WithdrawalCheck = { ok: true; report: Report } | { ok: false; reason: 'not-found' | 'not-yours' | 'closed'; report?: Report };

/**
 * Whether `senderId` may withdraw `report`: only its own reporter, and only while it is
 * open. A report that does not exist and someone else's are both "not found" to the
 * sender, so the answer does not reveal whose report a reference is.
 */
export function checkWithdrawal(report: Report | undefined, senderId: string): WithdrawalCheck {
  if (!report) return { ok: false, reason: 'not-found' };
  if (report.reporterId.toLowerCase() !== senderId.toLowerCase()) return { ok: false, reason: 'not-yours' };
  if (!canWithdraw(report)) return { ok: false, reason: 'closed', report };
  return { ok: true, report };
}

/** A line at the top of the card after something happened: good news or a problem. */
export interface Notice {
  text: string;
  tone: 'good' | 'attention';
}

export interface MyReportsCardData {
  reports: Array<{ reference: string; kind: string; sent: string; status: string; canWithdraw: boolean }>;
  isEmpty: boolean;
  /** How many older reports are not shown. */
  more: number;
  moreText: string;
  notice: string;
  withdrawVerb: string;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'my-reports': MyReportsCardData;
  }
}

/**
 * The "my reports" card: the newest {@link MY_REPORTS_LIMIT} reports with their reference,
 * kind, date sent and status, and a Withdraw button on each open one.
 * @param timeZone the council's, for the dates shown.
 */
export function myReportsCard(reports: readonly Report[], timeZone: string, notice?: Notice): AdaptiveCard {
  const newestFirst = [...reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  const shown = newestFirst.slice(0, MY_REPORTS_LIMIT);
  const more = newestFirst.length - shown.length;
  return renderCard('my-reports', {
    reports: shown.map((report) => ({
      reference: report.id,
      kind: KIND_LABELS[report.kind],
      sent: readableDate(calendarDate(new Date(report.submittedAt), timeZone)),
      status: STATUS_LABELS[report.status],
      canWithdraw: canWithdraw(report)
    })),
    isEmpty: shown.length === 0,
    more,
    moreText: more === 1 ? '1 older report is not shown.' : `${more} older reports are not shown.`,
    notice: notice?.text ?? '',
    withdrawVerb: MY_REPORTS_VERBS.withdraw
  });
}
