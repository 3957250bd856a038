/** Where the project's own files (cards, policy, manifest) live, whether run from `src/` or `dist/`. */
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
