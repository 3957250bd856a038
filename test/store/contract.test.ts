/**
 * The store contract: what every store does, run against the in-memory store, the lowdb
 * file store and the PostgreSQL store (a fresh schema per test in TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore, openMemoryStore } from '../../src/store/lowdb-store.js';
import { StoreError, type Store } from '../../src/store/store.js';
import type { NewReport, Report } from '../../src/store/types.js';
import { freshSchema } from '../helpers/postgres.js';
import { complaint } from '../helpers/reports.js';

interface Subject {
  /** Opens the store; called again, opens another on the same data (a restart, or a second instance). */
  open(): Promise<Store>;
  done(): Promise<void>;
}

/** Each store: its name, whether it keeps data once closed, and how to set one up. */
const subjects: Array<[string, boolean, () => Promise<Subject>]> = [
  ['memory store', false, async () => ({ open: () => openMemoryStore(), done: async () => undefined })],
  [
    'lowdb store',
    true,
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'store-contract-'));
      return { open: () => openLowdbStore(dir), done: () => rm(dir, { recursive: true, force: true }) };
    }
  ],
  [
    'PostgreSQL store',
    true,
    async () => {
      const schema = await freshSchema();
      return { open: () => schema.open(), done: () => schema.drop() };
    }
  ]
];

async function collect(reports: AsyncIterable<Report>): Promise<Report[]> {
  const all: Report[] = [];
  for await (const report of reports) all.push(report);
  return all;
}

