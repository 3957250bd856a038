/**
 * Adaptive Cards are JSON templates in `cards/` expanded with `adaptivecards-templating`
 * from typed data. Code never assembles card JSON by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';
import { cardsDir } from '../config/paths.js';

/** The Adaptive Card schema version Teams bots support. */
export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A card ready to send: plain JSON with `type: 'AdaptiveCard'`. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  [key: string]: unknown;
}

const templates = new Map<string, ACData.Template>();

function template(name: string): ACData.Template {
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
export function renderCard(name: string, data: object): AdaptiveCard {
  return template(name).expand({ $root: data }) as AdaptiveCard;
}

/** Wraps a card as a message attachment. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
