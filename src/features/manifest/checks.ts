/**
 * Checks the schema cannot make: the bot's command lists say what the bot really understands,
 * Teams' own length limits, an x.y.z version, https links for the council's pages, bare host
 * names in `validDomains`, and icon files that sit beside the manifest.
 */
import { matchCommand, type Command } from '../../shared/commands.js';
import type { ManifestProblem } from './schema.js';

/** Teams shows at most this much of a command's title and description. */
export const COMMAND_TITLE_MAX = 32;
export const COMMAND_DESCRIPTION_MAX = 128;

interface ListedCommand {
  title?: unknown;
  description?: unknown;
}

interface CommandList {
  scopes?: unknown;
  commands?: ListedCommand[];
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/**
 * Problems with the bots' command lists: each listed command must be one the bot
 * understands (by `matchCommand`) with the title and description in `commands`, within
 * Teams' limits, and the personal list must offer every command.
 * @param manifest the filled manifest.
 * @param commands the bot's commands (`COMMANDS`).
 */
export function commandListProblems(manifest: Record<string, unknown>, commands: readonly Command[]): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  asArray<Record<string, unknown>>(manifest.bots).forEach((bot, b) => {
    const lists = asArray<CommandList>(bot.commandLists);
    lists.forEach((list, l) => {
      asArray<ListedCommand>(list.commands).forEach((listed, c) => {
        const at = `/bots/${b}/commandLists/${l}/commands/${c}`;
        const title = typeof listed.title === 'string' ? listed.title : '';
        const description = typeof listed.description === 'string' ? listed.description : '';
        if (title.length > COMMAND_TITLE_MAX) problems.push({ path: `${at}/title`, message: `is longer than Teams shows (${COMMAND_TITLE_MAX} characters)` });
        if (description.length > COMMAND_DESCRIPTION_MAX) {
          problems.push({ path: `${at}/description`, message: `is longer than Teams shows (${COMMAND_DESCRIPTION_MAX} characters)` });
        }
        const command = matchCommand(title)?.command;
        if (!command || command.title !== title) {
          problems.push({ path: `${at}/title`, message: `"${title}" is not a command the bot understands (see src/shared/commands.ts)` });
        } else if (command.description !== description) {
          problems.push({ path: `${at}/description`, message: `must be the description in src/shared/commands.ts: "${command.description}"` });
        }
      });
    });
    const personal = lists.findIndex((list) => asArray(list.scopes).includes('personal'));
    if (personal < 0) {
      problems.push({ path: `/bots/${b}/commandLists`, message: 'needs a list for the personal scope, where staff use the bot' });
      return;
    }
    const offered = new Set(asArray<ListedCommand>(lists[personal].commands).map((listed) => listed.title));
    for (const command of commands) {
      if (!offered.has(command.title)) {
        problems.push({ path: `/bots/${b}/commandLists/${personal}/commands`, message: `does not list the "${command.title}" command` });
      }
    }
  });
  return problems;
}

/** Problems the schema lets through: a version that is not x.y.z, plain-http links, domains written as URLs. */
export function formatProblems(manifest: Record<string, unknown>): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  // Teams compares versions to decide whether an upload is an update, so it must be x.y.z.
  if (typeof manifest.version === 'string' && !/^\d+\.\d+\.\d+$/.test(manifest.version)) {
    problems.push({ path: '/version', message: `must be a version such as 1.0.0, not "${manifest.version}"` });
  }
  const developer = (manifest.developer ?? {}) as Record<string, unknown>;
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    const url = developer[key];
    // The schema accepts http:// too; Teams wants the council's pages served securely.
    if (typeof url === 'string' && /^http:\/\//i.test(url)) {
      problems.push({ path: `/developer/${key}`, message: `must be an https:// address, not "${url}"` });
    }
  }
  asArray<unknown>(manifest.validDomains).forEach((domain, i) => {
    if (typeof domain === 'string' && !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/i.test(domain)) {
      problems.push({ path: `/validDomains/${i}`, message: `must be a host name such as bot.council.example (no https:// or path), not "${domain}"` });
    }
  });
  return problems;
}

/**
 * The icon file names the manifest names, or problems when they are not plain file names
 * beside the manifest (the package is flat: manifest.json and the two icons).
 */
export function iconFiles(manifest: Record<string, unknown>): { color?: string; outline?: string; problems: ManifestProblem[] } {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const problems: ManifestProblem[] = [];
  const files: { color?: string; outline?: string } = {};
  for (const kind of ['color', 'outline'] as const) {
    const file = icons[kind];
    if (typeof file !== 'string') continue; // the schema reports a missing icon
    if (!/^[\w.-]+\.png$/i.test(file) || file === 'manifest.json') {
      problems.push({ path: `/icons/${kind}`, message: `must be a .png file name beside manifest.json, not "${file}"` });
    } else {
      files[kind] = file;
    }
  }
  if (files.color && files.color === files.outline) problems.push({ path: '/icons/outline', message: 'must be a different file from the colour icon' });
  return { ...files, problems };
}
