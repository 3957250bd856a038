/**
 * "my reports": a person's own reports with their status, and withdrawing one. The server
 * checks the report is the sender's own; a withdrawal of anyone else's is refused, audited
 * and changes nothing.
 */
import { isPersonalChat, senderId } from '../../shared/activity.js';
import { onCardAction } from '../../shared/card-actions.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { unknownSenderCard } from '../../shared/notice.js';
import { NOT_IN_SHARED_CHATS, registerPrivateCard } from '../../shared/private-chat.js';
import { STATUS_LABELS } from '../../shared/report-labels.js';
import { moveStatus } from '../../shared/report-status.js';
import { checkWithdrawal, MY_REPORTS_VERBS, myReportsCard, type Notice } from './my-reports.js';

const UNKNOWN_SENDER = unknownSenderCard('show your reports');

/** A reference as the bot writes them; anything else is not looked up or logged. */
const REFERENCE = /^[A-Z]{2}-\d{4}-\d{6}$/;

export function register(app: BotApp, deps: FeatureDeps): void {
  const { config, store, log, now } = deps;

  async function listCard(reporterId: string, notice?: Notice) {
    return myReportsCard(await store.reports.list({ reporterId }), config.timeZone, notice);
  }

  registerPrivateCard(app, deps, {
    command: 'my-reports',
    commandTitle: 'my reports',
    verb: MY_REPORTS_VERBS.list,
    unknownSender: UNKNOWN_SENDER,
    card: (reporterId) => listCard(reporterId)
  });

  onCardAction(app, MY_REPORTS_VERBS.withdraw, async (context, data) => {
    const reporterId = senderId(context);
    if (!reporterId) return UNKNOWN_SENDER;
    if (!isPersonalChat(context)) return NOT_IN_SHARED_CHATS;
    const reportId = typeof data.reportId === 'string' && REFERENCE.test(data.reportId) ? data.reportId : undefined;
    const checked = checkWithdrawal(reportId ? await store.reports.get(reportId) : undefined, reporterId);
    const at = now().toISOString();

    if (!checked.ok && checked.reason === 'closed') {
      const status = checked.report?.status === 'withdrawn' ? 'was already withdrawn' : 'is closed and can no longer be withdrawn';
      return listCard(reporterId, { tone: 'attention', text: `${reportId} ${status}. Nothing was changed.` });
    }
    if (!checked.ok) {
      await store.audit.add({ at, actorId: reporterId, action: 'report.withdraw', target: reportId, outcome: 'refused', detail: checked.reason });
      log.warn({ event: 'report.withdraw-refused', reason: checked.reason }, 'withdrawal refused');
      return listCard(reporterId, { tone: 'attention', text: 'You can only withdraw your own reports, and I couldn\u2019t find that one among them. Nothing was changed.' });
    }

    const moved = await moveStatus(store.reports, checked.report, 'reporter', 'withdrawn', reporterId, at);
    if (moved.outcome === 'not-found') return listCard(reporterId, { tone: 'attention', text: `I couldn\u2019t find ${checked.report.id} any more. Nothing was changed.` });
    if (moved.outcome === 'refused' && moved.reason === 'busy') {
      return listCard(reporterId, { tone: 'attention', text: `${checked.report.id} is being changed by someone else just now, so it was not withdrawn. Nothing was changed; please try again in a minute.` });
    }
    if (moved.outcome === 'refused') {
      // Someone closed it between the check above and the write: say what it is now.
      const status = moved.report.status === 'withdrawn' ? 'was already withdrawn' : `is now ${STATUS_LABELS[moved.report.status].toLowerCase()}, so it was not withdrawn`;
      return listCard(reporterId, { tone: 'attention', text: `${checked.report.id} ${status}. Nothing was changed.` });
    }
    await store.audit.add({ at, actorId: reporterId, action: 'report.withdraw', target: checked.report.id, outcome: 'done' });
    log.info({ event: 'report.withdrawn', reference: checked.report.id }, 'report withdrawn');
    return listCard(reporterId, { tone: 'good', text: `${checked.report.id} is withdrawn. It stays on record but is no longer counted.` });
  });
}
