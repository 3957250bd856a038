/**
 * What every command-line tool shares: config and store from the environment, clean exits
 * with a plain message on any problem, and nothing but the asked-for output on stdout.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import type { Store } from '../store/store.js';
import { withStore } from './data-task.js';

/** A problem the person running the tool can fix; printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliContext {
  config: Config;
  /**
   * Runs `task` on the store in `DATA_DIR`. A task that `writes` takes the data directory's
   * lock first, so an import refuses to run beside the bot instead of being overwritten by it.
   */
  useStore<T>(writes: boolean, task: (store: Store) => Promise<T>): Promise<T>;
  now: () => Date;
}

/** Parses arguments, turning parseArgs' errors into a {@link UsageError} with the usage text. */
export function cliArgs<T extends ParseArgsConfig>(options: T, usage: string) {
  try {
    return parseArgs(options);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/**
 * Runs a tool: loads config, runs `main`, and exits 1 with "<name>: <message>" on stderr
 * when anything goes wrong.
 */
export function runCli(name: string, main: (context: CliContext) => Promise<void>): void {
  const run = async () => {
    const config = loadConfig();
    await main({ config, useStore: (writes, task) => withStore(name, writes, (store) => task(store)), now: () => new Date() });
  };
  run().catch((error: unknown) => {
    const known = error instanceof Error && error.name !== 'Error' && error.name !== 'TypeError';
    process.stderr.write(`${name}: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    process.exitCode = 1;
  });
}

/** Reads an import file, naming it when it cannot be read. */
export async function readCsvFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
