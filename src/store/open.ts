/** Opens the store the configuration names: the lowdb files (default) or PostgreSQL. */
import type { Storage } from 'botbuilder';
import type { Config } from '../config.js';
import { lockDataDir } from './lock.js';
import { openLowdbStore } from './lowdb-store.js';
import type { RateLimiterFactory } from '../shared/deps.js';
import { PostgresBotState } from './postgres/bot-state.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { postgresRateLimits } from './postgres/rate-limits.js';
import type { Store } from './store.js';

export interface OpenedStore {
  store: Store;
  /** Where Bot Framework conversation state is kept so instances share it; absent for lowdb (one instance). */
  botState?: Storage;
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
 * @throws StoreError when the data cannot be opened (unreadable file, database not reachable,
 *   schema newer than this bot) or the lowdb data directory is in use by another writer.
 */
export async function openStore(config: Config, options: OpenOptions = {}): Promise<OpenedStore> {
  if (config.store.kind === 'postgres') {
    const store = await openPostgresStore({ ...config.store, log: options.log });
    return { store, botState: new PostgresBotState(store.pool), rateLimits: postgresRateLimits(store.pool), close: () => store.close() };
  }
  const store = await openLowdbStore(config.dataDir);
  // Reading is harmless; writing beside another bot or a data task is not.
  const unlock = options.writer ? await lockDataDir(config.dataDir, options.writer) : async () => undefined;
  return {
    store,
    close: async () => {
      await store.close();
      await unlock();
    }
  };
}
