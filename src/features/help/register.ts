/**
 * Welcome and help: the help card on install, on "help"/"hi"/"hello", and from the
 * "Show what I can do" button on other cards.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../../shared/cards.js';
import { onCardAction } from '../../shared/card-actions.js';
import { onCommand } from '../../shared/command-routes.js';
import type { BotApp, FeatureDeps } from '../../shared/deps.js';
import { OPEN_VERBS } from '../../shared/verbs.js';
import { helpCard } from '../../shared/help-card.js';

/** Sends the help card as a new message. */
export async function sendHelp(context: TurnContext, deps: FeatureDeps): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(cardAttachment(helpCard(!deps.config.bot))));
}

export function register(app: BotApp, deps: FeatureDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = context.activity.membersAdded?.some((member) => member.id === botId);
    if (botAdded) {
      deps.log.info({ event: 'installed', conversationType: context.activity.conversation?.conversationType }, 'bot added');
      await sendHelp(context, deps);
    }
  });
  onCommand(app, 'help', async (context) => sendHelp(context, deps));
  onCardAction(app, OPEN_VERBS.help, async () => helpCard(!deps.config.bot));
}
