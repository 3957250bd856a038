/**
 * The command-line tools as an FOI officer runs them: the fixture roster and a few hundred
 * historical reports imported into a real data folder, then the figures as of the date the
 * FOI request was received (2020-02-11).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { projectRoot } from '../../src/config/paths.js';
import { lockDataDir } from '../../src/store/lowdb/lock.js';
import { openLowdbStore } from '../../src/store/lowdb/store.js';

const run = promisify(execFile);
const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);

/**
 * The hand count of test/fixtures (roster.csv: 60 staff; device-complaints.csv: 270 rows;
 * number-sharing.csv: 77 rows), as of 2020-02-11:
 * - a: E001-E040 work with children or vulnerable people = 40; b: E001-E030 also remote = 30.
 * - c: of those 30, all hold a laptop, E001-E020 a smartphone, E021-E025 a basic mobile, E026-E028 a tablet.
 * - e: window 2019-02-12..2020-02-11. E001-E012 made 10 complaints each (120: causes 36/36/24/24,
 *   devices laptop 48, smartphone 36, tablet 36), E013 3 on desktops (other), E045 2 recorded as
 *   cohort (training, smartphone) = 14 employees, 125 complaints. Not counted: 40 before the window
 *   (the last on 2019-02-11 23:30), 30 after the as-of date (the first on 2020-02-12 00:00),
 *   20 withdrawn or void, 50 not in the cohort as recorded, 5 by E025 recorded as not remote.
 * - g: E001 (3 self reports and one by a colleague), E002, E003, E004 (named twice), E009 (2017, no
 *   window) = 5 employees from 12 qualifying reports; 3 reports name no one. Not counted: 25 told
 *   no, 15 unsure, 16 not in the cohort, 4 withdrawn or void, 5 after the as-of date.
 */
const HAND_COUNT = {
  asOf: '2020-02-11',
  a: { employees: 40, notKnown: 0 },
  b: { employees: 30, notKnown: 0 },
  c: { cohortEmployees: 30, byDevice: { 'basic-mobile': 5, smartphone: 20, tablet: 3, laptop: 30, desktop: 0 }, provided: ['basic-mobile', 'smartphone', 'tablet', 'laptop'] },
  e: {
    window: { from: '2019-02-12', to: '2020-02-11' },
    employees: 14,
    complaints: 125,
    byCause: { 'device-problem': 36, 'accessing-information': 36, training: 26, other: 27 },
    byDevice: { 'basic-mobile': 0, smartphone: 38, tablet: 36, laptop: 48, desktop: 3 }
  },
  g: { aware: true, employees: 5, unattributedReports: 3, qualifyingReports: 12 }
};

