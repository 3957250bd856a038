/**
 * Reports live in `reports/`, a numbered lowdb file per {@link REPORTS_PER_FILE} reports
 * (see layout.ts), and policy feedback and audit entries likewise in `feedback/` and `audit/`.
 * New records go into the newest file, so a submission or a question rewrites one file of
 * bounded size however long the history grows; a change rewrites only the file holding
 * that record. Earlier versions kept each in one file; it is moved once, on opening.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { StoreError } from '../errors.js';
import { reportFileName, REPORTS_PER_FILE, SCHEMA_VERSION, type PartitionedCollection } from '../layout.js';
import { readCollectionFile } from './collection-file.js';

/** Where a single file is kept once its records have moved, as a backup. */
export const MIGRATED_SUFFIX = '.migrated';

/** The numbers of the report files in `dir`, in order (none when it does not exist). */
export async function reportFileNumbers(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StoreError(`cannot list ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return names
    .map((name) => /^(\d{6})\.json$/.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** True when `dataDir` holds the earlier single file of `name`, or a move of it that was cut short. */
export function singleFileLeft(dataDir: string, name: PartitionedCollection): boolean {
  return existsSync(path.join(dataDir, `${name}.json`)) || existsSync(path.join(dataDir, `${name}.migrating`));
}

/**
 * Moves the records of a single `<name>.json` into numbered files in `<name>/`, once. The
 * new files are written into `<name>.migrating/` first; then `<name>.json` is renamed to
 * `<name>.json.migrated` (kept as a backup) and the folder renamed into place, so a crash
 * at any point leaves either the old file or the complete new folder to start from. The
 * caller holds the data directory's lock, so no other process reads or moves them meanwhile.
 * @returns how many records moved, or undefined when there was nothing to move.
 * @throws StoreError when `<name>.json` is unreadable (it is left untouched) or when both
 *   layouts are present and it cannot tell which holds the truth.
 */
export async function migrateToPartitions(dataDir: string, name: PartitionedCollection, perFile: number): Promise<number | undefined> {
  const single = path.join(dataDir, `${name}.json`);
  const migrating = path.join(dataDir, `${name}.migrating`);
  const target = path.join(dataDir, name);
  if (existsSync(migrating) && !existsSync(single)) {
    // Cut short after the backup was made: the new files are complete.
    await rename(migrating, target);
    return undefined;
  }
  if (!existsSync(single)) return undefined;
  if (existsSync(target)) {
    throw new StoreError(
      `both ${single} and ${target} exist. These records are now kept in ${target}; if ${single} is an old copy, move it away (nothing has been changed).`
    );
  }
  const file = new JSONFile<unknown>(single);
  const data = await readCollectionFile(() => file.read(), single, name);
  const items = data?.items ?? [];
  // Anything left from a migration cut short was made from the same single file: start again.
  await rm(migrating, { recursive: true, force: true });
  await mkdir(migrating);
  for (let start = 0, number = 1; start < items.length || number === 1; start += perFile, number++) {
    await new JSONFile(path.join(migrating, reportFileName(number))).write({ schemaVersion: SCHEMA_VERSION, items: items.slice(start, start + perFile) });
  }
  await rename(single, `${single}${MIGRATED_SUFFIX}`);
  await rename(migrating, target);
  return items.length;
}
