/**
 * One way to handle a card button, whichever action type the card used. Teams sends
 * `Action.Execute` as an `adaptiveCard/action` invoke and expects the replacement card in
 * the invoke response; older clients send `Action.Submit` as a message whose value carries
 * the verb, and the card is replaced by updating the message it came from.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from './cards.js';

/**
 * The answer to a card action: the card that replaces the one pressed, or a short message
 * for the person who pressed it that leaves the card as it was (used in shared chats, where
 * replacing the card would change it for everyone).
 */
export type CardActionHandler = (context: TurnContext, data: Record<string, unknown>) => Promise<AdaptiveCard | string>;

/** Registers `handler` for `verb` as both `Action.Execute` and `Action.Submit`. */
export function onCardAction(app: Application<TurnState>, verb: string, handler: CardActionHandler): void {
  app.adaptiveCards.actionExecute(verb, async (context, _state, data) => handler(context, asRecord(data)));
  app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
    const answer = await handler(context, asRecord(data));
    if (typeof answer === 'string') {
      await context.sendActivity(answer);
      return;
    }
    const reply = MessageFactory.attachment(cardAttachment(answer));
    if (context.activity.replyToId) {
      reply.id = context.activity.replyToId;
      await context.updateActivity(reply);
    } else {
      await context.sendActivity(reply);
    }
  });
}

function asRecord(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}
