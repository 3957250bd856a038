/**
 * "summary": a manager's team summary, or the council's for FOI officers and admins, for
 * the last 7 days or a period they name ("summary 30 days", "summary month").
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from '../../shared/activity.js';
import { cardAttachment, type AdaptiveCard } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import { MAX_PERIOD_DAYS } from '../../shared/command-arguments.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { auditRefusal, refusalText } from '../../shared/roles.js';
import { noticeCard } from '../../shared/notice.js';
import { audienceOf, reportsForSummary, summaryForAudience } from './audience.js';
import { SUMMARY_VERBS } from './summary-card.js';

const PERIOD_HELP = noticeCard(
  'Which period?',
  'Say "summary" for the last 7 days, or name a period: "summary month", "summary 30 days", "summary 6 weeks". The longest is a year.'
);
const PRIVATE_ONLY = noticeCard('Summaries are private', 'I only show summaries in your 1:1 chat with me. Open a chat with me and say "summary" there.');

export function register(app: BotApp, deps: FeatureDeps): void {
  async function summaryFor(context: TurnContext, days: number): Promise<AdaptiveCard> {
    if (!isPersonalChat(context)) return PRIVATE_ONLY;
    const audience = await audienceOf(deps, senderId(context));
    if (!audience) {
      await auditRefusal(context, deps, 'summary', 'manager or foi-officer');
      return noticeCard('Summaries are for managers', refusalText('manager'), true);
    }
    const end = deps.now();
    const card = summaryForAudience(await reportsForSummary(deps.store, end, days), audience, end, days, deps.config.timeZone);
    deps.log.info({ event: 'summary.shown', audience: audience.kind, days }, 'summary shown');
    return card;
  }

  onCommand(app, 'summary', async (context, period) => {
    const card = period.kind === 'days' ? await summaryFor(context, period.days) : PERIOD_HELP;
    await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  });

  onCardAction(app, SUMMARY_VERBS.refresh, async (context, data) => {
    const days = Number(data.days);
    return summaryFor(context, Number.isInteger(days) && days >= 1 && days <= MAX_PERIOD_DAYS ? days : 7);
  });
}
