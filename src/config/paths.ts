/**
 * Where the project's own files (cards, policy, manifest, env files, migrations) live,
 * whether the bot runs from `src/` or `dist/`, and how a relative path in the environment
 * is read: against the project's folder, never the folder the process happened to start in.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The folder holding `package.json`. */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The folder of Adaptive Card templates. */
export const cardsDir = path.join(projectRoot, 'cards');

/** The folder of the Teams app manifest template and its icons. */
export const manifestDir = path.join(projectRoot, 'manifest');

/**
 * A path from the environment as an absolute path: a relative one is read against the
 * project's folder (where `env/` and `package.json` are), so `DATA_DIR=./data` means the same
 * folder whether the bot is started by `npm start`, a service manager or a test.
 */
export function projectPath(value: string): string {
  return path.resolve(projectRoot, value);
}
