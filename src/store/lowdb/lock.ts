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

interface LockHolder {
  pid: number;
  holder?: string;
}

/** How long a lock file may stay unreadable while its writer is still filling it in. */
const LOCK_READ_TRIES = 5;
const LOCK_READ_PAUSE_MS = 20;

/**
 * Who holds the lock in `file`, or undefined when it has gone meanwhile.
 * @throws StoreError when it cannot be read as a lock: a file this bot did not write may
 *   belong to something still running, so it is never taken for a stale one.
 */
async function readLock(file: string): Promise<LockHolder | undefined> {
  let problem = '';
  for (let attempt = 0; attempt < LOCK_READ_TRIES; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, LOCK_READ_PAUSE_MS));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError(`cannot read the lock ${file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const held = JSON.parse(text) as LockHolder | null;
      if (typeof held?.pid === 'number') return held;
      problem = 'it names no process';
    } catch (error) {
      // An empty or partial file is what a holder that has just created it shows for a moment.
      problem = (error as Error).message;
    }
  }
  throw new StoreError(`the lock ${file} cannot be read (${problem}). If no bot or data task is using this data directory, delete the file and try again.`);
}

/**
 * Takes the data directory's lock for this process. A lock left by a process that is no
 * longer running (a crash) is taken over; one that cannot be read is not.
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
    const held = await readLock(file);
    if (held === undefined) continue;
    if (held.pid !== process.pid && isRunning(held.pid)) {
      throw new StoreError(`${dataDir} is in use by ${held.holder ?? 'another process'} (process ${held.pid}). Stop it first, then try again.`);
    }
    await rm(file, { force: true });
  }
  throw new StoreError(`cannot take the lock ${file}; another process keeps taking it`);
}
