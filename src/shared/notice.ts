/** The short cards every part of the bot answers with: a notice, and "I can't tell who you are". */
import { renderCard, type AdaptiveCard } from './cards.js';
import { OPEN_VERBS } from './verbs.js';

export interface NoticeCardData {
  title: string;
  message: string;
  showHelp: boolean;
  helpVerb: string;
}

declare module './cards.js' {
  interface CardData {
    notice: NoticeCardData;
  }
}

/**
 * A short card with a title and a message, e.g. for a refusal or a problem to fix.
 * @param showHelp adds a button that shows the help card.
 */
export function noticeCard(title: string, message: string, showHelp = false): AdaptiveCard {
  return renderCard('notice', { title, message, showHelp, helpVerb: OPEN_VERBS.help });
}

/**
 * Shown when Teams did not say who sent an activity, so nothing personal can be done.
 * @param what what the bot cannot do without knowing, e.g. "take a report".
 */
export function unknownSenderCard(what: string): AdaptiveCard {
  return noticeCard('I can\u2019t tell who you are', `Teams did not say who sent this, so I can\u2019t ${what}. Please open the bot from Teams and try again.`);
}
