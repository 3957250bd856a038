/** How a guard ends a turn without running any feature. */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../shared/cards.js';
import { setRetryAfter } from '../shared/retry-after.js';

/** The `adaptiveCard/action` invoke name: Teams expects a card (or status) in the response. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';
/** Message-extension invokes (`composeExtension/query`, `/selectItem`, `/queryLink`) share this prefix. */
export const COMPOSE_EXTENSION_INVOKE_PREFIX = 'composeExtension/';

/** What a refused person is shown, where the invoke has room for it. */
export interface Refusal {
  /** For a card action: the card that replaces the one pressed. */
  card?: AdaptiveCard;
  /** For a message extension: the line Teams shows in place of results. */
  text?: string;
  /** For a refusal that ends by itself (429): sent as the response's Retry-After header. */
  retryAfterSeconds?: number;
}

/**
 * Answers an invoke with `status` (with the card for a card action or the text for a
 * message extension as its body, when there is something to show) so Teams does not wait
 * for a reply that will never come. Other activities get nothing here.
 */
export async function refuseTurn(context: TurnContext, status: number, refusal: Refusal = {}): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke) return;
  const name = String(context.activity.name ?? '');
  const body =
    refusal.card && name === CARD_ACTION_INVOKE
      ? { statusCode: 200, type: cardAttachment(refusal.card).contentType, value: refusal.card }
      : refusal.text && name.startsWith(COMPOSE_EXTENSION_INVOKE_PREFIX)
        ? { composeExtension: { type: 'message', text: refusal.text } }
        : undefined;
  if (refusal.retryAfterSeconds !== undefined) setRetryAfter(context, refusal.retryAfterSeconds);
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}
