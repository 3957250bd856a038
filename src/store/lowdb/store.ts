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
import { migrateSingleReportsFile, reportFileNumbers } from './report-files.js';

export interface LowdbStoreOptions {
  /** Reports per file in `reports/` (default {@link REPORTS_PER_FILE}); tests use small ones. */
  reportsPerFile?: number;
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
 * Opens (creating if needed) the lowdb store in `dataDir`, first moving the reports of a
 * single `reports.json` (the earlier layout) into `reports/`. Reads every file first, and
 * refuses (writing nothing) if any is unreadable or not the bot's.
 * @throws StoreError when a file is unreadable or not the bot's.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const reportsPerFile = options.reportsPerFile ?? REPORTS_PER_FILE;
  const reportsDir = path.join(dataDir, REPORTS_DIR);
  await makeDir(dataDir, `the data directory ${dataDir}`);
  await migrateSingleReportsFile(dataDir, reportsPerFile);
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
    collections[name] = await open(file).read(file);
  }
  const existing: Array<DataFile<Report>> = [];
  for (const number of await reportFileNumbers(reportsDir)) existing.push(await reportFile(number).read(path.join(reportsDir, reportFileName(number))));

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
