/** Opens the store the caller names: the lowdb files (the default) or PostgreSQL. */
import { mkdir } from 'node:fs/promises';
import { StoreError } from './errors.js';
import { lockDataDir } from './lowdb/lock.js';
import { openLowdbStore } from './lowdb/store.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/open.js';
import { postgresRateLimits } from './postgres/rate-limits.js';
import type { RateLimiterFactory } from './rate-limits.js';
import type { Store } from './store.js';

/** Which store to open, and where its data is. */
export type StoreSettings = { kind: 'lowdb'; dataDir: string } | ({ kind: 'postgres' } & Omit<PostgresStoreOptions, 'log'>);

export interface OpenedStore {
  store: Store;
  /** Rate-limit counts instances share; absent for lowdb (one instance counts in memory). */
  rateLimits?: RateLimiterFactory;
  /** Closes the store and releases the data directory's lock, if taken. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Who is writing, e.g. "the bot". With lowdb, only one process may write a data
   * directory, so a writer takes its lock; PostgreSQL serves any number of writers.
   */
  writer?: string;
  /** Where schema migration progress is told. */
  log?: (message: string) => void;
}

/**
 * Opens the store `settings` names; a `writer` of a lowdb data directory holds its lock until
 * the returned `close`.
 * @throws StoreError when the data cannot be opened (unreadable file, database not reachable,
 *   schema newer than this bot) or the lowdb data directory is in use by another writer.
 */
export async function openStore(settings: StoreSettings, options: OpenOptions = {}): Promise<OpenedStore> {
  if (settings.kind === 'postgres') {
    const store = await openPostgresStore({ ...settings, log: options.log });
    return { store, rateLimits: postgresRateLimits(store.pool), close: () => store.close() };
  }
  // Reading is harmless; writing beside another bot or a data task is not. The lock comes
  // first, as opening may move the files of an earlier layout.
  await mkdir(settings.dataDir, { recursive: true }).catch((error: Error) => {
    throw new StoreError(`cannot create the data directory ${settings.dataDir}: ${error.message}`, { cause: error });
  });
  const unlock = options.writer ? await lockDataDir(settings.dataDir, options.writer) : async () => undefined;
  let store: Store;
  try {
    store = await openLowdbStore(settings.dataDir, { locked: options.writer !== undefined });
  } catch (error) {
    await unlock();
    throw error;
  }
  return {
    store,
    close: async () => {
      await store.close();
      await unlock();
    }
  };
}
