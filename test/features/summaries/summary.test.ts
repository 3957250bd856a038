import assert from 'node:assert/strict';
import { summarise, summaryTables, windowsFor } from '../../../src/features/summaries/summary.js';
import { idsOf } from '../../../src/shared/roster.js';
import { complaint, OTHER_AAD, REPORT_AAD, ROSTER, sharing } from './fixtures.js';

const END = new Date('2026-11-23T09:00:00.000Z');
const TEAM = idsOf(ROSTER.filter((e) => e.managerId === 'M1'));

describe('summary figures', () => {
  it('counts the team\u2019s reports in this period and the one before, leaving others out', () => {
    const reports = [
      complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { cause: 'training', device: 'tablet', blockedTasks: ['f', 'a'], status: 'acknowledged' }),
      complaint(REPORT_AAD, '2026-11-22T10:00:00.000Z', { cause: 'device-problem', blockedTasks: ['f'], status: 'resolved' }),
      complaint('E2', '2026-11-18T10:00:00.000Z', { source: 'import' }),
      complaint(REPORT_AAD, '2026-11-12T10:00:00.000Z', { cause: 'other' }),
      complaint(REPORT_AAD, '2026-11-21T10:00:00.000Z', { status: 'withdrawn' }),
      complaint(OTHER_AAD, '2026-11-21T10:00:00.000Z'),
      complaint(REPORT_AAD, '2026-11-23T09:00:00.000Z'),
      sharing(REPORT_AAD, '2026-11-19T10:00:00.000Z'),
      sharing(OTHER_AAD, '2026-11-19T10:00:00.000Z', { subject: 'colleague', sharerId: 'E2', toldNotTo: 'no' }),
      sharing(OTHER_AAD, '2026-11-19T10:00:00.000Z')
    ];
    const { current, previous } = summarise(reports, TEAM, windowsFor(END, 7));
    assert.equal(current.complaints, 3, 'E1 twice and E2 once; withdrawn, other team and the end instant left out');
    assert.deepEqual(current.byCause, { 'device-problem': 2, 'accessing-information': 0, training: 1, other: 0 });
    assert.equal(current.byDevice.tablet, 1);
    assert.equal(current.byDevice.laptop, 2);
    assert.deepEqual(current.byStatus, { open: 1, acknowledged: 1, resolved: 1 });
    assert.equal(current.blockedTasks.f, 2);
    assert.equal(current.blockedTasks.a, 2);
    assert.equal(current.numberSharing, 2, 'a self report and a report naming a team member');
    assert.equal(current.numberSharingToldNotTo, 1);
    assert.equal(previous.complaints, 1);
    assert.equal(previous.byCause.other, 1);

    const council = summarise(reports, 'council', windowsFor(END, 7));
    assert.equal(council.current.complaints, 4);
    assert.equal(council.current.numberSharing, 3);
  });

  it('lists the most-blocked tasks first, with their FOI letters and labels', () => {
    const reports = [
      complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { blockedTasks: ['g', 'f'] }),
      complaint(REPORT_AAD, '2026-11-21T10:00:00.000Z', { blockedTasks: ['f'] })
    ];
    const tables = summaryTables(summarise(reports, TEAM, windowsFor(END, 7)));
    const blocked = tables.find((t) => t.title === 'Most-blocked tasks')!;
    assert.deepEqual(blocked.rows.map((r) => [r.label.slice(0, 2), r.current]), [['f.', 2], ['g.', 1]]);
    assert.match(blocked.rows[0].label, /children or vulnerable people/);
    const sharingTable = tables.find((t) => t.title.startsWith('Personal numbers'))!;
    assert.doesNotMatch(JSON.stringify(sharingTable), /foster|00000000/, 'counts only, never who or what they wrote');
  });
});
