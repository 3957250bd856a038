import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../../src/store/layout.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import { StoreError } from '../../../src/store/store.js';
import { complaint } from '../../helpers/reports.js';

describe('lowdb store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'store-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a real file that a new store reads back', async () => {
    const store = await openLowdbStore(dir);
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['tablet'], updatedAt: '2026-01-01T00:00:00.000Z' });
    const { report } = await store.reports.add(complaint('sub-1'));
    await store.close();

    const file = JSON.parse(await readFile(path.join(dir, 'reports', '000001.json'), 'utf8'));
    assert.equal(file.schemaVersion, SCHEMA_VERSION);
    assert.equal(file.items.length, 1);

    const reopened = await openLowdbStore(dir);
    assert.deepEqual(await reopened.reports.get(report.id), report);
    assert.deepEqual((await reopened.people.getProfile('aad-1'))?.devices, ['tablet']);
  });

  it('refuses a corrupt single reports file with a clear message and leaves it untouched', async () => {
    const file = path.join(dir, 'reports.json');
    const corrupt = '{"schemaVersion":1,"items":[{"id":"DC-2026-0000';
    await writeFile(file, corrupt);
    await assert.rejects(openLowdbStore(dir), (error: unknown) => {
      assert.ok(error instanceof StoreError);
      assert.match(error.message, /reports\.json/);
      assert.match(error.message, /has not been changed/);
      return true;
    });
    assert.equal(await readFile(file, 'utf8'), corrupt);
    assert.deepEqual(await readdir(dir), ['reports.json']);
  });

  it('refuses a JSON file that is not one of its own, and a newer schema', async () => {
    await writeFile(path.join(dir, 'profiles.json'), '[1,2,3]');
    await assert.rejects(openLowdbStore(dir), /not a data file of this bot/);
    await writeFile(path.join(dir, 'profiles.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, items: [] }));
    await assert.rejects(openLowdbStore(dir), /newer than this bot/);
  });

  it('rewrites collections so a new store reads the change, and re-indexes reports', async () => {
    const store = await openLowdbStore(dir);
    await store.reports.add(complaint('sub-old', '2024-01-01T00:00:00.000Z'));
    const { report: kept } = await store.reports.add(complaint('sub-new'));
    await store.rewrite((data) => ({ reports: data.reports.filter((r) => r.submissionId !== 'sub-old') }));
    assert.equal((await store.reports.list()).length, 1);
    assert.equal((await store.reports.add(complaint('sub-old', '2024-01-01T00:00:00.000Z'))).created, true, 'the purged submission is gone from the index');
    await store.close();
    const reopened = await openLowdbStore(dir);
    assert.deepEqual((await reopened.reports.list()).map((r) => r.submissionId).sort(), ['sub-new', 'sub-old']);
    assert.deepEqual(await reopened.reports.get(kept.id), kept);
  });

  it('writes a backup that opens as a store with the same data', async () => {
    const store = await openLowdbStore(dir);
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: '2026-01-01T00:00:00.000Z' });
    const { report } = await store.reports.add(complaint('sub-1'));
    const files = await store.backupTo(path.join(dir, 'backups', 'one'));
    assert.ok(files.some((f) => f.endsWith(path.join('reports', '000001.json'))));
    const restored = await openLowdbStore(path.join(dir, 'backups', 'one'));
    assert.deepEqual(await restored.reports.get(report.id), report);
    assert.deepEqual(await restored.snapshot(), await store.snapshot());
    await assert.rejects(store.backupTo(path.join(dir, 'backups', 'one')), /EEXIST/, 'a backup never overwrites another');
  });

  it('leaves no temporary files behind', async () => {
    const store = await openLowdbStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.reports.add(complaint(`sub-${i}`))));
    await store.close();
    assert.deepEqual(await readdir(dir), ['audit', 'feedback', 'reports']);
    assert.deepEqual(await readdir(path.join(dir, 'reports')), ['000001.json']);
    assert.deepEqual(await readdir(path.join(dir, 'audit')), []);
  });
});
