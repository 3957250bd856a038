/**
 * The lowdb store: the memory store (see ../memory/) with each collection kept in a JSON file
 * in the data directory (see ../layout.ts). Every change is made in memory at once, so
 * read-modify-write never interleaves, and then written.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../errors.js';
import { reportFileName, REPORTS_DIR, REPORTS_PER_FILE } from '../layout.js';
import { MemoryStore, WHOLE_COLLECTIONS, type MemorySource } from '../memory/store.js';
import type { Store } from '../store.js';
import type { Report } from '../types.js';
import { DataFile } from './data-file.js';
import { lockDataDir } from './lock.js';
import { migrateSingleReportsFile, reportFileNumbers, singleReportsFileLeft } from './report-files.js';

export interface LowdbStoreOptions {
  /** Reports per file in `reports/` (default {@link REPORTS_PER_FILE}); tests use small ones. */
  reportsPerFile?: number;
  /** True when the caller holds the data directory's lock (see lock.ts) already. */
  locked?: boolean;
}

/** Creates `dir` (named `what` in the message) when it is missing. */
async function makeDir(dir: string, what = dir): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create ${what}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Moves the earlier layout's reports into `reports/` under the data directory's lock, taken
 * for the move when the caller does not hold it, so a running bot or data task never has
 * its files moved from under it.
 */
async function migrateLayout(dataDir: string, reportsPerFile: number, locked: boolean): Promise<void> {
  if (!singleReportsFileLeft(dataDir)) return;
  const unlock = locked ? undefined : await lockDataDir(dataDir, 'the reports layout move');
  try {
    await migrateSingleReportsFile(dataDir, reportsPerFile);
  } finally {
    await unlock?.();
  }
}

/**
 * Opens (creating if needed) the lowdb store in `dataDir`, first moving the reports of a
 * single `reports.json` (the earlier layout) into `reports/`. Reads every file first, and
 * refuses (writing nothing) if any is unreadable or not the bot's.
 * @throws StoreError when a file is unreadable or not the bot's, or when the layout must be
 *   moved while another process holds the data directory.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const reportsPerFile = options.reportsPerFile ?? REPORTS_PER_FILE;
  const reportsDir = path.join(dataDir, REPORTS_DIR);
  await makeDir(dataDir, `the data directory ${dataDir}`);
  await migrateLayout(dataDir, reportsPerFile, options.locked ?? false);
  await makeDir(reportsDir);

  const files: Array<DataFile<unknown>> = [];
  const open = <T>(file: string, number?: number) => {
    const opened = new DataFile<T>(file, number);
    files.push(opened as DataFile<unknown>);
    return opened;
  };
  const reportFile = (number: number) => open<Report>(path.join(reportsDir, reportFileName(number)), number);

  const collections = {} as Record<string, DataFile<unknown>>;
  for (const name of WHOLE_COLLECTIONS) {
    const file = path.join(dataDir, `${name}.json`);
    collections[name] = await open(file).read(file, name);
  }
  const existing: Array<DataFile<Report>> = [];
  for (const number of await reportFileNumbers(reportsDir)) existing.push(await reportFile(number).read(path.join(reportsDir, reportFileName(number)), 'reports'));

  const source: MemorySource = {
    kind: 'lowdb',
    location: dataDir,
    collections: collections as unknown as MemorySource['collections'],
    reports: { existing, create: reportFile, size: reportsPerFile },
    settled: async () => {
      await Promise.all(files.map((file) => file.idle()));
    }
  };
  return new MemoryStore(source);
}
