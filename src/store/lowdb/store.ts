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
import { migrateToPartitions, reportFileNumbers } from './report-files.js';

export interface LowdbStoreOptions {
  /** Reports per file in `reports/` (default {@link REPORTS_PER_FILE}); tests use small ones. */
  reportsPerFile?: number;
  /** Policy questions or audit entries per file in `feedback/` and `audit/` (default {@link ENTRIES_PER_FILE}). */
  entriesPerFile?: number;
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
 * Opens (creating if needed) the lowdb store in `dataDir`, first moving the records of a
 * single `reports.json`, `feedback.json` or `audit.json` (the earlier layout) into numbered
 * files. Reads every file first, and refuses (writing nothing) if any is unreadable or not the bot's.
 * @throws StoreError when a file is unreadable or not the bot's.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions = {}): Promise<Store> {
  const perFile = (name: PartitionedCollection) => (name === 'reports' ? (options.reportsPerFile ?? REPORTS_PER_FILE) : (options.entriesPerFile ?? ENTRIES_PER_FILE));
  await makeDir(dataDir, `the data directory ${dataDir}`);
  for (const name of PARTITIONED_COLLECTIONS) {
    await migrateToPartitions(dataDir, name, perFile(name));
    await makeDir(path.join(dataDir, name));
  }

  const files: Array<DataFile<unknown>> = [];
  const open = <T>(file: string, number?: number) => {
    const opened = new DataFile<T>(file, number);
    files.push(opened as DataFile<unknown>);
    return opened;
  };

  const collections = {} as Record<string, DataFile<unknown>>;
  for (const name of WHOLE_COLLECTIONS) {
    const file = path.join(dataDir, `${name}.json`);
    collections[name] = await open(file).read(file);
  }
  /** The numbered files of one collection, each read (refusing an unreadable one) before anything is written. */
  const partitions = async (name: PartitionedCollection): Promise<Partitions<unknown>> => {
    const dir = path.join(dataDir, name);
    const create = (number: number) => open<unknown>(path.join(dir, reportFileName(number)), number);
    const existing: Array<DataFile<unknown>> = [];
    for (const number of await reportFileNumbers(dir)) existing.push(await create(number).read(path.join(dir, reportFileName(number))));
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
