/** The reports contract, for every store. */
import assert from 'node:assert/strict';
import type { NewReport } from '../../../src/store/types.js';
import { complaint } from '../../helpers/reports.js';
import { collect, storeContract } from '../../helpers/store-contract.js';

storeContract('reports', ({ open }) => {
  it('stores a submission once and gives sequential references per kind and year', async () => {
    const store = await open();
    const first = await store.reports.add(complaint('sub-1'));
    const repeat = await store.reports.add(complaint('sub-1'));
    const second = await store.reports.add(complaint('sub-2'));
    const nextYear = await store.reports.add(complaint('sub-3', '2027-01-01T09:00:00.000Z'));
    assert.equal(first.created, true);
    assert.equal(repeat.created, false);
    assert.equal(repeat.report.id, first.report.id);
    assert.equal(first.report.id, 'DC-2026-000001');
    assert.equal(second.report.id, 'DC-2026-000002');
    assert.equal(nextYear.report.id, 'DC-2027-000001');
    assert.equal((await store.reports.list()).length, 3);
  });

  it('finds a report by its reference and by its submission id', async () => {
    const store = await open();
    const { report } = await store.reports.add(complaint('sub-1'));
    await store.reports.add(complaint('sub-2'));
    assert.deepEqual(await store.reports.getBySubmission('sub-1'), report);
    assert.equal(await store.reports.getBySubmission('sub-3'), undefined);
    assert.deepEqual(await store.reports.get(report.id), report);
    assert.equal(await store.reports.get('DC-1999-000001'), undefined);
  });

  it('stores concurrent submits of one card once', async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.reports.add(complaint('same'))));
    assert.equal(results.filter((r) => r.created).length, 1);
    assert.equal((await store.reports.list()).length, 1);
  });

  it('200 concurrent submissions give 200 records with distinct references', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.reports.add(complaint(`sub-${i}`))));
    const reports = await store.reports.list();
    assert.equal(reports.length, 200);
    assert.equal(new Set(reports.map((r) => r.id)).size, 200);
  });

  it('changes a status and keeps its history', async () => {
    const store = await open();
    const { report } = await store.reports.add(complaint('sub-1'));
    const changed = await store.reports.setStatus(report.id, { from: 'open', to: 'withdrawn', by: 'aad-1', at: '2026-03-03T00:00:00.000Z' });
    assert.equal(changed.outcome, 'changed');
    assert.equal(changed.outcome === 'changed' && changed.report.status, 'withdrawn');
    assert.deepEqual((await store.reports.get(report.id))?.history, [{ status: 'withdrawn', at: '2026-03-03T00:00:00.000Z', by: 'aad-1' }]);
    assert.deepEqual(await store.reports.setStatus('DC-1999-000001', { from: 'open', to: 'void', by: 'x', at: 'y' }), { outcome: 'not-found' });
  });

  describe('a status change made on a status the report no longer has', () => {
    const withdraw = { from: 'open', to: 'withdrawn', by: 'aad-1', at: '2026-03-03T00:00:00.000Z' } as const;
    const resolve = { from: 'open', to: 'resolved', by: 'aad-m', at: '2026-03-03T00:00:01.000Z' } as const;

    it('is not made, whichever comes first', async () => {
      for (const [first, second] of [[withdraw, resolve], [resolve, withdraw]]) {
        const store = await open();
        const { report } = await store.reports.add(complaint(`sub-${first.to}`));
        assert.equal((await store.reports.setStatus(report.id, first)).outcome, 'changed');
        const late = await store.reports.setStatus(report.id, second);
        assert.deepEqual(late, { outcome: 'conflict', report: { ...report, status: first.to, history: [{ status: first.to, at: first.at, by: first.by }] } });
        assert.equal((await store.reports.get(report.id))?.status, first.to);
      }
    });

    it('is made once when two arrive at once, and the history holds only that one', async () => {
      const store = await open();
      const { report } = await store.reports.add(complaint('sub-1'));
      const outcomes = await Promise.all([store.reports.setStatus(report.id, withdraw), store.reports.setStatus(report.id, resolve)]);
      assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['changed', 'conflict']);
      const stored = await store.reports.get(report.id);
      const winner = outcomes.find((o) => o.outcome === 'changed');
      assert.equal(stored?.status, winner?.outcome === 'changed' && winner.report.status);
      assert.equal(stored?.history.length, 1);
    });
  });

  it('filters reports by reporter and kind', async () => {
    const store = await open();
    await store.reports.add(complaint('a'));
    await store.reports.add({ ...complaint('b'), reporterId: 'aad-2' } as NewReport);
    assert.equal((await store.reports.list({ reporterId: 'aad-2' })).length, 1);
    assert.equal((await store.reports.list({ kind: 'number-sharing' })).length, 0);
  });

  it('lists one reporter\u2019s reports in the order they were stored', async () => {
    const store = await open();
    for (const [submission, reporterId] of [['a', 'aad-2'], ['b', 'aad-1'], ['c', 'aad-2']]) await store.reports.add({ ...complaint(submission), reporterId } as NewReport);
    assert.deepEqual((await store.reports.list({ reporterId: 'aad-2' })).map((r) => r.submissionId), ['a', 'c']);
  });

  it('hands out copies, so callers cannot change what is stored', async () => {
    const store = await open();
    const { report } = await store.reports.add(complaint('a'));
    report.status = 'void';
    (await store.reports.list())[0].status = 'void';
    assert.equal((await store.reports.get(report.id))?.status, 'open');
  });

  it('streams reports in stored order, filtered by status and submission time', async () => {
    const store = await open();
    await store.reports.add(complaint('s1', '2026-01-01T09:00:00.000Z'));
    const { report: withdrawn } = await store.reports.add(complaint('s2', '2026-01-02T09:00:00.000Z'));
    await store.reports.add(complaint('s3', '2026-01-03T09:00:00.000Z'));
    await store.reports.setStatus(withdrawn.id, { from: 'open', to: 'withdrawn', by: 'aad-1', at: '2026-01-04T00:00:00.000Z' });
    assert.deepEqual((await collect(store.reports.stream())).map((r) => r.submissionId), ['s1', 's2', 's3']);
    const countable = await collect(store.reports.stream({ statuses: ['open', 'acknowledged', 'resolved'], submittedBefore: '2026-01-03T09:00:00.000Z' }));
    assert.deepEqual(countable.map((r) => r.submissionId), ['s1']);
    const period = await collect(store.reports.stream({ submittedFrom: '2026-01-02T09:00:00.000Z', submittedBefore: '2026-01-03T09:00:00.001Z' }));
    assert.deepEqual(period.map((r) => r.submissionId), ['s2', 's3'], 'from is inclusive, before exclusive');
    assert.deepEqual(
      (await store.reports.list({ statuses: ['withdrawn'] })).map((r) => r.submissionId),
      ['s2'],
      'list takes the same filter'
    );
  });
});
