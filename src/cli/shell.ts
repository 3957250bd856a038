/**
 * What every command-line tool shares: config and store from the environment, clean exits
 * with a plain message on any problem, and nothing but the asked-for output on stdout.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.js';
import { openLowdbStore } from '../store/lowdb-store.js';
import type { Store } from '../store/store.js';

/** A problem the person running the tool can fix; printed without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliContext {
  config: Config;
  /** Opens the store in `DATA_DIR` (only tools that need it call this). */
  openStore(): Promise<Store>;
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
 * Runs a tool: loads config, runs `main`, closes the store, and exits 1 with
 * "<name>: <message>" on stderr when anything goes wrong.
 */
export function runCli(name: string, main: (context: CliContext) => Promise<void>): void {
  let store: Store | undefined;
  const run = async () => {
    const config = loadConfig();
    await main({
      config,
      openStore: async () => (store = await openLowdbStore(config.dataDir)),
      now: () => new Date()
    });
    await store?.close();
  };
  run().catch(async (error: unknown) => {
    await store?.close().catch(() => undefined);
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
