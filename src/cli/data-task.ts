/** What the data-protection CLIs share: config, the store, the lock, the operator's name. */
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { loadConfig, type Config } from '../config.js';
import { openStore, type StoreSettings } from '../store/open.js';
import type { Store } from '../store/store.js';

/** The operator, for the audit trail. */
export function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** The store the configuration names, as the store takes it. */
export function storeSettings(config: Config): StoreSettings {
  return config.store.kind === 'postgres' ? config.store : { kind: 'lowdb', dataDir: config.dataDir };
}

/**
 * Opens the store for a task. With lowdb, a task that writes takes the data directory's
 * lock first, so it refuses to run beside the bot instead of racing it; PostgreSQL keeps
 * each change in a transaction, so tasks run beside the bots.
 */
export async function withStore<T>(name: string, writes: boolean, task: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // A first import runs before the bot ever has: the lock needs the folder to exist.
  if (writes && config.store.kind === 'lowdb') await mkdir(config.dataDir, { recursive: true });
  const opened = await openStore(storeSettings(config), { writer: writes ? `npm run ${name}` : undefined });
  try {
    return await task(opened.store, config);
  } finally {
    await opened.close();
  }
}

/** Runs a CLI's main, printing a plain message for the errors a user can fix. */
export function runCli(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof Error && ['ConfigError', 'StoreError'].includes(error.name);
      process.stderr.write(`${name} failed: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
      process.exit(1);
    }
  );
}