describe('FOI command-line tools', function () {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const tool = (name: string, ...args: string[]) => run(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'cli', `${name}.js`), ...args], { env, cwd: dir });
  const failing = async (name: string, ...args: string[]) => {
    try {
      await tool(name, ...args);
    } catch (error) {
      return error as { code: number; stdout: string; stderr: string };
    }
    throw new Error(`${name} ${args.join(' ')} should have failed`);
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'foi-cli-'));
    env = { PATH: process.env.PATH, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', ORGANISATION_FILE: path.join(projectRoot, 'env', 'organisation.example.json') };
    assert.match((await tool('roster-import', fixture('roster.csv'))).stdout, /60 added, 0 updated/);
    assert.match((await tool('reports-import', '--type', 'device-complaints', fixture('device-complaints.csv'))).stdout, /270 added/);
    assert.match((await tool('reports-import', '--type', 'number-sharing', fixture('number-sharing.csv'))).stdout, /77 added/);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('gives the hand-counted figures as of 2020-02-11, as JSON only on stdout', async () => {
    const { stdout, stderr } = await tool('foi', '--as-of', '2020-02-11', '--json');
    assert.equal(stderr, '');
    const figures = JSON.parse(stdout);
    for (const [key, value] of Object.entries(HAND_COUNT)) assert.deepEqual(figures[key], value, key);
    assert.equal(figures.councilName, 'Example Borough Council');
    assert.equal(figures.f.answer, 'conditions');
  });

  it('importing everything again adds nothing and changes no figure', async () => {
    assert.match((await tool('roster-import', fixture('roster.csv'))).stdout, /0 added, 60 updated/);
    assert.match((await tool('reports-import', '--type', 'device-complaints', fixture('device-complaints.csv'))).stdout, /0 added, 270 already there/);
    assert.match((await tool('reports-import', '--type', 'number-sharing', fixture('number-sharing.csv'))).stdout, /0 added, 77 already there/);
    const figures = JSON.parse((await tool('foi', '--as-of', '2020-02-11', '--json')).stdout);
    assert.deepEqual(figures.e, HAND_COUNT.e);
    assert.deepEqual(figures.g, HAND_COUNT.g);
  });

  it('--published suppresses 1 to 4; --since narrows question g', async () => {
    const published = JSON.parse((await tool('foi', '--as-of', '2020-02-11', '--json', '--published')).stdout);
    assert.equal(published.e.byDevice.desktop, 'fewer than 5');
    assert.equal(published.c.byDevice.tablet, 'fewer than 5');
    assert.equal(published.g.unattributedReports, 'fewer than 5');
    assert.equal(published.g.employees, 5);
    assert.deepEqual(published.suppressed.sort(), ['c.byDevice.tablet', 'e.byDevice.desktop', 'g.unattributedReports']);
    const since = JSON.parse((await tool('foi', '--as-of', '2020-02-11', '--since', '2019-06-01', '--json')).stdout);
    // From 2019-06-01: E001, E002 (that very day), E003 and E004; E009's 2017 report drops out.
    assert.equal(since.g.employees, 4);
    assert.equal(since.g.since, '2019-06-01');
  });

  it('writes the CSV, the XLSX and the letter', async () => {
    const files = { csv: path.join(dir, 'foi.csv'), xlsx: path.join(dir, 'foi.xlsx'), letter: path.join(dir, 'reply.md') };
    const { stdout, stderr } = await tool('foi', '--as-of', '2020-02-11', '--published', '--csv', files.csv, '--xlsx', files.xlsx, '--letter', files.letter);
    assert.equal(stdout, '');
    assert.match(stderr, /wrote the XLSX/);
    assert.match(await readFile(files.csv, 'utf8'), /^question,measure,figure,suppressed\n/);
    assert.match(await readFile(files.csv, 'utf8'), /e,Complaints by device: Desktop computer,fewer than 5,yes/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files.xlsx);
    assert.equal(workbook.worksheets.length, 8);
    const e = workbook.getWorksheet('e Complaints')!.getSheetValues() as unknown[][];
    assert.deepEqual(e.find((row) => row?.[1] === 'Employees who complained')?.slice(1, 3), ['Employees who complained', 14]);
    const letter = await readFile(files.letter, 'utf8');
    assert.match(letter, /40 of our employees work with children or vulnerable people/);
    assert.match(letter, /14 of these employees told us/);
    assert.match(letter, /Yes\. We are aware of 5 of these employees/);
  });

  it('refuses a bad file with line numbers and imports nothing from it', async () => {
    const bad = path.join(dir, 'bad.csv');
    const good = (await readFile(fixture('device-complaints.csv'), 'utf8')).split('\n').slice(0, 3).join('\n').replace(/open$|resolved$|acknowledged$|withdrawn$|void$/gm, 'open');
    await writeFile(bad, `${good}\n2019-05-01,E999,yes,yes,laptop,boredom,a,x,open\n`);
    const error = await failing('reports-import', '--type', 'device-complaints', bad);
    assert.equal(error.code, 1);
    assert.match(error.stderr, /^reports:import: nothing was imported/);
    assert.match(error.stderr, /line 4: cause: must be one of/);
    const store = await openLowdbStore(path.join(dir, 'data'));
    assert.equal((await store.reports.list()).length, 270 + 77);
    await store.close();
  });

  it('an import refuses to run while the bot holds the data directory; the figures can still be read', async () => {
    const release = await lockDataDir(path.join(dir, 'data'), 'the bot');
    try {
      const error = await failing('roster-import', fixture('roster.csv'));
      assert.match(error.stderr, /is in use by the bot .*Stop it first/);
      assert.equal(JSON.parse((await tool('foi', '--as-of', '2020-02-11', '--json')).stdout).a.employees, 40);
    } finally {
      await release();
    }
  });

  it('says clearly what is wrong with its arguments', async () => {
    assert.match((await failing('foi', '--as-of', '11/02/2020')).stderr, /--as-of must be a calendar date written YYYY-MM-DD/);
    assert.match((await failing('foi', '--as-of', '2020-02-11', '--since', '2020-03-01')).stderr, /--since 2020-03-01 is after the as-of date/);
    assert.match((await failing('foi', '--colour')).stderr, /Unknown option '--colour'[\s\S]*usage: npm run -s foi/);
    assert.match((await failing('reports-import', '--type', 'complaints', 'x.csv')).stderr, /--type must be device-complaints or number-sharing/);
    assert.match((await failing('roster-import', path.join(dir, 'missing.csv'))).stderr, /cannot read .*missing\.csv/);
  });
});
