/**
 * The typed commands the bot understands, with their close variants. The manifest's
 * command list is checked against {@link COMMANDS} by a test, so the two stay in step.
 * Anything that is not a command is a policy question.
 */
import { distance } from 'fastest-levenshtein';
import type { TurnContext } from 'botbuilder';

export type CommandName =
  | 'help'
  | 'profile'
  | 'report-device-problem'
  | 'report-number-sharing'
  | 'my-reports'
  | 'summary'
  | 'foi'
  | 'policy-gaps'
  | 'role';

export interface Command {
  name: CommandName;
  /** What the manifest's command list shows (at most 32 characters). */
  title: string;
  /** What the manifest's command list says it does (at most 128 characters). */
  description: string;
  /** Whole messages that mean this command, written in lower case without punctuation. */
  variants: string[];
  /** Text after the command (e.g. a date for `foi`) is allowed. */
  takesArgument?: boolean;
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
    takesArgument: true
  },
  {
    name: 'foi',
    title: 'foi',
    description: 'FOI officers: the FOI figures, optionally as of a date',
    variants: ['foi', 'foi figures', 'foi report', 'freedom of information'],
    takesArgument: true
  },
  {
    name: 'policy-gaps',
    title: 'policy gaps',
    description: 'Admins: questions the policy did not answer',
    variants: ['policy gaps', 'gaps', 'unanswered questions']
  },
  {
    name: 'role',
    title: 'role',
    description: 'Admins: list, add or remove FOI officers and admins',
    // Not "roles": one typo from "rules". The roles feature also checks the words that follow.
    variants: ['role', 'role list', 'list roles', 'show roles', 'role add', 'role remove'],
    takesArgument: true
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
  /** Whatever followed the command, for commands that take one (e.g. "foi 2020-02-11"). */
  argument: string;
}

/**
 * Finds the command a message means, tolerating small typos, or undefined when the
 * message is something else (a policy question).
 */
export function matchCommand(text: string | undefined): CommandMatch | undefined {
  const words = normalise(text ?? '');
  if (!words) return undefined;
  for (const command of COMMANDS) {
    for (const variant of command.variants) {
      if (words === variant) return { command, argument: '' };
      if (command.takesArgument && words.startsWith(`${variant} `)) {
        return { command, argument: (text ?? '').trim().split(/\s+/).slice(variant.split(' ').length).join(' ') };
      }
    }
  }
  let best: { command: Command; distance: number } | undefined;
  for (const command of COMMANDS) {
    for (const variant of command.variants) {
      const d = distance(words, variant);
      if (d <= tolerance(variant) && (!best || d < best.distance)) best = { command, distance: d };
    }
  }
  return best && { command: best.command, argument: '' };
}

/** A route selector for teams-ai: true when the message is the named command. */
export function isCommand(name: CommandName) {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === 'message' && matchCommand(context.activity.text)?.command.name === name;
}
