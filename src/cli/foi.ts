/**
 * `npm run -s foi -- [--as-of YYYY-MM-DD] [--since YYYY-MM-DD] [--json] [--published]
 *   [--csv FILE] [--xlsx FILE] [--letter FILE]`: the FOI figures from the stored reports.
 */
import { writeFile } from 'node:fs/promises';
import { calendarDate, isCalendarDate } from '../shared/dates.js';
import { loadOrganisation } from '../features/foi/organisation.js';
import { countQuery } from '../features/foi/figures.js';
import { figuresFromInputs, figuresFromStore } from '../features/foi/service.js';
import { publish } from '../features/foi/suppression.js';
import { figureRows } from '../features/foi/tables.js';
import { readFoiInputs } from '../store/lowdb/foi-reader.js';
import { cliArgs, runCli, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s foi -- [--as-of YYYY-MM-DD] [--since YYYY-MM-DD] [--json] [--published] [--csv FILE] [--xlsx FILE] [--letter FILE]';

function date(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !isCalendarDate(value)) throw new UsageError(`--${option} must be a calendar date written YYYY-MM-DD, not "${value}"`);
  return value;
}

runCli('foi', async ({ config, useStore, now }) => {
  const { values } = cliArgs(
    {
      options: {
        'as-of': { type: 'string' },
        since: { type: 'string' },
        json: { type: 'boolean', default: false },
        published: { type: 'boolean', default: false },
        csv: { type: 'string' },
        xlsx: { type: 'string' },
        letter: { type: 'string' },
        help: { type: 'boolean', default: false }
      },
      strict: true,
      allowPositionals: false
    },
    USAGE
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const asOf = date(values['as-of'], 'as-of') ?? calendarDate(now(), config.timeZone);
  const since = date(values.since, 'since');
  if (since && since > asOf) throw new UsageError(`--since ${since} is after the as-of date ${asOf}`);

  const organisation = await loadOrganisation(config.organisationFile);
  const request = { asOf, since, timeZone: config.timeZone };
  // lowdb: counted a report file at a time, rather than opening the store with every report in memory.
  const fromFiles = config.store.kind === 'lowdb' ? await readFoiInputs(config.dataDir, countQuery(request)) : undefined;
  const figures = fromFiles ? figuresFromInputs(fromFiles, organisation, request) : await useStore(false, (store) => figuresFromStore(store, organisation, request));
  const threshold = config.foiSuppressionThreshold;
  const options = { published: values.published, threshold };

  // The spreadsheet libraries (the letter uses them too) load only when a file is asked for: the figures alone start faster.
  if (values.csv || values.xlsx) {
    const { figuresCsv, figuresXlsx } = await import('../features/foi/exports.js');
    if (values.csv) await writeFile(values.csv, figuresCsv(figures, options));
    if (values.xlsx) await writeFile(values.xlsx, await figuresXlsx(figures, options, now()));
  }
  if (values.letter) {
    const { draftLetter } = await import('../features/foi/letter.js');
    await writeFile(values.letter, draftLetter(figures, threshold));
  }
  for (const [kind, file] of [['CSV', values.csv], ['XLSX', values.xlsx], ['letter', values.letter]]) {
    if (file) process.stderr.write(`foi: wrote the ${kind} to ${file}\n`);
  }

  if (values.json) {
    const published = publish(figures, threshold);
    const output = values.published ? { ...published.figures, suppressed: published.suppressed, threshold: published.threshold } : figures;
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else if (!values.csv && !values.xlsx && !values.letter) {
    process.stdout.write(`FOI figures as of ${asOf}${values.published ? ' (as published)' : ' (exact)'}\n`);
    for (const row of figureRows(figures, threshold)) {
      process.stdout.write(`${row.question}. ${row.measure}: ${values.published ? row.published : row.exact}\n`);
    }
  }
});
