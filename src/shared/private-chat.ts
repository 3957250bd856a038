/**
 * Reaching someone in their 1:1 chat with the bot from a turn elsewhere (a channel or a
 * group chat), so that reports are never taken where others can read them.
 */
import type { Activity, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import { senderId } from './activity.js';
import type { FeatureDeps } from './deps.js';

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
      await context.adapter.continueConversationAsync(botAppId, stored.reference as Partial<ConversationReference>, send);
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
    await context.adapter.createConversationAsync(botAppId, TEAMS_CHANNEL, incoming.serviceUrl, undefined as unknown as string, parameters, send);
    deps.log.info({ event: 'private.sent', via: 'created' }, 'sent to personal chat');
    return true;
  } catch (error) {
    deps.log.warn({ event: 'private.create-failed', err: { message: (error as Error).message } }, 'could not open personal chat');
    return false;
  }
}
