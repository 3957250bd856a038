/**
 * Reaching someone in their 1:1 chat with the bot from a turn elsewhere (a channel or a
 * group chat), so that reports are never taken where others can read them: a private card
 * asked for in a shared chat opens in the person's 1:1 chat instead.
 */
import { MessageFactory, type Activity, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import { isPersonalChat, senderId } from './activity.js';
import { onCardAction } from './card-actions.js';
import { cardAttachment, type AdaptiveCard } from './cards.js';
import { onCommand } from './command-routes.js';
import { runProactiveTurn } from './proactive.js';
import type { CommandName } from './commands.js';
import type { BotApp, FeatureDeps } from './deps.js';

export const SENT_PRIVATELY = 'Reports are private, so I\u2019ve sent this to your 1:1 chat with me. Only you can see it there.';
export const NOT_IN_SHARED_CHATS = 'Reports are taken only in your 1:1 chat with me, so nothing was saved here.';

/** What to say in a shared chat when the 1:1 chat could not be opened. */
export function openChatYourself(commandTitle: string): string {
  return `Reports are private, so I don\u2019t take them here, and I couldn\u2019t open a 1:1 chat with you. Select my name, choose Chat, and type "${commandTitle}".`;
}

const TEAMS_CHANNEL = 'msteams';

/**
 * Sends `activity` to the sender's personal chat with the bot: through the stored personal
 * conversation when there is one, else by creating the 1:1 conversation (Teams returns the
 * existing one if the person already has it).
 * @returns false when it could not be sent; the caller tells the person how to open the chat.
 */
export async function sendToPersonalChat(context: TurnContext, deps: FeatureDeps, activity: Partial<Activity>): Promise<boolean> {
  const id = senderId(context);
  if (!id) return false;
  const botAppId = deps.config.bot?.appId ?? '';
  const send = async (personal: TurnContext) => {
    await personal.sendActivity(activity);
  };

  const stored = await deps.store.conversations.get(id.toLowerCase());
  if (stored && !stored.goneAt && stored.reference.conversation) {
    try {
      await runProactiveTurn((logic) => context.adapter.continueConversationAsync(botAppId, stored.reference as Partial<ConversationReference>, logic), send);
      deps.log.info({ event: 'private.sent', via: 'stored' }, 'sent to personal chat');
      return true;
    } catch (error) {
      // The stored chat may be gone; creating it again is the way back.
      deps.log.warn({ event: 'private.stored-failed', err: { message: (error as Error).message } }, 'stored personal chat failed');
    }
  }

  const incoming = context.activity;
  const tenantId = incoming.conversation?.tenantId ?? (incoming.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: incoming.recipient,
    members: [{ id: incoming.from.id, name: '' }],
    tenantId,
    channelData: { tenant: { id: tenantId } }
  };
  try {
    // No audience: the adapter then uses its own cloud's default for outgoing calls.
    await runProactiveTurn((logic) => context.adapter.createConversationAsync(botAppId, TEAMS_CHANNEL, incoming.serviceUrl, undefined as unknown as string, parameters, logic), send);
    deps.log.info({ event: 'private.sent', via: 'created' }, 'sent to personal chat');
    return true;
  } catch (error) {
    deps.log.warn({ event: 'private.create-failed', err: { message: (error as Error).message } }, 'could not open personal chat');
    return false;
  }
}

export interface PrivateCardOpeners {
  command: CommandName;
  /** What the person would type, for the message when the 1:1 chat cannot be opened. */
  commandTitle: string;
  verb: string;
  /** The card for this person (an empty form, or their own reports). */
  card: (reporterId: string) => Promise<AdaptiveCard>;
  /** Shown when Teams did not say who the sender is. */
  unknownSender: AdaptiveCard;
}

/**
 * Registers the typed command and the button that open a private card (a report form or
 * "my reports"). In a 1:1 chat the card is shown there; in a channel or group chat it is
 * sent to the person's 1:1 chat and the shared chat hears only that.
 */
export function registerPrivateCard(app: BotApp, deps: FeatureDeps, openers: PrivateCardOpeners): void {
  async function sendPrivately(context: TurnContext, reporterId: string): Promise<string> {
    const sent = await sendToPersonalChat(context, deps, MessageFactory.attachment(cardAttachment(await openers.card(reporterId))));
    return sent ? SENT_PRIVATELY : openChatYourself(openers.commandTitle);
  }

  onCommand(app, openers.command, async (context) => {
    const reporterId = senderId(context);
    if (!reporterId) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(openers.unknownSender)));
    } else if (isPersonalChat(context)) {
      await context.sendActivity(MessageFactory.attachment(cardAttachment(await openers.card(reporterId))));
    } else {
      await context.sendActivity(await sendPrivately(context, reporterId));
    }
  });

  onCardAction(app, openers.verb, async (context) => {
    const reporterId = senderId(context);
    if (!reporterId) return openers.unknownSender;
    // In a shared chat, a message to the presser only, so the card stays as it is for everyone else.
    return isPersonalChat(context) ? openers.card(reporterId) : sendPrivately(context, reporterId);
  });
}
