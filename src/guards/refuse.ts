/** How a guard ends a turn without running any feature. */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../shared/cards.js';

/** The `adaptiveCard/action` invoke name: Teams expects a card (or status) in the response. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/**
 * Answers an invoke with `status` (and, for a card action, `card` in the body) so Teams
 * does not wait for a reply that will never come. Other activities get nothing here.
 */
export async function refuseTurn(context: TurnContext, status: number, card?: AdaptiveCard): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke) return;
  const body =
    card && context.activity.name === CARD_ACTION_INVOKE
      ? { statusCode: 200, type: cardAttachment(card).contentType, value: card }
      : undefined;
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: card ? 200 : status, body } });
}
