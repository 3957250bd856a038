/**
 * `npm run -s reports:import -- --type device-complaints|number-sharing file.csv`: imports
 * reports that predate the bot, all or nothing. Importing the same file twice adds nothing.
 */
import { IMPORT_TYPES, readReports, type ImportType } from '../features/foi/reports-import.js';
import { saveImportedReports } from '../features/foi/service.js';
import { cliArgs, readCsvFile, runCli, UsageError } from './shell.js';

const USAGE = `usage: npm run -s reports:import -- --type ${IMPORT_TYPES.join('|')} file.csv`;

runCli('reports:import', async ({ config, useStore, now }) => {
  const { values, positionals } = cliArgs({ options: { type: { type: 'string' } }, strict: true, allowPositionals: true }, USAGE);
  const type = values.type as ImportType | undefined;
  if (!type || !IMPORT_TYPES.includes(type)) throw new UsageError(`--type must be ${IMPORT_TYPES.join(' or ')}\n${USAGE}`);
  if (positionals.length !== 1) throw new UsageError(`give exactly one CSV file\n${USAGE}`);
  const text = await readCsvFile(positionals[0]);
  const at = now().toISOString();
  const result = readReports(type, text, config.timeZone, at);
  if (!result.ok) throw new UsageError(`nothing was imported; fix these problems in ${positionals[0]} and try again:\n  ${result.errors.join('\n  ')}`);
  const outcome = await useStore(true, (store) => saveImportedReports(store, result.rows, at));
  process.stdout.write(
    `Imported ${result.rows.length} ${type} rows: ${outcome.added} added, ${outcome.alreadyThere} already there, ${outcome.statusChanged} with a new status.\n`
  );
  if (outcome.notChanged > 0) {
    const rows = outcome.notChanged === 1 ? '1 row has' : `${outcome.notChanged} rows have`;
    process.stderr.write(`reports:import: ${rows} a new status that was not stored, as the report was being changed at the same moment or had been erased; run the import again to apply it (rows already imported are not added twice).\n`);
    process.exitCode = 1;
  }
});
