/** Small readers of the incoming activity, so features do not dig into Teams payloads. */
import type { TurnContext } from 'botbuilder';

/** The sender's Teams (Entra ID) object id, or undefined when Teams did not send one. */
export function senderId(context: TurnContext): string | undefined {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

/**
 * True in a personal (1:1) chat with the bot, and only when Teams says so: an activity that
 * does not name its conversation type may come from a channel, and reports are never taken
 * where others could see them.
 */
export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}
