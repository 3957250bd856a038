import assert from 'node:assert/strict';
import { nextStatus } from '../../../src/features/notifications/notification.js';
import { cardText, createTestBot, invokeCard, STAFF } from '../../helpers/bot.js';
import { complaint, MANAGER_AAD, OFFICER_AAD, OTHER_AAD, REPORT_AAD, ROSTER } from '../summaries/fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

const MANAGER = { id: '29:manager', name: 'Morgan Manager', aadObjectId: MANAGER_AAD };
const OTHER = { id: '29:other', name: 'Olly Other', aadObjectId: OTHER_AAD };
const OFFICER = { id: '29:officer', name: 'Fran Officer', aadObjectId: OFFICER_AAD };

async function botWithComplaint() {
  const bot = await createTestBot({ env: { FOI_OFFICER_IDS: OFFICER_AAD } });
  await bot.store.people.upsertEmployees(ROSTER);
  const { report } = await bot.store.reports.add(complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z'));
  return { bot, reportId: report.id };
}

describe('complaint status buttons', () => {
  it('moves open to acknowledged to resolved, and no further', () => {
    assert.deepEqual(nextStatus('open', 'acknowledge'), { ok: true, status: 'acknowledged' });
    assert.deepEqual(nextStatus('open', 'resolve'), { ok: true, status: 'resolved' });
    assert.deepEqual(nextStatus('acknowledged', 'resolve'), { ok: true, status: 'resolved' });
    assert.equal(nextStatus('acknowledged', 'acknowledge').ok, false);
    assert.equal(nextStatus('resolved', 'acknowledge').ok, false);
    assert.equal(nextStatus('withdrawn', 'resolve').ok, false);
  });

  for (const [who, from] of [['a manager of another team', OTHER], ['the reporter', STAFF]] as const) {
    it(`refuses a forged Acknowledge from ${who}, audits it and changes nothing`, async () => {
      const { bot, reportId } = await botWithComplaint();
      const card = invokeCard(await bot.execute('complaint.acknowledge', { reportId }, { from }));
      assert.match(cardText(card), /only managers/);
      assert.equal((await bot.store.reports.get(reportId))?.status, 'open');
      const audit = await allStored(bot.store, 'audit');
      assert.deepEqual(audit.map((a) => [a.actorId, a.action, a.target, a.outcome]), [[from.aadObjectId, 'complaint.acknowledge', reportId, 'refused']]);
    });
  }

  it('refuses a refresh from someone outside the team', async () => {
    const { bot, reportId } = await botWithComplaint();
    const card = invokeCard(await bot.execute('complaint.refresh', { reportId }, { from: OTHER }));
    assert.doesNotMatch(cardText(card), /VPN/);
  });

  it('lets the manager resolve, then says so instead of changing a resolved report', async () => {
    const { bot, reportId } = await botWithComplaint();
    const resolved = invokeCard(await bot.execute('complaint.resolve', { reportId }, { from: MANAGER }));
    assert.match(cardText(resolved), /Status: Resolved/);
    const again = invokeCard(await bot.execute('complaint.acknowledge', { reportId }, { from: MANAGER }));
    assert.match(cardText(again), /already resolved/);
    const report = await bot.store.reports.get(reportId);
    assert.deepEqual(report?.history.map((h) => [h.status, h.by]), [['resolved', MANAGER_AAD]]);
  });

  it('lets an FOI officer act on any complaint', async () => {
    const { bot, reportId } = await botWithComplaint();
    invokeCard(await bot.execute('complaint.acknowledge', { reportId }, { from: OFFICER }));
    assert.equal((await bot.store.reports.get(reportId))?.status, 'acknowledged');
  });

  it('answers a button naming no real complaint without changing anything', async () => {
    const { bot } = await botWithComplaint();
    assert.match(cardText(invokeCard(await bot.execute('complaint.acknowledge', { reportId: 'DC-2026-999999' }, { from: MANAGER }))), /not found/i);
    assert.match(cardText(invokeCard(await bot.execute('complaint.acknowledge', { reportId: '../etc' }, { from: MANAGER }))), /not found/i);
  });
});
