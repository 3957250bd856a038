/**
 * One writer per data directory. The bot holds `DATA_DIR/.lock` while it runs; tasks that
 * change data from outside it (retention, erasure) take the same lock, so a task can never
 * write behind a running bot's back and have its change overwritten (or overwrite the bot's).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../errors.js';

export const LOCK_FILE = '.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's lock for this process. A lock left by a process that is no
 * longer running (a crash) is taken over.
 * @returns a function that releases it.
 * @throws StoreError naming the process that holds it.
 */
export async function lockDataDir(dataDir: string, holder: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, holder, at: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      return async () => {
        const current = await readFile(file, 'utf8').catch(() => '');
        if (current === mine) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`cannot create ${file}: ${(error as Error).message}`, { cause: error });
    }
    const held = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { pid?: number; holder?: string }, () => ({}) as { pid?: number; holder?: string });
    if (typeof held.pid === 'number' && held.pid !== process.pid && isRunning(held.pid)) {
      throw new StoreError(`${dataDir} is in use by ${held.holder ?? 'another process'} (process ${held.pid}). Stop it first, then try again.`);
    }
    await rm(file, { force: true });
  }
  throw new StoreError(`cannot take the lock ${file}; another process keeps taking it`);
}
