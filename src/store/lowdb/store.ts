/**
 * The lowdb store: the memory store (see ../memory/) with each collection kept in a JSON file
 * in the data directory (see ../layout.ts), and the collections that grow with history in
 * numbered files. Every change is made in memory at once, so read-modify-write never
 * interleaves, and then written.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../errors.js';
import { ENTRIES_PER_FILE, PARTITIONED_COLLECTIONS, reportFileName, REPORTS_PER_FILE, type PartitionedCollection } from '../layout.js';
import type { Partitions } from '../memory/collection.js';
import { MemoryStore, WHOLE_COLLECTIONS, type MemorySource } from '../memory/store.js';
import type { Store } from '../store.js';
import { DataFile } from './data-file.js';
import { lockDataDir } from './lock.js';
import { migrateToPartitions, reportFileNumbers, singleFileLeft } from './report-files.js';

export interface LowdbStoreOptions {
  /** Reports per file in `reports/` (default {@link REPORTS_PER_FILE}); tests use small ones. */
  reportsPerFile?: number;
  /** Policy questions or audit entries per file in `feedback/` and `audit/` (default {@link ENTRIES_PER_FILE}). */
  entriesPerFile?: number;
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
 * Moves the earlier layout's single files into numbered files under the data directory's
 * lock, taken for the move when the caller does not hold it, so a running bot or data task
 * never has its files moved from under it.
 */
async function migrateLayout(dataDir: string, perFile: (name: PartitionedCollection) => number, locked: boolean): Promise<void> {
  const left = PARTITIONED_COLLECTIONS.filter((name) => singleFileLeft(dataDir, name));
  if (left.length === 0) return;
  const unlock = locked ? undefined : await lockDataDir(dataDir, 'the data layout move');
  try {
    for (const name of left) await migrateToPartitions(dataDir, name, perFile(name));
  } finally {
    await unlock?.();
  }
}

/**
 * Opens (creating if needed) the lowdb store in `dataDir`, first moving the records of a
 * single `reports.json`, `feedback.json` or `audit.json` (the earlier layout) into numbered
 * files. Reads every file first, and refuses (writing nothing) if any is unreadable or not the bot's.
 * @throws StoreError when a file is unreadable or not the bot's, or when the layout must be
 *   moved while another process holds the data directory.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const perFile = (name: PartitionedCollection) => (name === 'reports' ? (options.reportsPerFile ?? REPORTS_PER_FILE) : (options.entriesPerFile ?? ENTRIES_PER_FILE));
  await makeDir(dataDir, `the data directory ${dataDir}`);
  await migrateLayout(dataDir, perFile, options.locked ?? false);
  for (const name of PARTITIONED_COLLECTIONS) await makeDir(path.join(dataDir, name));

  const files: Array<DataFile<unknown>> = [];
  const open = <T>(file: string, number?: number) => {
    const opened = new DataFile<T>(file, number);
    files.push(opened as DataFile<unknown>);
    return opened;
  };

  const collections = {} as Record<string, DataFile<unknown>>;
  for (const name of WHOLE_COLLECTIONS) {
    const file = path.join(dataDir, `${name}.json`);
    collections[name] = await open(file).read(file, name);
  }
  /** The numbered files of one collection, each read (refusing an unreadable one) before anything is written. */
  const partitions = async (name: PartitionedCollection): Promise<Partitions<unknown>> => {
    const dir = path.join(dataDir, name);
    const create = (number: number) => open<unknown>(path.join(dir, reportFileName(number)), number);
    const existing: Array<DataFile<unknown>> = [];
    for (const number of await reportFileNumbers(dir)) existing.push(await create(number).read(path.join(dir, reportFileName(number)), name));
    return { existing, create, size: perFile(name) };
  };

  const source: MemorySource = {
    kind: 'lowdb',
    location: dataDir,
    collections: collections as unknown as MemorySource['collections'],
    reports: (await partitions('reports')) as MemorySource['reports'],
    entries: { feedback: await partitions('feedback'), audit: await partitions('audit') } as MemorySource['entries'],
    settled: async () => {
      await Promise.all(files.map((file) => file.idle()));
    }
  };
  return new MemoryStore(source);
}
