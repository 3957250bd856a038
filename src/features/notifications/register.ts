/**
 * Complaint notifications: a new device complaint goes to the reporter's manager (from the
 * roster) with Acknowledge and Resolve buttons. A press is checked on the server (the
 * reporter's manager, or an FOI officer or admin), changes the status, answers with the
 * card as it now stands (and Universal Actions refresh keeps every copy current), and tells
 * the reporter.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { senderId } from '../../shared/activity.js';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import type { BotEvents } from '../../shared/events.js';
import type { ProactiveSender } from '../../shared/proactive.js';
import { auditRefusal, hasRole, refusalText } from '../../shared/roles.js';
import type { DeviceComplaint, Employee } from '../../store/types.js';
import { noticeCard } from '../../shared/notice.js';
import { moveStatus } from '../../shared/report-status.js';
import { BUSY_NOTE, buttonReportId, complaintNotificationCard, nextStatus, NOTIFICATION_VERBS, refusalNote, reporterUpdate, type StatusAction } from './notification.js';

const NOT_FOUND = noticeCard('Report not found', 'I could not find that device problem report. It may have been removed under the retention policy.');

export interface NotificationParts {
  events: BotEvents;
  /** Absent when the bot has no adapter to send through (then nothing is sent, and that is logged). */
  proactive?: ProactiveSender;
}

export function register(app: BotApp, deps: FeatureDeps, { events, proactive }: NotificationParts): void {
  const { store, log, now, config } = deps;

  /**
   * The reporter's roster row and their manager's, when the roster has both. Looked up one
   * by one: every complaint asks, and copying a whole roster each time is costly.
   */
  async function people(report: DeviceComplaint): Promise<{ reporter?: Employee; manager?: Employee }> {
    // Reports carry a Teams object id; imported ones an employee id.
    const reporter = (await store.people.getEmployeeByAadObjectId(report.reporterId)) ?? (await store.people.getEmployee(report.reporterId));
    return { reporter, manager: reporter?.managerId ? await store.people.getEmployee(reporter.managerId) : undefined };
  }

  async function cardFor(report: DeviceComplaint, note?: string): Promise<AdaptiveCard> {
    const { reporter, manager } = await people(report);
    const conversation = manager?.aadObjectId ? await store.conversations.get(manager.aadObjectId.toLowerCase()) : undefined;
    const teamsUserId = (conversation?.reference.user as { id?: string } | undefined)?.id;
    return complaintNotificationCard(report, { reporterName: reporter?.name ?? 'a member of your team', refreshUserIds: teamsUserId ? [teamsUserId] : [], note });
  }

  events.onComplaintStored(async (report) => {
    if (!config.notifyManagers) return;
    const { manager } = await people(report);
    if (!manager?.aadObjectId) {
      log.info({ event: 'complaint.notify.skipped', reference: report.id, reason: manager ? 'manager-not-in-teams' : 'no-manager' }, 'manager not notified');
      return;
    }
    if (!proactive) {
      log.warn({ event: 'complaint.notify.skipped', reference: report.id, reason: 'no-adapter' }, 'manager not notified');
      return;
    }
    const outcome = await proactive.send(manager.aadObjectId, MessageFactory.attachment(cardAttachment(await cardFor(report))));
    log.info({ event: 'complaint.notify', reference: report.id, outcome: outcome.status }, 'manager notification');
  });

  /** The complaint a button names, when the presser may act on it; audits a refusal. */
  async function permitted(context: TurnContext, data: Record<string, unknown>, action: string): Promise<{ report: DeviceComplaint } | { answer: AdaptiveCard }> {
    const reportId = buttonReportId(data);
    const report = reportId ? await store.reports.get(reportId) : undefined;
    if (!report || report.kind !== 'device-complaint') return { answer: NOT_FOUND };
    const presser = senderId(context);
    const { manager } = await people(report);
    const isManager = !!presser && !!manager?.aadObjectId && manager.aadObjectId.toLowerCase() === presser.toLowerCase();
    if (isManager || (await hasRole(deps, presser, 'foi-officer'))) return { report };
    await auditRefusal(context, deps, action, 'reporter\u2019s manager or foi-officer', report.id);
    return { answer: noticeCard('Not your team\u2019s report', refusalText('manager')) };
  }

  const statusButton = (action: StatusAction) =>
    onCardAction(app, NOTIFICATION_VERBS[action], async (context, data) => {
      const check = await permitted(context, data, `complaint.${action}`);
      if ('answer' in check) return check.answer;
      const next = nextStatus(check.report.status, action);
      if (!next.ok) return cardFor(check.report, next.note);
      const by = senderId(context)!;
      // Decided again on the status the complaint has when written: its reporter may have withdrawn it meanwhile.
      const moved = await moveStatus(store.reports, check.report, 'manager', next.status, by, now().toISOString());
      if (moved.outcome === 'not-found') return NOT_FOUND;
      if (moved.outcome === 'refused') return cardFor(moved.report as DeviceComplaint, moved.reason === 'busy' ? BUSY_NOTE : refusalNote(moved.report.status, action));
      const updated = moved.report as DeviceComplaint;
      await store.audit.add({ at: now().toISOString(), actorId: by, action: `complaint.${action}`, target: updated.id, outcome: 'done' });
      log.info({ event: 'complaint.status', reference: updated.id, status: updated.status }, 'complaint status changed');
      if (proactive && updated.source === 'teams') {
        const update = reporterUpdate(updated);
        events.background('complaint.tell-reporter', async () => {
          const outcome = await proactive.send(updated.reporterId, MessageFactory.attachment(cardAttachment(noticeCard(update.title, update.message))));
          log.info({ event: 'complaint.reporter-told', reference: updated.id, outcome: outcome.status }, 'reporter told of status change');
        });
      }
      return cardFor(updated);
    });
  statusButton('acknowledge');
  statusButton('resolve');

  // Universal Actions refresh: whoever opens the card sees its current status, if they may.
  onCardAction(app, NOTIFICATION_VERBS.refresh, async (context, data) => {
    const check = await permitted(context, data, 'complaint.refresh');
    return 'answer' in check ? check.answer : cardFor(check.report);
  });
}
