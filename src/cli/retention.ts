/**
 * `npm run -s retention -- [--dry-run]`: purges what is older than `RETENTION_MONTHS` (the
 * bot also does this daily). Prints JSON counts. Refuses to run while the bot holds the data.
 */
import { parseArgs } from 'node:util';
import { runPurge } from '../features/data-protection/tasks.js';
import { operator, runCli, withStore } from './data-task.js';

const USAGE = 'usage: npm run -s retention -- [--dry-run]';

runCli('retention', async () => {
  let dryRun: boolean;
  try {
    dryRun = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, strict: true }).values['dry-run'] ?? false;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const result = await withStore('retention', !dryRun, (store, config) => runPurge({ store, now: () => new Date(), actor: operator() }, config.retentionMonths, dryRun));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
});
