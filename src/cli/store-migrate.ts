/**
 * `npm run -s store:migrate -- --from lowdb --to postgres [--as-of YYYY-MM-DD]`: copies the
 * lowdb data directory (DATA_DIR) into PostgreSQL (DATABASE_URL, DATABASE_SCHEMA), prints
 * what was copied, and checks that the FOI figures read the same from both. The data
 * directory is only read; running it again copies nothing twice.
 */
import { stat } from 'node:fs/promises';
import { loadConfig, type StoreConfig } from '../config.js';
import { calendarDate, isCalendarDate } from '../shared/dates.js';
import { loadOrganisation } from '../features/foi/organisation.js';
import { figuresFromStore } from '../features/foi/service.js';
import { StoreError } from '../store/errors.js';
import { lockDataDir } from '../store/lowdb/lock.js';
import { openLowdbStore } from '../store/lowdb/store.js';
import { copyIntoPostgres } from '../store/postgres/copy-in.js';
import { openPostgresStore } from '../store/postgres/open.js';
import { COLLECTIONS } from '../store/postgres/tables.js';
import { operator } from './data-task.js';
import { cliArgs, runCli, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s store:migrate -- --from lowdb --to postgres [--as-of YYYY-MM-DD]';

/** The database to copy into, whatever STORE says, so the copy can be made before switching. */
function postgresSettings(): Extract<StoreConfig, { kind: 'postgres' }> {
  const { store } = loadConfig(undefined, { STORE: 'postgres' });
  if (store.kind !== 'postgres') throw new Error('unreachable: STORE=postgres gives a PostgreSQL configuration');
  return store;
}

runCli('store:migrate', async ({ config, now }) => {
  const { values } = cliArgs(
    { options: { from: { type: 'string' }, to: { type: 'string' }, 'as-of': { type: 'string' }, help: { type: 'boolean', default: false } }, strict: true },
    USAGE
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.from !== 'lowdb' || values.to !== 'postgres') throw new UsageError(`the only move supported is --from lowdb --to postgres\n${USAGE}`);
  const asOf = values['as-of'] ?? calendarDate(now(), config.timeZone);
  if (!isCalendarDate(asOf)) throw new UsageError(`--as-of must be a calendar date written YYYY-MM-DD, not "${asOf}"`);
  const target = postgresSettings();
  if (!(await stat(config.dataDir).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`there is no data directory at ${config.dataDir}; set DATA_DIR to the one the bot has been using`);
  }

  // A bot still writing the files could store a report after it was read: refuse instead.
  const unlock = await lockDataDir(config.dataDir, 'npm run store:migrate');
  try {
    const source = await openLowdbStore(config.dataDir);
    const postgres = await openPostgresStore({ ...target, poolSize: 2, log: (message) => process.stderr.write(`store:migrate: ${message}\n`) }).catch(async (error: unknown) => {
      await source.close();
      throw error;
    });
    try {
      const outcome = await copyIntoPostgres(postgres, await source.snapshot(), { actorId: operator(), at: now().toISOString() });
      const where = `${(await postgres.status()).location} (schema ${target.schema})`;
      process.stdout.write(`Copied ${config.dataDir} into ${where}:\n`);
      for (const name of COLLECTIONS) {
        process.stdout.write(`  ${name.padEnd(13)} ${outcome[name].copied} copied, ${outcome[name].alreadyThere} already there\n`);
      }

      const organisation = await loadOrganisation(config.organisationFile);
      const request = { asOf, timeZone: config.timeZone };
      const [before, after] = await Promise.all([figuresFromStore(source, organisation, request), figuresFromStore(postgres, organisation, request)]);
      // The copy holds exactly what the directory does, so this checks the copy end to end.
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        throw new StoreError(`the copy is complete but the FOI figures as of ${asOf} differ between the data directory and the database; do not switch STORE until this is explained`);
      }
      process.stdout.write(
        `FOI figures as of ${asOf} are the same in both: question e: ${after.e.complaints} complaints from ${after.e.employees} employees; question g: ${after.g.employees} employees.\n`
      );
    } finally {
      await Promise.all([source.close(), postgres.close()]);
    }
  } finally {
    await unlock();
  }
});
