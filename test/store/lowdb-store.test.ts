import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore, openMemoryStore, SCHEMA_VERSION } from '../../src/store/lowdb-store.js';
import { StoreError, type Store } from '../../src/store/store.js';
import type { NewReport } from '../../src/store/types.js';
import { complaint } from '../helpers/reports.js';

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
    await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['tablet'], updatedAt: '2026-01-01T00:00:00.000Z' });
    const { report } = await store.addReport(complaint('sub-1'));
    await store.close();

    const file = JSON.parse(await readFile(path.join(dir, 'reports', '000001.json'), 'utf8'));
    assert.equal(file.schemaVersion, SCHEMA_VERSION);
    assert.equal(file.items.length, 1);

    const reopened = await openLowdbStore(dir);
    assert.deepEqual(await reopened.getReport(report.id), report);
    assert.deepEqual((await reopened.getProfile('aad-1'))?.devices, ['tablet']);
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
    await store.addReport(complaint('sub-old', '2024-01-01T00:00:00.000Z'));
    const { report: kept } = await store.addReport(complaint('sub-new'));
    await store.rewrite((data) => ({ reports: data.reports.filter((r) => r.submissionId !== 'sub-old') }));
    assert.equal((await store.listReports()).length, 1);
    assert.equal((await store.addReport(complaint('sub-old', '2024-01-01T00:00:00.000Z'))).created, true, 'the purged submission is gone from the index');
    await store.close();
    const reopened = await openLowdbStore(dir);
    assert.deepEqual((await reopened.listReports()).map((r) => r.submissionId).sort(), ['sub-new', 'sub-old']);
    assert.deepEqual(await reopened.getReport(kept.id), kept);
  });

  it('writes a backup that opens as a store with the same data', async () => {
    const store = await openLowdbStore(dir);
    await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: '2026-01-01T00:00:00.000Z' });
    const { report } = await store.addReport(complaint('sub-1'));
    const files = await store.backupTo(path.join(dir, 'backups', 'one'));
    assert.ok(files.some((f) => f.endsWith(path.join('reports', '000001.json'))));
    const restored = await openLowdbStore(path.join(dir, 'backups', 'one'));
    assert.deepEqual(await restored.getReport(report.id), report);
    assert.deepEqual(await restored.snapshot(), await store.snapshot());
    await assert.rejects(store.backupTo(path.join(dir, 'backups', 'one')), /EEXIST/, 'a backup never overwrites another');
  });

  it('leaves no temporary files behind', async () => {
    const store = await openLowdbStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.addReport(complaint(`sub-${i}`))));
    await store.close();
    assert.deepEqual(await readdir(dir), ['reports']);
    assert.deepEqual(await readdir(path.join(dir, 'reports')), ['000001.json']);
  });
});

