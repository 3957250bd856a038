/**
 * `npm run -s backup -- [--to <folder>]`: writes a copy of every data file into a new
 * timestamped folder (default `DATA_DIR/backups/`). Each file is copied as one consistent
 * version; run it beside the bot or not. Prints the folder.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupFolder } from '../features/data-protection/tasks.js';
import { runCli, withStore } from './data-task.js';

const USAGE = 'usage: npm run -s backup -- [--to <folder>]';

runCli('backup', async () => {
  let to: string | undefined;
  try {
    to = parseArgs({ options: { to: { type: 'string' } }, strict: true }).values.to;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const files = await withStore('backup', false, (store, config) => store.backupTo(backupFolder(path.resolve(to ?? path.join(config.dataDir, 'backups')), new Date())));
  process.stdout.write(`${path.dirname(files[0])}\n`);
  return 0;
});
