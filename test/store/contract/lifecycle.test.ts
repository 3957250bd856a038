/**
 * What concerns a whole store, for every store: its status, the retention purge, a rewrite,
 * a backup, one person's data for a subject access request, and what survives reopening.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportSubject } from '../../../src/features/data-protection/subject.js';
import { openLowdbStore } from '../../../src/store/lowdb/store.js';
import type { Store } from '../../../src/store/store.js';
import type { NewReport, Report } from '../../../src/store/types.js';
import { complaint } from '../../helpers/reports.js';
import { allStored } from '../../helpers/all-stored.js';
import { storeContract } from '../../helpers/store-contract.js';

/** A number-sharing report by `reporterId` naming `sharerId`. */
function sharing(submissionId: string, reporterId: string, sharerId: string): NewReport {
  return {
    kind: 'number-sharing', submissionId, submittedAt: '2026-03-02T10:00:00.000Z', reporterId, status: 'open', history: [], source: 'teams',
    subject: 'colleague', sharerId, sharerName: 'Jo', sharedWith: 'child', toldNotTo: 'yes', reason: 'out-of-hours', occurredOn: '2026-03-01', note: 'n',
    cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
  };
}

/** Jo (roster E1, Teams aad-jo) and what the store holds about them and about others. */
async function seedJo(store: Store): Promise<void> {
  const row = { name: 'n', email: 'e@council.example', worksWithChildrenOrVulnerable: 'yes' as const, remoteOrFlexible: 'yes' as const, devices: [], updatedAt: 't' };
  await store.people.upsertEmployees([{ ...row, employeeId: 'E1', aadObjectId: 'AAD-JO', managerId: 'M1' }, { ...row, employeeId: 'E2', aadObjectId: 'aad-other', managerId: 'E1' }]);
  await store.people.saveProfile({ aadObjectId: 'aad-jo', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't' });
  await store.people.saveProfile({ aadObjectId: 'aad-other', worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'no', devices: [], updatedAt: 't' });
  await store.reports.add({ ...complaint('by-jo'), reporterId: 'aad-jo' } as NewReport);
  await store.reports.add({ ...complaint('imported-by-jo'), reporterId: 'E1', source: 'import' } as NewReport);
  await store.reports.add(sharing('naming-jo', 'aad-other', 'AAD-JO'));
  await store.reports.add({ ...complaint('by-other'), reporterId: 'aad-other' } as NewReport);
  await store.conversations.save({ aadObjectId: 'aad-jo', reference: {}, updatedAt: 't' });
  await store.conversations.save({ aadObjectId: 'aad-other', reference: {}, updatedAt: 't' });
  await store.roles.add({ aadObjectId: 'aad-jo', role: 'admin', grantedBy: 'x', grantedAt: 't' });
  await store.summaryRuns.start('run-1', 't');
  await store.summaryRuns.recordDelivery('run-1', { managerId: 'aad-jo', outcome: 'sent', at: 't' });
  await store.summaryRuns.recordDelivery('run-1', { managerId: 'aad-other', outcome: 'sent', at: 't' });
  await store.summaryRuns.start('run-2', 't');
  await store.summaryRuns.recordDelivery('run-2', { managerId: 'aad-other', outcome: 'sent', at: 't' });
  await store.audit.add({ at: 't', actorId: 'aad-jo', action: 'report.withdraw', outcome: 'done' });
  await store.audit.add({ at: 't', actorId: 'aad-admin', action: 'role.add', target: 'e1', outcome: 'done' });
  await store.audit.add({ at: 't', actorId: 'aad-admin', action: 'role.add', target: 'aad-other', outcome: 'done' });
  await store.feedback.add({ id: 'f1', at: 't', askerId: 'aad-jo', question: 'q', answered: true });
  await store.feedback.add({ id: 'f2', at: 't', askerId: 'aad-other', question: 'q', answered: true });
  await store.policyLinks.save({ id: 'l1', question: 'q1', target: 'webmail', linkedBy: 'aad-jo', linkedAt: 't' });
  await store.policyLinks.save({ id: 'l2', question: 'q2', target: 'out-of-scope', linkedBy: 'aad-admin', linkedAt: 't' });
}