for (const [name, durable, subject] of subjects) {
  describe(`${name}: the store contract`, () => {
    let open: () => Promise<Store>;
    let current: Subject;
    beforeEach(async () => {
      current = await subject();
      open = current.open;
    });
    afterEach(async () => {
      await current.done();
    });

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

    it('links a roster row to a Teams user once, changing nothing else', async () => {
      const store = await open();
      const row = { employeeId: 'E1', name: 'A', email: 'a@council.example', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'no' as const, devices: [], updatedAt: 't' };
      await store.upsertEmployees([row]);
      // A roster import changed the row after the link was looked up.
      await store.upsertEmployees([{ ...row, name: 'A Renamed' }]);
      assert.equal(await store.linkEmployee('E1', 'aad-1'), true);
      assert.deepEqual(await store.getEmployee('E1'), { ...row, name: 'A Renamed', aadObjectId: 'aad-1' });
      assert.equal((await store.getEmployeeByAadObjectId('AAD-1'))?.employeeId, 'E1');
      assert.equal(await store.linkEmployee('E1', 'aad-2'), false, 'a linked row stays linked');
      assert.equal(await store.linkEmployee('E9', 'aad-2'), false);
      assert.equal((await store.getEmployee('E1'))?.aadObjectId, 'aad-1');
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

    it('streams reports in stored order, filtered by status and submission time', async () => {
      const store = await open();
      await store.addReport(complaint('s1', '2026-01-01T09:00:00.000Z'));
      const { report: withdrawn } = await store.addReport(complaint('s2', '2026-01-02T09:00:00.000Z'));
      await store.addReport(complaint('s3', '2026-01-03T09:00:00.000Z'));
      await store.setReportStatus(withdrawn.id, 'withdrawn', 'aad-1', '2026-01-04T00:00:00.000Z');
      assert.deepEqual((await collect(store.streamReports())).map((r) => r.submissionId), ['s1', 's2', 's3']);
      const countable = await collect(store.streamReports({ statuses: ['open', 'acknowledged', 'resolved'], submittedBefore: '2026-01-03T09:00:00.000Z' }));
      assert.deepEqual(countable.map((r) => r.submissionId), ['s1']);
      const period = await collect(store.streamReports({ submittedFrom: '2026-01-02T09:00:00.000Z', submittedBefore: '2026-01-03T09:00:00.001Z' }));
      assert.deepEqual(period.map((r) => r.submissionId), ['s2', 's3'], 'from is inclusive, before exclusive');
      assert.deepEqual(
        (await store.listReports({ statuses: ['withdrawn'] })).map((r) => r.submissionId),
        ['s2'],
        'listReports takes the same filter'
      );
    });

    it('lets only one caller claim a manager in a summary run', async () => {
      const store = await open();
      await store.startSummaryRun('run-1', 't1');
      const claims = await Promise.all([store.claimSummaryDelivery('run-1', 'm1', 't1'), store.claimSummaryDelivery('run-1', 'm1', 't1')]);
      assert.deepEqual(claims.sort(), [false, true]);
      await store.recordSummaryDelivery('run-1', { managerId: 'm1', outcome: 'sent', at: 't2' });
      assert.equal(await store.claimSummaryDelivery('run-1', 'm1', 't3'), false, 'a finished delivery is not claimed again');
      const [run] = await store.listSummaryRuns();
      assert.deepEqual(run.deliveries, [{ managerId: 'm1', outcome: 'sent', at: 't2' }]);
      await assert.rejects(store.claimSummaryDelivery('no-such-run', 'm1', 't'), StoreError);
    });

    it('purges what is dated before the cutoff, each kind by its own date, or only counts it', async () => {
      const store = await open();
      const cutoff = '2025-01-01T00:00:00.000Z';
      await store.addReport(complaint('old', '2024-12-31T23:59:59.999Z'));
      await store.addReport(complaint('new', cutoff));
      await store.addFeedback({ id: 'f-old', at: '2024-06-01T00:00:00.000Z', question: 'q', answered: true });
      await store.addFeedback({ id: 'f-new', at: '2025-06-01T00:00:00.000Z', question: 'q', answered: true });
      await store.addAudit({ at: '2024-06-01T00:00:00.000Z', actorId: 'a', action: 'x', outcome: 'done' });
      await store.saveConversation({ aadObjectId: 'gone-long-ago', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z', goneAt: '2024-02-01T00:00:00.000Z' });
      await store.saveConversation({ aadObjectId: 'still-here', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z' });
      await store.startSummaryRun('run-old', '2024-06-03T09:00:00.000Z');
      await store.recordSummaryDelivery('run-old', { managerId: 'm1', outcome: 'sent', at: '2024-06-03T09:00:01.000Z' });
      await store.startSummaryRun('run-new', '2025-06-02T09:00:00.000Z');
      await store.saveProfile({ aadObjectId: 'p', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: [], updatedAt: '2020-01-01T00:00:00.000Z' });
      const expected = { reports: 1, feedback: 1, audit: 1, conversations: 1, summaryRuns: 1 };

      assert.deepEqual(await store.purgeBefore(cutoff, true), expected);
      assert.equal((await store.listReports()).length, 2, 'a dry run changes nothing');
      assert.deepEqual(await store.purgeBefore(cutoff), expected);
      assert.deepEqual(await store.purgeBefore(cutoff), { reports: 0, feedback: 0, audit: 0, conversations: 0, summaryRuns: 0 });
      assert.deepEqual((await store.listReports()).map((r) => r.submissionId), ['new']);
      assert.deepEqual((await store.listFeedback()).map((f) => f.id), ['f-new']);
      assert.deepEqual(await store.listAudit(), []);
      assert.deepEqual((await store.listConversations()).map((c) => c.aadObjectId), ['still-here']);
      assert.deepEqual((await store.listSummaryRuns()).map((r) => r.runKey), ['run-new']);
      assert.equal((await store.listProfiles()).length, 1, 'profiles are not dated');
      assert.equal((await store.addReport(complaint('next', '2025-02-01T00:00:00.000Z'))).report.id, 'DC-2025-000002', 'a purged reference is not handed out again');
    });

    it('keeps equal audit entries through a rewrite of more entries than one batch', async () => {
      const store = await open();
      const entry = (n: number) => ({ at: `2026-01-01T00:00:00.${String(n).padStart(4, '0')}Z`, actorId: 'a', action: 'report.view', outcome: 'done' as const });
      // Entry 1100 is the same as entry 10 (two events, recorded alike), and falls in another batch.
      for (let n = 0; n < 1200; n++) await store.addAudit(entry(n === 1100 ? 10 : n));
      await store.rewrite((data) => ({ audit: data.audit.filter((e) => e.at !== entry(0).at) }));
      const audit = await store.listAudit();
      assert.equal(audit.length, 1199);
      assert.equal(audit.filter((e) => e.at === entry(10).at).length, 2);
    });

    it('rewrites collections in one step and never hands a purged reference out again', async () => {
      const store = await open();
      await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
      const { report: old } = await store.addReport(complaint('sub-old', '2026-01-01T00:00:00.000Z'));
      const { report: kept } = await store.addReport(complaint('sub-kept', '2026-02-01T00:00:00.000Z'));
      await store.addAudit({ at: 't', actorId: 'a', action: 'x', outcome: 'done' });
      await store.rewrite((data) => ({
        reports: data.reports.filter((r) => r.id !== old.id).map((r) => ({ ...r, description: '' }) as Report),
        profiles: data.profiles.map((p) => ({ ...p, devices: ['tablet' as const] }))
      }));
      assert.deepEqual((await store.listReports()).map((r) => [r.id, r.kind === 'device-complaint' && r.description]), [[kept.id, '']]);
      assert.deepEqual((await store.getProfile('aad-1'))?.devices, ['tablet']);
      assert.equal((await store.listAudit()).length, 1, 'collections not given are left alone');
      const again = await store.addReport(complaint('sub-old', '2026-01-01T00:00:00.000Z'));
      assert.equal(again.created, true, 'the purged submission is gone');
      assert.equal(again.report.id, 'DC-2026-000003');
      await assert.rejects(
        store.rewrite((data) => ({ reports: [...data.reports, { ...data.reports[0], id: 'DC-2026-999999', submissionId: 'new' }] })),
        /cannot add reports/
      );
    });

    it('writes a backup that opens as a lowdb store with the same data', async () => {
      const store = await open();
      await store.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
      await store.addReport(complaint('sub-1'));
      await store.startSummaryRun('run-1', 't1');
      await store.recordSummaryDelivery('run-1', { managerId: 'm1', outcome: 'sent', at: 't2' });
      const dir = await mkdtemp(path.join(tmpdir(), 'store-backup-'));
      try {
        await store.backupTo(path.join(dir, 'one'));
        const restored = await openLowdbStore(path.join(dir, 'one'));
        assert.deepEqual(await restored.snapshot(), await store.snapshot());
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    if (durable) it('keeps what it stored when opened again', async () => {
      const store = await open();
      const { report } = await store.addReport(complaint('sub-1'));
      await store.setReportStatus(report.id, 'acknowledged', 'aad-m', 't2');
      await store.saveConversation({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't1' });
      await store.addRoleGrant({ aadObjectId: 'aad-9', role: 'admin', grantedBy: 'x', grantedAt: 't' });
      const before = await store.snapshot();
      await store.close();
      const reopened = await open();
      assert.deepEqual(await reopened.snapshot(), before);
      assert.equal((await reopened.addReport(complaint('sub-2'))).report.id, 'DC-2026-000002', 'numbering carries on');
    });
  });
}
