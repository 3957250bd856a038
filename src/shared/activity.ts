/** Small readers of the incoming activity, so features do not dig into Teams payloads. */
import type { TurnContext } from 'botbuilder';

/** The sender's Teams (Entra ID) object id, or undefined when Teams did not send one. */
export function senderId(context: TurnContext): string | undefined {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

/** True in a personal (1:1) chat with the bot. */
export function isPersonalChat(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}
