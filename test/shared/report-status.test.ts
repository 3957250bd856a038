/** A report's life: the state machine and moves decided again when someone else got there first. */
import assert from 'node:assert/strict';
import { isClosed, moveStatus, movesFrom, statusMove } from '../../src/shared/report-status.js';
import { REPORT_STATUSES, type ReportStatus } from '../../src/store/types.js';
import { openMemoryStore } from '../helpers/memory-store.js';
import { changedFirstEveryTime, complaint } from '../helpers/reports.js';
import { storeContract } from '../helpers/store-contract.js';

const AT = '2026-03-03T00:00:00.000Z';

describe('report status', () => {
  it('lets a reporter withdraw only an open or acknowledged report', () => {
    const allowed = REPORT_STATUSES.filter((from) => statusMove('reporter', from, 'withdrawn').ok);
    assert.deepEqual(allowed, ['open', 'acknowledged']);
    assert.deepEqual(statusMove('reporter', 'open', 'resolved'), { ok: false, reason: 'not-allowed' });
    assert.deepEqual(statusMove('reporter', 'resolved', 'withdrawn'), { ok: false, reason: 'closed' });
  });

  it('lets a manager acknowledge an open report and resolve an open or acknowledged one, and nothing else', () => {
    const moves = (from: ReportStatus) => REPORT_STATUSES.filter((to) => statusMove('manager', from, to).ok);
    assert.deepEqual(
      REPORT_STATUSES.map((from) => [from, moves(from)]),
      [
        ['open', ['acknowledged', 'resolved']],
        ['acknowledged', ['resolved']],
        ['resolved', []],
        ['withdrawn', []],
        ['void', []]
      ]
    );
    assert.deepEqual(movesFrom('manager', 'open'), ['acknowledged', 'resolved']);
    assert.deepEqual(movesFrom('manager', 'withdrawn'), []);
  });

  it('lets an import set any other status, and no one set the status a report already has', () => {
    assert.deepEqual(statusMove('import', 'withdrawn', 'open'), { ok: true });
    for (const actor of ['reporter', 'manager', 'import'] as const) assert.deepEqual(statusMove(actor, 'open', 'open'), { ok: false, reason: 'same-status' });
  });

  it('calls resolved, withdrawn and voided reports closed', () => {
    assert.deepEqual(REPORT_STATUSES.filter(isClosed), ['resolved', 'withdrawn', 'void']);
  });

  describe('moveStatus', () => {
    it('withdraws a report acknowledged since it was read: the move is still allowed', async () => {
      const store = await openMemoryStore();
      const { report } = await store.reports.add(complaint('sub-1'));
      await store.reports.setStatus(report.id, { from: 'open', to: 'acknowledged', by: 'aad-m', at: AT });
      const moved = await moveStatus(store.reports, report, 'reporter', 'withdrawn', 'aad-1', AT);
      assert.equal(moved.outcome, 'changed');
      assert.deepEqual((await store.reports.get(report.id))?.history.map((h) => h.status), ['acknowledged', 'withdrawn']);
    });

    it('refuses to withdraw a report resolved since it was read, and changes nothing', async () => {
      const store = await openMemoryStore();
      const { report } = await store.reports.add(complaint('sub-1'));
      await store.reports.setStatus(report.id, { from: 'open', to: 'resolved', by: 'aad-m', at: AT });
      const moved = await moveStatus(store.reports, report, 'reporter', 'withdrawn', 'aad-1', AT);
      assert.equal(moved.outcome, 'refused');
      assert.equal(moved.outcome === 'refused' && moved.reason, 'closed');
      assert.equal(moved.outcome === 'refused' && moved.report.status, 'resolved');
      assert.deepEqual((await store.reports.get(report.id))?.history.map((h) => h.status), ['resolved']);
    });

    it('says when there is no such report', async () => {
      const store = await openMemoryStore();
      const { report } = await store.reports.add(complaint('sub-1'));
      assert.deepEqual(await moveStatus(store.reports, { ...report, id: 'DC-1999-000001' }, 'manager', 'resolved', 'aad-m', AT), { outcome: 'not-found' });
    });
  });
});

storeContract('moveStatus when every attempt loses the race', ({ open }) => {
  it('gives up after five attempts as busy, with the report as the other writer left it, and changes nothing itself', async () => {
    const store = await open();
    const { report } = await store.reports.add(complaint('sub-1'));
    const rival = changedFirstEveryTime(store.reports);
    const moved = await moveStatus(store.reports, report, 'reporter', 'withdrawn', 'aad-1', AT);
    rival.restore();
    assert.equal(rival.tries(), 5, 'decided again after each lost race, five times in all');
    const stored = await store.reports.get(report.id);
    assert.deepEqual(moved, { outcome: 'refused', reason: 'busy', report: stored });
    assert.equal(stored?.status, 'acknowledged', 'where the other writer left it');
    assert.deepEqual(
      stored?.history.map((h) => `${h.status} by ${h.by}`),
      ['acknowledged', 'open', 'acknowledged', 'open', 'acknowledged'].map((status) => `${status} by import`),
      'only the other writer\u2019s changes'
    );
  });
});
