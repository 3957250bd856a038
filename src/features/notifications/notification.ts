/**
 * A new device complaint as its reporter's manager sees it, with Acknowledge and Resolve
 * buttons, and the rules for moving its status. Pure: the handlers fetch and store.
 */
import { z } from 'zod';
import { renderCard, type AdaptiveCard, type CardFact } from '../../shared/cards.js';
import { readableDate } from '../../shared/dates.js';
import { complaintFacts, STATUS_LABELS } from '../../shared/report-labels.js';
import { statusMove } from '../../shared/report-status.js';
import type { DeviceComplaint, ReportStatus } from '../../store/types.js';

export const NOTIFICATION_VERBS = {
  acknowledge: 'complaint.acknowledge',
  resolve: 'complaint.resolve',
  refresh: 'complaint.refresh'
} as const;

export type StatusAction = 'acknowledge' | 'resolve';
const TARGET: Record<StatusAction, ReportStatus> = { acknowledge: 'acknowledged', resolve: 'resolved' };

/** What a status button sends back. */
const buttonData = z.object({ reportId: z.string().regex(/^DC-\d{4}-\d{6}$/) });

/** The complaint reference a button carries, when it is one the bot could have made. */
export function buttonReportId(data: Record<string, unknown>): string | undefined {
  const parsed = buttonData.safeParse(data);
  return parsed.success ? parsed.data.reportId : undefined;
}

/**
 * The status a button moves a complaint to, or why it cannot (the moves a manager may make
 * are in shared/report-status.ts): only open complaints are acknowledged, open or
 * acknowledged ones resolved, and withdrawn or voided ones are left alone.
 */
export function nextStatus(current: ReportStatus, action: StatusAction): { ok: true; status: ReportStatus } | { ok: false; note: string } {
  const target = TARGET[action];
  if (statusMove('manager', current, target).ok) return { ok: true, status: target };
  return { ok: false, note: refusalNote(current, action) };
}

/** Why a button changed nothing when others kept changing the complaint while it was pressed. */
export const BUSY_NOTE = 'Someone else is changing this report just now, so nothing was changed. Please try again in a minute.';

/** Why a button changed nothing, given the status the complaint has. */
export function refusalNote(current: ReportStatus, action: StatusAction): string {
  if (current === 'withdrawn' || current === 'void') return 'This report was withdrawn, so its status cannot change.';
  if (current === 'resolved') return 'This report is already resolved.';
  return action === 'acknowledge' ? 'This report was already acknowledged.' : 'This report\u2019s status cannot change.';
}

export interface NotificationView {
  reporterName: string;
  /** Teams user ids (29:...) whose clients refresh the card to its current status. */
  refreshUserIds: string[];
  /** A line about what just happened, e.g. that a button changed nothing. */
  note?: string;
}

export interface NotificationCardData {
  reportId: string;
  reporterName: string;
  /** Teams user ids whose clients refresh the card (Universal Actions). */
  userIds: string[];
  facts: CardFact[];
  description: string;
  status: string;
  note: string;
  nextSteps: string;
  canAcknowledge: boolean;
  canResolve: boolean;
  verbs: typeof NOTIFICATION_VERBS;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'complaint.notification': NotificationCardData;
  }
}

/** The card a manager sees for a complaint, showing its current status. */
export function complaintNotificationCard(report: DeviceComplaint, view: NotificationView): AdaptiveCard {
  const last = report.history.at(-1);
  const changed = last && last.status === report.status ? ` on ${readableDate(last.at.slice(0, 10))}` : '';
  return renderCard('complaint.notification', {
    reportId: report.id,
    reporterName: view.reporterName,
    userIds: view.refreshUserIds,
    facts: complaintFacts(report, 'them'),
    description: report.description,
    status: `${STATUS_LABELS[report.status]}${changed}`,
    note: view.note ?? '',
    nextSteps: 'Acknowledge it to let them know you have seen it; mark it resolved when they can work again. They are told each time.',
    canAcknowledge: statusMove('manager', report.status, 'acknowledged').ok,
    canResolve: statusMove('manager', report.status, 'resolved').ok,
    verbs: NOTIFICATION_VERBS
  });
}

/** What the reporter is told when their manager changes the status. */
export function reporterUpdate(report: DeviceComplaint): { title: string; message: string } {
  const what = report.status === 'resolved' ? 'marked as resolved' : 'acknowledged';
  return { title: 'Update on your device problem', message: `Your report ${report.id} has been ${what} by your manager. Say "my reports" to see all your reports.` };
}
