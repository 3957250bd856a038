/**
 * The help card: what the bot does and where each button leads. The help feature shows it,
 * and so does policy Q&A for a message it cannot read as a question.
 */
import { COMMANDS, type CommandName } from './commands.js';
import { renderCard, type AdaptiveCard } from './cards.js';
import { OPEN_VERBS } from './verbs.js';

export interface HelpCardData {
  exampleQuestion: string;
  /** The staff commands, as people type them. */
  commandList: string;
  /** Warns not to enter real data. */
  localMode: boolean;
  verbs: Pick<typeof OPEN_VERBS, 'ask' | 'complaint' | 'sharing' | 'profile'>;
}

declare module './cards.js' {
  interface CardData {
    help: HelpCardData;
  }
}

/** The commands the help card lists: the ones every member of staff can use. */
const STAFF_COMMANDS: readonly CommandName[] = ['help', 'profile', 'report-device-problem', 'report-number-sharing', 'my-reports'];

/** The card for each mode, expanded once: its data never changes while the bot runs. */
const rendered = new Map<boolean, AdaptiveCard>();

/** The help card. `localMode` adds a warning not to enter real data. */
export function helpCard(localMode: boolean): AdaptiveCard {
  let card = rendered.get(localMode);
  if (!card) {
    card = renderHelpCard(localMode);
    rendered.set(localMode, card);
  }
  // A copy, so whoever sends it cannot change the one kept; copying costs far less than expanding the template.
  return structuredClone(card);
}

function renderHelpCard(localMode: boolean): AdaptiveCard {
  return renderCard('help', {
    exampleQuestion: 'Can I check my Hotmail on my work laptop at lunch?',
    commandList: COMMANDS.filter((c) => STAFF_COMMANDS.includes(c.name))
      .map((c) => c.title)
      .join(' \u00b7 '),
    localMode,
    verbs: { ask: OPEN_VERBS.ask, complaint: OPEN_VERBS.complaint, sharing: OPEN_VERBS.sharing, profile: OPEN_VERBS.profile }
  });
}
