/**
 * `npm run -s roster:import -- file.csv`: imports the staff roster, all or nothing.
 * Re-importing updates people by employee id and never duplicates them.
 */
import { readRoster } from '../features/foi/roster-import.js';
import { saveRoster } from '../features/foi/service.js';
import { cliArgs, readCsvFile, runCli, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s roster:import -- roster.csv';

runCli('roster:import', async ({ useStore, now }) => {
  const { positionals } = cliArgs({ options: {}, strict: true, allowPositionals: true }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`give exactly one CSV file\n${USAGE}`);
  const text = await readCsvFile(positionals[0]);
  const result = readRoster(text, now().toISOString());
  if (!result.ok) throw new UsageError(`nothing was imported; fix these problems in ${positionals[0]} and try again:\n  ${result.errors.join('\n  ')}`);
  const { added, updated } = await useStore(true, (store) => saveRoster(store, result.rows));
  process.stdout.write(`Imported ${result.rows.length} roster rows: ${added} added, ${updated} updated.\n`);
});