storeContract('the whole store', ({ open, durable }) => {
  it('tells /healthz it is ok, with a count per collection', async () => {
    const store = await open();
    await store.feedback.add({ id: 'f1', at: 't', question: 'q', answered: false });
    await store.reports.add(complaint('sub-1'));
    const status = await store.status();
    assert.equal(status.ok, true);
    assert.equal(status.counts.feedback, 1);
    assert.equal(status.counts.reports, 1);
    assert.equal(status.counts.audit, 0);
  });

  it('purges what is dated before the cutoff, each kind by its own date, or only counts it', async () => {
    const store = await open();
    const cutoff = '2025-01-01T00:00:00.000Z';
    await store.reports.add(complaint('old', '2024-12-31T23:59:59.999Z'));
    await store.reports.add(complaint('new', cutoff));
    await store.feedback.add({ id: 'f-old', at: '2024-06-01T00:00:00.000Z', question: 'q', answered: true });
    await store.feedback.add({ id: 'f-new', at: '2025-06-01T00:00:00.000Z', question: 'q', answered: true });
    await store.audit.add({ at: '2024-06-01T00:00:00.000Z', actorId: 'a', action: 'x', outcome: 'done' });
    await store.conversations.save({ aadObjectId: 'gone-long-ago', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z', goneAt: '2024-02-01T00:00:00.000Z' });
    await store.conversations.save({ aadObjectId: 'still-here', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z' });
    await store.summaryRuns.start('run-old', '2024-06-03T09:00:00.000Z');
    await store.summaryRuns.recordDelivery('run-old', { managerId: 'm1', outcome: 'sent', at: '2024-06-03T09:00:01.000Z' });
    await store.summaryRuns.start('run-new', '2025-06-02T09:00:00.000Z');
    await store.people.saveProfile({ aadObjectId: 'p', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: [], updatedAt: '2020-01-01T00:00:00.000Z' });
    await store.policyLinks.save({ id: 'l-old', question: 'q', target: 'webmail', linkedBy: 'a', linkedAt: '2020-01-01T00:00:00.000Z' });
    const expected = { reports: 1, feedback: 1, audit: 1, conversations: 1, summaryRuns: 1 };

    assert.deepEqual(await store.purgeBefore(cutoff, true), expected);
    assert.equal((await store.reports.list()).length, 2, 'a dry run changes nothing');
    assert.deepEqual(await store.purgeBefore(cutoff), expected);
    assert.deepEqual(await store.purgeBefore(cutoff), { reports: 0, feedback: 0, audit: 0, conversations: 0, summaryRuns: 0 });
    assert.deepEqual((await store.reports.list()).map((r) => r.submissionId), ['new']);
    assert.deepEqual((await allStored(store, 'feedback')).map((f) => f.id), ['f-new']);
    assert.deepEqual(await allStored(store, 'audit'), []);
    assert.deepEqual((await allStored(store, 'conversations')).map((c) => c.aadObjectId), ['still-here']);
    assert.deepEqual((await allStored(store, 'summaryRuns')).map((r) => r.runKey), ['run-new']);
    assert.equal((await store.people.listProfiles()).length, 1, 'profiles are not dated');
    assert.deepEqual((await store.policyLinks.list()).map((l) => l.id), ['l-old'], 'policy links are the policy owner\u2019s, kept');
    assert.equal((await store.reports.add(complaint('next', '2025-02-01T00:00:00.000Z'))).report.id, 'DC-2025-000002', 'a purged reference is not handed out again');
  });

  it('rewrites collections in one step and never hands a purged reference out again', async () => {
    const store = await open();
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
    const { report: old } = await store.reports.add(complaint('sub-old', '2026-01-01T00:00:00.000Z'));
    const { report: kept } = await store.reports.add(complaint('sub-kept', '2026-02-01T00:00:00.000Z'));
    await store.audit.add({ at: 't', actorId: 'a', action: 'x', outcome: 'done' });
    await store.rewrite((data) => ({
      reports: data.reports.filter((r) => r.id !== old.id).map((r) => ({ ...r, description: '' }) as Report),
      profiles: data.profiles.map((p) => ({ ...p, devices: ['tablet' as const] }))
    }));
    assert.deepEqual((await store.reports.list()).map((r) => [r.id, r.kind === 'device-complaint' && r.description]), [[kept.id, '']]);
    assert.deepEqual((await store.people.getProfile('aad-1'))?.devices, ['tablet']);
    assert.equal((await allStored(store, 'audit')).length, 1, 'collections not given are left alone');
    const again = await store.reports.add(complaint('sub-old', '2026-01-01T00:00:00.000Z'));
    assert.equal(again.created, true, 'the purged submission is gone');
    assert.equal(again.report.id, 'DC-2026-000003');
    await assert.rejects(
      store.rewrite((data) => ({ reports: [...data.reports, { ...data.reports[0], id: 'DC-2026-999999', submissionId: 'new' }] })),
      /cannot add reports/
    );
  });

  it('changes nothing when a rewrite gives no collections', async () => {
    const store = await open();
    await store.reports.add(complaint('sub-1'));
    const before = await store.snapshot();
    await store.rewrite(() => ({}));
    assert.deepEqual(await store.snapshot(), before);
  });

  it('writes a backup that opens as a lowdb store with the same data', async () => {
    const store = await open();
    await store.people.saveProfile({ aadObjectId: 'aad-1', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 't1' });
    await store.reports.add(complaint('sub-1'));
    await store.summaryRuns.start('run-1', 't1');
    await store.summaryRuns.recordDelivery('run-1', { managerId: 'm1', outcome: 'sent', at: 't2' });
    await store.policyLinks.save({ id: 'l1', question: 'q', target: 'webmail', linkedBy: 'a', linkedAt: 't' });
    const dir = await mkdtemp(path.join(tmpdir(), 'store-backup-'));
    try {
      await store.backupTo(path.join(dir, 'one'));
      const restored = await openLowdbStore(path.join(dir, 'one'));
      assert.deepEqual(await restored.snapshot(), await store.snapshot());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the records that name one person, by either of their ids in any case', async () => {
    const store = await open();
    await seedJo(store);
    const data = await store.subjectData('e1');
    assert.deepEqual(data.employees.map((e) => e.employeeId), ['E1']);
    assert.deepEqual(data.profiles.map((p) => p.aadObjectId), ['aad-jo']);
    assert.deepEqual(data.reports.map((r) => r.submissionId), ['by-jo', 'imported-by-jo', 'naming-jo']);
    assert.deepEqual(data.conversations.map((c) => c.aadObjectId), ['aad-jo']);
    assert.deepEqual(data.roles.map((g) => g.role), ['admin']);
    assert.deepEqual(data.summaryRuns, [{ runKey: 'run-1', startedAt: 't', deliveries: [{ managerId: 'aad-jo', outcome: 'sent', at: 't' }] }], 'only their deliveries');
    assert.deepEqual(data.audit.map((a) => a.actorId), ['aad-jo', 'aad-admin']);
    assert.deepEqual(data.feedback.map((f) => f.id), ['f1']);
    assert.deepEqual(data.policyLinks.map((l) => l.id), ['l1'], 'the links they made');
    assert.deepEqual(await store.subjectData('AAD-jo'), data, 'the same by the other id');
    assert.deepEqual(exportSubject(data, 'e1'), exportSubject(await store.snapshot(), 'e1'), 'the export reads as from everything');
    const nobody = await store.subjectData('aad-nobody');
    assert.deepEqual(Object.values(nobody).map((records) => records.length), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  if (durable) it('keeps what it stored when opened again', async () => {
    const store = await open();
    const { report } = await store.reports.add(complaint('sub-1'));
    await store.reports.setStatus(report.id, { from: 'open', to: 'acknowledged', by: 'aad-m', at: 't2' });
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't1' });
    await store.roles.add({ aadObjectId: 'aad-9', role: 'admin', grantedBy: 'x', grantedAt: 't' });
    await store.policyLinks.save({ id: 'l1', question: 'q', target: 'webmail', linkedBy: 'aad-9', linkedAt: 't' });
    const before = await store.snapshot();
    await store.close();
    const reopened = await open();
    assert.deepEqual(await reopened.snapshot(), before);
    assert.equal((await reopened.reports.add(complaint('sub-2'))).report.id, 'DC-2026-000002', 'numbering carries on');
  });
});
