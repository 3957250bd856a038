/**
 * Adaptive Cards are JSON templates in `cards/` expanded with `adaptivecards-templating`
 * from typed data. Code never assembles card JSON by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { cardsDir } from '../config/paths.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A card ready to send: plain JSON with `type: 'AdaptiveCard'`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

/** The templates in `cards/`, by file name without `.json`. A test checks this list against the folder. */
export const CARD_NAMES = [
  'complaint.confirmation',
  'complaint.form',
  'complaint.notification',
  'foi.figures',
  'help',
  'my-reports',
  'notice',
  'policy.answer',
  'policy.gaps',
  'policy.link',
  'policy.not-found',
  'profile.form',
  'sharing.confirmation',
  'sharing.form',
  'summary'
] as const;
export type CardName = (typeof CARD_NAMES)[number];

/**
 * The data each template is expanded with, by template name. The module that renders a
 * card declares its data type here, beside the code that builds it:
 *
 * ```ts
 * declare module '../../shared/cards.js' {
 *   interface CardData { 'profile.form': ProfileCardData }
 * }
 * ```
 *
 * so `renderCard` takes only a template that exists, with the data that template reads.
 */
export interface CardData {}

/** Fails to compile when a template has no data type, or a data type names no template. */
const everyTemplateHasItsData: [Exclude<CardName, keyof CardData>, Exclude<keyof CardData, CardName>] extends [never, never] ? true : false = true;
void everyTemplateHasItsData;

/** One line of a `FactSet`. */
export interface CardFact {
  title: string;
  value: string;
}

/** One choice of an `Input.ChoiceSet`. */
export interface CardChoice {
  title: string;
  value: string;
}

const templates = new Map<CardName, ACData.Template>();

function template(name: CardName): ACData.Template {
  let cached = templates.get(name);
  if (!cached) {
    const file = path.join(cardsDir, `${name}.json`);
    cached = new ACData.Template(JSON.parse(readFileSync(file, 'utf8')));
    templates.set(name, cached);
  }
  return cached;
}

/**
 * Expands `cards/<name>.json` with `data` as `$root`.
 * @param name the template's file name without `.json`, e.g. `profile.form`.
 */
export function renderCard<N extends keyof CardData>(name: N, data: CardData[N]): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}

/** Wraps a card as a message attachment. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
