/**
 * `store:migrate` as an admin runs it when moving from the lowdb files to PostgreSQL: the
 * fixture roster and historical reports (the FOI hand count as of 2020-02-11), plus a record
 * of every other kind, copied from a real data directory into a fresh schema.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/paths.js';
import { lockDataDir } from '../../src/store/lowdb/lock.js';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { StoredData } from '../../src/store/store.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';
import { complaint } from '../helpers/reports.js';
import { allStored } from '../helpers/all-stored.js';

const run = promisify(execFile);
const fixture = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);
const FIGURES_LINE = 'FOI figures as of 2020-02-11 are the same in both: question e: 125 complaints from 14 employees; question g: 5 employees.';

/** Every file under `dir` with a hash of its content. */
async function fingerprints(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = createHash('sha256').update(await readFile(file)).digest('hex');
  }
  return files;
}

/** The copy as the database holds it, without the audit entry each run of the command adds. */
function withoutMigrateAudit(data: StoredData): StoredData {
  return { ...data, audit: data.audit.filter((entry) => entry.action !== 'store.migrate') };
}

describe('store:migrate from lowdb to PostgreSQL', function () {
  this.timeout(60000);
  let dir: string;
  let dataDir: string;
  let schema: TestSchema;
  let env: NodeJS.ProcessEnv;

  const tool = (name: string, ...args: string[]) => run(process.execPath, ['--disable-warning=DEP0111', path.join(projectRoot, 'dist', 'src', 'cli', `${name}.js`), ...args], { env, cwd: dir });
  const migrate = (...extra: string[]) => tool('store-migrate', '--from', 'lowdb', '--to', 'postgres', '--as-of', '2020-02-11', ...extra);
  const failing = async (...args: string[]) => {
    try {
      await tool('store-migrate', ...args);
    } catch (error) {
      return error as { code: number; stdout: string; stderr: string };
    }
    throw new Error(`store-migrate ${args.join(' ')} should have failed`);
  };
  const reportsInDatabase = async () => Number((await schema.query<{ n: string }>('SELECT count(*) AS n FROM reports'))[0].n);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-migrate-'));
    dataDir = path.join(dir, 'data');
    env = { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ORGANISATION_FILE: path.join(projectRoot, 'env', 'organisation.example.json') };
    await tool('roster-import', fixture('roster.csv'));
    await tool('reports-import', '--type', 'device-complaints', fixture('device-complaints.csv'));
    await tool('reports-import', '--type', 'number-sharing', fixture('number-sharing.csv'));
    // One of every other kind of record, so every collection is copied.
    const store = await openLowdbStore(dataDir);
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: '2026-11-01T09:00:00.000Z' });
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'https://smba.example/' }, updatedAt: '2026-11-01T09:00:00.000Z' });
    await store.feedback.add({ id: 'f1', at: '2026-11-01T09:00:00.000Z', question: 'Can I use my own phone?', answered: true });
    await store.audit.add({ at: '2026-11-01T09:00:00.000Z', actorId: 'aad-admin', action: 'role.add', target: 'aad-1', outcome: 'done' });
    await store.roles.add({ aadObjectId: 'aad-1', role: 'foi-officer', grantedBy: 'aad-admin', grantedAt: '2026-11-01T09:00:00.000Z' });
    await store.summaryRuns.start('2026-11-02T09:00:00.000Z', '2026-11-02T09:00:01.000Z');
    await store.summaryRuns.recordDelivery('2026-11-02T09:00:00.000Z', { managerId: 'E050', outcome: 'sent', at: '2026-11-02T09:00:02.000Z' });
    await store.summaryRuns.finish('2026-11-02T09:00:00.000Z', '2026-11-02T09:00:03.000Z');
    await store.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    schema = await freshSchema();
    Object.assign(env, { DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.schema });
  });
  afterEach(() => schema.drop());

  it('copies every record, leaves the data directory as it was, and finds the same FOI figures', async () => {
    const before = await fingerprints(dataDir);
    const { stdout } = await migrate();
    assert.match(stdout, /employees +60 copied, 0 already there/);
    assert.match(stdout, /reports +347 copied, 0 already there/);
    for (const name of ['profiles', 'conversations', 'feedback', 'audit', 'roles', 'summaryRuns']) assert.match(stdout, new RegExp(`${name} +1 copied, 0 already there`), name);
    assert.ok(stdout.includes(FIGURES_LINE), stdout);

    assert.deepEqual(await fingerprints(dataDir), before);
    const source = await openLowdbStore(dataDir);
    const copy = await schema.open();
    try {
      assert.deepEqual(withoutMigrateAudit(await copy.snapshot()), await source.snapshot());
      const audit = (await allStored(copy, 'audit')).filter((entry) => entry.action === 'store.migrate');
      assert.equal(audit.length, 1);
      assert.match(audit[0].detail ?? '', /347 reports copied/);
    } finally {
      await source.close();
    }
  });

  it('copies nothing twice when run again', async () => {
    await migrate();
    const { stdout } = await migrate();
    assert.match(stdout, /reports +0 copied, 347 already there/);
    assert.match(stdout, /employees +0 copied, 60 already there/);
    assert.match(stdout, /summaryRuns +0 copied, 1 already there/);
    assert.match(stdout, /audit +0 copied, 1 already there/);
    assert.ok(stdout.includes(FIGURES_LINE), stdout);
    assert.equal(await reportsInDatabase(), 347);
  });

  it('carries reference numbers on from the highest copied', async () => {
    await migrate();
    const source = await openLowdbStore(dataDir);
    const highest = (await source.reports.list({ kind: 'device-complaint' }))
      .map((report) => report.id)
      .filter((id) => id.startsWith('DC-2019-'))
      .sort()
      .at(-1)!;
    await source.close();
    const store = await schema.open();
    const { report } = await store.reports.add(complaint('after-the-move', '2019-12-01T10:00:00.000Z'));
    assert.equal(report.id, `DC-2019-${String(Number(highest.slice(-6)) + 1).padStart(6, '0')}`);
  });

  it('refuses while the bot holds the data directory, copying nothing', async () => {
    const unlock = await lockDataDir(dataDir, 'the bot');
    try {
      const failure = await failing('--from', 'lowdb', '--to', 'postgres');
      assert.equal(failure.code, 1);
      assert.match(failure.stderr, /the bot/);
    } finally {
      await unlock();
    }
    assert.equal((await schema.query('SELECT to_regclass($1) AS t', [`${schema.schema}.reports`]))[0].t, null);
  });

  it('refuses, copying nothing, when the bots have already stored reports in the database', async () => {
    const store = await schema.open();
    await store.reports.add(complaint('stored-by-a-bot', '2019-06-01T10:00:00.000Z'));
    const failure = await failing('--from', 'lowdb', '--to', 'postgres', '--as-of', '2020-02-11');
    assert.equal(failure.code, 1);
    assert.match(failure.stderr, /already holds records the data directory does not have, or has differently: reports 1 \(DC-2019-000001\)\..*Nothing has been copied/);
    assert.equal(await reportsInDatabase(), 1);
    assert.equal(Number((await schema.query<{ n: string }>('SELECT count(*) AS n FROM employees'))[0].n), 0);
  });

  it('refuses to copy again over an earlier state of a data directory that has changed since', async () => {
    await migrate();
    // After the first copy, the bot carried on with the files and someone was erased.
    const changed = path.join(dir, 'changed');
    await cp(dataDir, changed, { recursive: true });
    env.DATA_DIR = changed;
    try {
      await tool('subject', 'erase', 'E001');
      const before = await schema.query('SELECT data FROM reports ORDER BY seq');
      const failure = await failing('--from', 'lowdb', '--to', 'postgres', '--as-of', '2020-02-11');
      assert.match(failure.stderr, /has differently: .*reports \d+ \(DC-/, 'the pseudonymised reports are named');
      assert.match(failure.stderr, /employees 1/, 'the erased roster row is still in the database, and is named');
      assert.deepEqual(await schema.query('SELECT data FROM reports ORDER BY seq'), before, 'nothing changed');
    } finally {
      env.DATA_DIR = dataDir;
      await rm(changed, { recursive: true, force: true });
    }
  });

  it('explains what it can do when asked for anything else', async () => {
    for (const args of [['--from', 'lowdb', '--to', 'mysql'], ['--from', 'postgres', '--to', 'lowdb'], ['--to', 'postgres']]) {
      const failure = await failing(...args);
      assert.match(failure.stderr, /the only move supported is --from lowdb --to postgres\nusage: npm run -s store:migrate/, args.join(' '));
    }
    delete env.DATABASE_URL;
    assert.match((await failing('--from', 'lowdb', '--to', 'postgres')).stderr, /DATABASE_URL is required/);
  });
});