for (const [name, open] of [
  ['memory store', () => openMemoryStore()],
  ['lowdb store', async () => openLowdbStore(await mkdtemp(path.join(tmpdir(), 'store-contract-')))]
] as Array<[string, () => Promise<Store>]>) {
  describe(`${name}: the store contract`, () => {
    it('stores a submission once and gives sequential references per kind and year', async () => {
      const store = await open();
      const first = await store.addReport(complaint('sub-1'));
      const repeat = await store.addReport(complaint('sub-1'));
      const second = await store.addReport(complaint('sub-2'));
      const nextYear = await store.addReport(complaint('sub-3', '2027-01-01T09:00:00.000Z'));
      assert.equal(first.created, true);
      assert.equal(repeat.created, false);
      assert.equal(repeat.report.id, first.report.id);
      assert.equal(first.report.id, 'DC-2026-000001');
      assert.equal(second.report.id, 'DC-2026-000002');
      assert.equal(nextYear.report.id, 'DC-2027-000001');
      assert.equal((await store.listReports()).length, 3);
    });

    it('finds a report by its submission id', async () => {
      const store = await open();
      const { report } = await store.addReport(complaint('sub-1'));
      await store.addReport(complaint('sub-2'));
      assert.deepEqual(await store.getReportBySubmission('sub-1'), report);
      assert.equal(await store.getReportBySubmission('sub-3'), undefined);
    });

    it('stores concurrent submits of one card once', async () => {
      const store = await open();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.addReport(complaint('same'))));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal((await store.listReports()).length, 1);
    });

    it('200 concurrent submissions give 200 records with distinct references', async () => {
      const store = await open();
      await Promise.all(Array.from({ length: 200 }, (_, i) => store.addReport(complaint(`sub-${i}`))));
      const reports = await store.listReports();
      assert.equal(reports.length, 200);
      assert.equal(new Set(reports.map((r) => r.id)).size, 200);
    });

    it('changes a status and keeps its history', async () => {
      const store = await open();
      const { report } = await store.addReport(complaint('sub-1'));
      const changed = await store.setReportStatus(report.id, 'withdrawn', 'aad-1', '2026-03-03T00:00:00.000Z');
      assert.equal(changed?.status, 'withdrawn');
      assert.deepEqual((await store.getReport(report.id))?.history, [{ status: 'withdrawn', at: '2026-03-03T00:00:00.000Z', by: 'aad-1' }]);
      assert.equal(await store.setReportStatus('DC-1999-000001', 'void', 'x', 'y'), undefined);
    });

    it('filters reports by reporter and kind', async () => {
      const store = await open();
      await store.addReport(complaint('a'));
      await store.addReport({ ...complaint('b'), reporterId: 'aad-2' } as NewReport);
      assert.equal((await store.listReports({ reporterId: 'aad-2' })).length, 1);
      assert.equal((await store.listReports({ kind: 'number-sharing' })).length, 0);
    });

    it('hands out copies, so callers cannot change what is stored', async () => {
      const store = await open();
      const { report } = await store.addReport(complaint('a'));
      report.status = 'void';
      (await store.listReports())[0].status = 'void';
      assert.equal((await store.getReport(report.id))?.status, 'open');
    });

    it('upserts employees without duplicating', async () => {
      const store = await open();
      const employee = { employeeId: 'E1', name: 'A', email: 'a@council.example', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
      assert.deepEqual(await store.upsertEmployees([employee]), { added: 1, updated: 0 });
      assert.deepEqual(await store.upsertEmployees([{ ...employee, remoteOrFlexible: 'yes' }]), { added: 0, updated: 1 });
      const employees = await store.listEmployees();
      assert.equal(employees.length, 1);
      assert.equal(employees[0].remoteOrFlexible, 'yes');
    });

    it('lists every profile, as copies', async () => {
      const store = await open();
      assert.deepEqual(await store.listProfiles(), []);
      await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: ['tablet'], updatedAt: 't1' });
      await store.saveProfile({ aadObjectId: 'aad-2', worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
      await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['tablet'], updatedAt: 't2' });
      const profiles = await store.listProfiles();
      assert.deepEqual(profiles.map((p) => [p.aadObjectId, p.remoteOrFlexible]), [['aad-1', 'yes'], ['aad-2', 'no']]);
      profiles[0].devices.push('laptop');
      assert.deepEqual((await store.getProfile('aad-1'))?.devices, ['tablet']);
    });

    it('finds one employee by employee id or by Teams object id in any case', async () => {
      const store = await open();
      const row = { employeeId: 'E1', name: 'A', email: 'a@council.example', aadObjectId: 'AAD-1', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
      await store.upsertEmployees([row, { ...row, employeeId: 'E2', aadObjectId: undefined }]);
      assert.deepEqual(await store.getEmployee('E1'), row);
      assert.equal((await store.getEmployeeByAadObjectId('aad-1'))?.employeeId, 'E1');
      assert.equal(await store.getEmployee('E3'), undefined);
      assert.equal(await store.getEmployeeByAadObjectId('aad-2'), undefined);
      const found = await store.getEmployee('E1');
      found!.name = 'changed';
      assert.equal((await store.getEmployee('E1'))?.name, 'A');
    });

    it('keeps conversations, feedback and audit entries', async () => {
      const store = await open();
      await store.saveConversation({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't1' });
      await store.saveConversation({ aadObjectId: 'aad-1', reference: { serviceUrl: 'b' }, updatedAt: 't2' });
      assert.equal((await store.listConversations()).length, 1);
      assert.equal((await store.getConversation('aad-1'))?.reference.serviceUrl, 'b');
      await store.addFeedback({ id: 'f1', at: 't', question: 'q', answered: false });
      assert.equal((await store.setFeedbackHelpful('f1', false))?.helpful, false);
      await store.addAudit({ at: 't', actorId: 'aad-1', action: 'role.add', outcome: 'refused' });
      assert.equal((await store.listAudit()).length, 1);
      const status = await store.status();
      assert.equal(status.ok, true);
      assert.equal(status.counts.feedback, 1);
    });

    it('keeps role grants once each and removes them', async () => {
      const store = await open();
      const grant = { aadObjectId: 'aad-9', role: 'foi-officer' as const, grantedBy: 'aad-admin', grantedAt: 't' };
      assert.equal(await store.addRoleGrant(grant), true);
      assert.equal(await store.addRoleGrant(grant), false, 'a second grant of the same role adds nothing');
      assert.equal(await store.addRoleGrant({ ...grant, role: 'admin' }), true);
      assert.equal((await store.listRoleGrants()).length, 2);
      assert.equal(await store.removeRoleGrant('aad-9', 'foi-officer'), true);
      assert.equal(await store.removeRoleGrant('aad-9', 'foi-officer'), false);
      assert.deepEqual((await store.listRoleGrants()).map((g) => g.role), ['admin']);
    });

    it('starts a summary run once per key and records one delivery per manager', async () => {
      const store = await open();
      const first = await store.startSummaryRun('2026-11-23T09:00:00.000Z', 't1');
      assert.deepEqual(first.deliveries, []);
      await store.recordSummaryDelivery(first.runKey, { managerId: 'm1', outcome: 'sending', at: 't1' });
      await store.recordSummaryDelivery(first.runKey, { managerId: 'm1', outcome: 'sent', at: 't2' });
      await store.recordSummaryDelivery(first.runKey, { managerId: 'm2', outcome: 'skipped', reason: 'no-conversation', at: 't2' });
      const again = await store.startSummaryRun('2026-11-23T09:00:00.000Z', 't3');
      assert.equal(again.startedAt, 't1', 'the existing run is returned, not a new one');
      assert.deepEqual(again.deliveries.map((d) => `${d.managerId}:${d.outcome}`), ['m1:sent', 'm2:skipped']);
      await store.finishSummaryRun(first.runKey, 't4');
      assert.equal((await store.listSummaryRuns())[0].finishedAt, 't4');
      await assert.rejects(store.recordSummaryDelivery('no-such-run', { managerId: 'm1', outcome: 'sent', at: 't' }), StoreError);
    });
  });
}
