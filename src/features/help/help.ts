/** The help card's data: what the bot does and where each button leads. */
import { COMMANDS } from '../../shared/commands.js';
import { renderCard, type AdaptiveCard } from '../../shared/cards.js';

/** Verbs of the help card's buttons; each feature registers the one it owns. */
export const HELP_VERBS = {
  show: 'help.show',
  ask: 'policy.ask',
  complaint: 'complaint.open',
  sharing: 'sharing.open',
  profile: 'profile.open'
} as const;

const STAFF_COMMANDS = ['help', 'profile', 'report-device-problem', 'report-number-sharing', 'my-reports'];

/** The help card. `localMode` adds a warning not to enter real data. */
export function helpCard(localMode: boolean): AdaptiveCard {
  return renderCard('help', {
    exampleQuestion: 'Can I check my Hotmail on my work laptop at lunch?',
    commandList: COMMANDS.filter((c) => STAFF_COMMANDS.includes(c.name))
      .map((c) => c.title)
      .join(' \u00b7 '),
    localMode,
    verbs: HELP_VERBS
  });
}

/** A short card with a title and a message, e.g. for a refusal or something not yet available. */
export function noticeCard(title: string, message: string, showHelp = false): AdaptiveCard {
  return renderCard('notice', { title, message, showHelp });
}
