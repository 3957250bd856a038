/**
 * Reports live in `reports/`, a numbered lowdb file per {@link REPORTS_PER_FILE} reports
 * (see layout.ts). New reports go into the newest file, so a submission rewrites one file of
 * bounded size however long the history grows; a status change rewrites only the file
 * holding that report.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { StoreError } from '../errors.js';
import { reportFileName, REPORTS_DIR, REPORTS_PER_FILE, SCHEMA_VERSION } from '../layout.js';
import { readCollectionFile } from './collection-file.js';

/** The single file of every report that earlier versions kept. */
export const SINGLE_REPORTS_FILE = 'reports.json';
/** Where a single file is kept once its reports have moved, as a backup. */
export const MIGRATED_SUFFIX = '.migrated';
const MIGRATING_DIR = 'reports.migrating';

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

/** True when `dataDir` holds the earlier single file, or a move of it that was cut short. */
export function singleReportsFileLeft(dataDir: string): boolean {
  return existsSync(path.join(dataDir, SINGLE_REPORTS_FILE)) || existsSync(path.join(dataDir, MIGRATING_DIR));
}

/**
 * Moves the reports of a single `reports.json` into `reports/`, once. The new files are
 * written into `reports.migrating/` first; then `reports.json` is renamed to
 * `reports.json.migrated` (kept as a backup) and the folder renamed into place, so a crash
 * at any point leaves either the old file or the complete new folder to start from. The
 * caller holds the data directory's lock, so no other process reads or moves them meanwhile.
 * @returns how many reports moved, or undefined when there was nothing to move.
 * @throws StoreError when `reports.json` is unreadable (it is left untouched) or when both
 *   layouts are present and it cannot tell which holds the truth.
 */
export async function migrateSingleReportsFile(dataDir: string, perFile = REPORTS_PER_FILE): Promise<number | undefined> {
  const single = path.join(dataDir, SINGLE_REPORTS_FILE);
  const migrating = path.join(dataDir, MIGRATING_DIR);
  const target = path.join(dataDir, REPORTS_DIR);
  if (existsSync(migrating) && !existsSync(single)) {
    // Cut short after the backup was made: the new files are complete.
    await rename(migrating, target);
    return undefined;
  }
  if (!existsSync(single)) return undefined;
  if (existsSync(target)) {
    throw new StoreError(
      `both ${single} and ${target} exist. Reports are now kept in ${target}; if ${single} is an old copy, move it away (nothing has been changed).`
    );
  }
  const file = new JSONFile<unknown>(single);
  const data = await readCollectionFile(() => file.read(), single, 'reports');
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
