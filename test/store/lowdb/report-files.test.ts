import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../../src/store/layout.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import { StoreError } from '../../../src/store/store.js';
import type { Report } from '../../../src/store/types.js';
import { complaint } from '../../helpers/reports.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

/** Reports as the earlier single `reports.json` held them. */
function storedReports(count: number): Report[] {
  return Array.from({ length: count }, (_, i) => ({ ...complaint(`old-${i}`), id: `DC-2026-${String(i + 1).padStart(6, '0')}` }) as Report);
}

describe('lowdb store: report files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'report-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fills numbered files of bounded size and reads them back in order', async () => {
    const store = await openLowdbStore(dir, { reportsPerFile: 3 });
    for (let i = 0; i < 7; i++) await store.reports.add(complaint(`sub-${i}`));
    await store.close();
    assert.deepEqual(await readdir(path.join(dir, 'reports')), ['000001.json', '000002.json', '000003.json']);
    const sizes = [];
    for (const name of ['000001.json', '000002.json', '000003.json']) sizes.push((await readJson(path.join(dir, 'reports', name))).items.length);
    assert.deepEqual(sizes, [3, 3, 1]);

    const reopened = await openLowdbStore(dir, { reportsPerFile: 3 });
    assert.deepEqual((await reopened.reports.list()).map((r) => r.submissionId), ['sub-0', 'sub-1', 'sub-2', 'sub-3', 'sub-4', 'sub-5', 'sub-6']);
    assert.equal((await reopened.reports.add(complaint('sub-7'))).report.id, 'DC-2026-000008');
    assert.equal((await reopened.status()).counts.reports, 8);
  });

  it('rewrites only the file holding a report when its status changes', async () => {
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    for (let i = 0; i < 4; i++) await store.reports.add(complaint(`sub-${i}`));
    await store.close();
    const newest = path.join(dir, 'reports', '000002.json');
    const before = (await stat(newest)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.reports.setStatus('DC-2026-000001', { from: 'open', to: 'resolved', by: 'aad-9', at: '2026-03-04T00:00:00.000Z' });
    assert.equal((await readJson(path.join(dir, 'reports', '000001.json'))).items[0].status, 'resolved');
    assert.equal((await stat(newest)).mtimeMs, before);
  });

  it('refuses a corrupt report file, naming it, and leaves every file untouched', async () => {
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    for (let i = 0; i < 4; i++) await store.reports.add(complaint(`sub-${i}`));
    await store.close();
    const broken = path.join(dir, 'reports', '000002.json');
    const corrupt = '{"schemaVersion":1,"items":[{"id":';
    await writeFile(broken, corrupt);
    const intact = await readFile(path.join(dir, 'reports', '000001.json'), 'utf8');
    await assert.rejects(openLowdbStore(dir, { reportsPerFile: 2 }), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /reports\/000002\.json/);
      assert.match(error.message, /has not been changed/);
      return true;
    });
    assert.equal(await readFile(broken, 'utf8'), corrupt);
    assert.equal(await readFile(path.join(dir, 'reports', '000001.json'), 'utf8'), intact);
  });

  it('moves a single reports.json into report files, keeps it as a backup, and carries on numbering', async () => {
    const single = JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: storedReports(5) });
    await writeFile(path.join(dir, 'reports.json'), single);
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    assert.equal((await store.reports.list()).length, 5);
    assert.equal((await store.reports.add(complaint('new'))).report.id, 'DC-2026-000006');
    assert.equal((await store.reports.add(complaint('old-3'))).created, false, 'a repeat of a moved submission stores nothing');
    await store.close();
    assert.equal(existsSync(path.join(dir, 'reports.json')), false);
    assert.equal(await readFile(path.join(dir, 'reports.json.migrated'), 'utf8'), single);
    assert.deepEqual(await readdir(path.join(dir, 'reports')), ['000001.json', '000002.json', '000003.json']);

    const reopened = await openLowdbStore(dir, { reportsPerFile: 2 });
    assert.equal((await reopened.reports.list()).length, 6);
  });

  it('starts a move cut short again from the single file', async () => {
    await writeFile(path.join(dir, 'reports.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: storedReports(3) }));
    await mkdir(path.join(dir, 'reports.migrating'));
    await writeFile(path.join(dir, 'reports.migrating', '000001.json'), '{"schemaVersion":1,"items":[');
    const store = await openLowdbStore(dir, { reportsPerFile: 2 });
    assert.equal((await store.reports.list()).length, 3);
    assert.equal(existsSync(path.join(dir, 'reports.migrating')), false);
  });

  it('finishes a move cut short after the backup was made', async () => {
    await mkdir(path.join(dir, 'reports.migrating'));
    await writeFile(path.join(dir, 'reports.migrating', '000001.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: storedReports(2) }));
    await writeFile(path.join(dir, 'reports.json.migrated'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: storedReports(2) }));
    const store = await openLowdbStore(dir);
    assert.equal((await store.reports.list()).length, 2);
    assert.deepEqual(await readdir(path.join(dir, 'reports')), ['000001.json']);
  });

  it('refuses when both a single reports.json and report files exist, changing neither', async () => {
    const store = await openLowdbStore(dir);
    await store.reports.add(complaint('sub-1'));
    await store.close();
    const single = JSON.stringify({ schemaVersion: SCHEMA_VERSION, items: storedReports(1) });
    await writeFile(path.join(dir, 'reports.json'), single);
    await assert.rejects(openLowdbStore(dir), /both .*reports\.json and .*reports exist/);
    assert.equal(await readFile(path.join(dir, 'reports.json'), 'utf8'), single);
    assert.equal((await readJson(path.join(dir, 'reports', '000001.json'))).items[0].submissionId, 'sub-1');
  });
});
