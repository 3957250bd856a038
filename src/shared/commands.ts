/**
 * The typed commands the bot understands, with their close variants and what may follow
 * them. The manifest's command list is checked against {@link COMMANDS} by a test, so the
 * two stay in step. A message is a command only when the whole message is the command:
 * its words (or a close typo of them), then, for a command that takes one, an argument
 * its grammar reads (see command-arguments.ts). Anything else is a policy question.
 */
import { distance } from 'fastest-levenshtein';
import { readFoiDate, readRoleCommand, readSummaryPeriod, type FoiDate, type RoleCommand, type SummaryPeriod } from './command-arguments.js';

/** Each command's name and what its handler is given: the argument read by its grammar, if it takes one. */
export interface CommandArguments {
  help: undefined;
  profile: undefined;
  'report-device-problem': undefined;
  'report-number-sharing': undefined;
  'my-reports': undefined;
  summary: SummaryPeriod;
  foi: FoiDate;
  'policy-gaps': undefined;
  'policy-reload': undefined;
  role: RoleCommand;
}

export type CommandName = keyof CommandArguments;

export interface Command {
  name: CommandName;
  /** What the manifest's command list shows (at most 32 characters). */
  title: string;
  /** What the manifest's command list says it does (at most 128 characters). */
  description: string;
  /** Whole messages that mean this command, written in lower case without punctuation. */
  variants: string[];
  /**
   * The grammar of what may follow the command's words, for a command that takes an
   * argument: what it reads (also from nothing at all), or undefined when the message is
   * not this command after all.
   */
  argument?: (text: string) => CommandArguments[CommandName] | undefined;
}

export const COMMANDS: readonly Command[] = [
  {
    name: 'help',
    title: 'help',
    description: 'What this bot does and how to use it',
    variants: ['help', 'hi', 'hello', 'hey', 'start', 'menu', 'what can you do', 'good morning', 'good afternoon']
  },
  {
    name: 'profile',
    title: 'profile',
    description: 'Your work pattern and the council devices you have',
    variants: ['profile', 'my profile', 'edit profile', 'update profile', 'show profile']
  },
  {
    name: 'report-device-problem',
    title: 'report device problem',
    description: 'Tell us a council device stopped you doing your work',
    variants: [
      'report device problem',
      'report a device problem',
      'device problem',
      'device complaint',
      'report device',
      'complain about device',
      'device issue',
      'report device issue',
      'report a problem with my device'
    ]
  },
  {
    name: 'report-number-sharing',
    title: 'report number sharing',
    description: 'Tell us a personal mobile number was shared for work',
    variants: [
      'report number sharing',
      'report personal number sharing',
      'number sharing',
      'report personal number',
      'report phone number sharing',
      'personal number sharing',
      'shared my number',
      'report number'
    ]
  },
  {
    name: 'my-reports',
    title: 'my reports',
    description: 'See and withdraw the reports you have made',
    variants: ['my reports', 'reports', 'show my reports', 'list my reports', 'my complaints']
  },
  {
    name: 'summary',
    title: 'summary',
    description: 'Managers: a summary of your team\u2019s reports',
    variants: ['summary', 'team summary', 'show summary', 'weekly summary'],
    argument: readSummaryPeriod
  },
  {
    name: 'foi',
    title: 'foi',
    description: 'FOI officers: the FOI figures, optionally as of a date',
    variants: ['foi', 'foi figures', 'foi report', 'freedom of information'],
    argument: readFoiDate
  },
  {
    name: 'policy-gaps',
    title: 'policy gaps',
    description: 'Admins: questions the policy did not answer',
    variants: ['policy gaps', 'gaps', 'unanswered questions']
  },
  {
    name: 'policy-reload',
    title: 'policy reload',
    description: 'Admins: check the policy file and answer from it now',
    variants: ['policy reload', 'reload policy', 'reload the policy']
  },
  {
    name: 'role',
    title: 'role',
    description: 'Admins: list, add or remove FOI officers and admins',
    // Not "roles": one typo from "rules". "role list", "role add ..." are "role" and an argument.
    variants: ['role', 'list roles', 'show roles'],
    argument: readRoleCommand
  }
];

/** Lower case, no punctuation, single spaces. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** How many typing slips a variant of this length tolerates. */
function tolerance(variant: string): number {
  if (variant.length < 5) return 0;
  return variant.length < 12 ? 1 : 2;
}

export interface CommandMatch {
  command: Command;
  /** What the command's grammar read from the rest of the message; undefined for a command that takes none. */
  argument: CommandArguments[CommandName];
}

/**
 * Finds the command a message is, tolerating small typos in a message that is only the
 * command's words, or undefined when the message is something else (a policy question).
 */
export function matchCommand(text: string | undefined): CommandMatch | undefined {
  const words = normalise(text ?? '');
  if (!words) return undefined;
  const given = (text ?? '').trim().split(/\s+/);
  for (const command of COMMANDS) {
    for (const variant of command.variants) {
      const rest = words === variant ? '' : command.argument && words.startsWith(`${variant} `) ? given.slice(variant.split(' ').length).join(' ') : undefined;
      if (rest === undefined) continue;
      const argument = command.argument?.(rest);
      // The words match, but what follows them is not this command's argument: try the next variant.
      if (command.argument && argument === undefined) continue;
      return { command, argument };
    }
  }
  let best: { command: Command; distance: number } | undefined;
  for (const command of COMMANDS) {
    for (const variant of command.variants) {
      // The distance is at least the difference in length: most messages are far longer than any command.
      if (Math.abs(words.length - variant.length) > tolerance(variant)) continue;
      const d = distance(words, variant);
      if (d <= tolerance(variant) && (!best || d < best.distance)) best = { command, distance: d };
    }
  }
  return best && { command: best.command, argument: best.command.argument?.('') };
}
