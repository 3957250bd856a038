/** What the data-protection CLIs share: config, the store, the lock, the operator's name. */
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { loadConfig, type Config } from '../config.js';
import { lockDataDir } from '../store/lock.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import type { Store } from '../store/store.js';

/** The operator, for the audit trail. */
export function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/**
 * Opens the data directory for a task. A task that writes takes the lock first, so it
 * refuses to run beside the bot instead of racing it.
 */
export async function withStore<T>(name: string, writes: boolean, task: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // A first import runs before the bot ever has: the lock needs the folder to exist.
  if (writes) await mkdir(config.dataDir, { recursive: true });
  const release = writes ? await lockDataDir(config.dataDir, `npm run ${name}`) : async () => undefined;
  try {
    const store = await openLowdbStore(config.dataDir);
    try {
      return await task(store, config);
    } finally {
      await store.close();
    }
  } finally {
    await release();
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
