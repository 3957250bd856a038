/**
 * A reporter's withdrawal and their manager's "Mark resolved" on one complaint: whichever is
 * written first wins, the other changes nothing and says why, and a withdrawn complaint
 * never ends up counted again.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { allStored } from '../../helpers/all-stored.js';
import { cardText, createTestBot, invokeCard, STAFF } from '../../helpers/bot.js';
import { complaint, MANAGER_AAD, REPORT_AAD, ROSTER } from '../summaries/fixtures.js';
import { changedFirstEveryTime } from '../../helpers/reports.js';

const MANAGER = { id: '29:manager', name: 'Morgan Manager', aadObjectId: MANAGER_AAD };

async function botWithComplaint() {
  const bot = await createTestBot();
  await bot.store.people.upsertEmployees(ROSTER);
  const { report } = await bot.store.reports.add(complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z'));
  return { bot, reportId: report.id };
}

describe('a withdrawal and a resolution of one complaint', () => {
  afterEach(() => sinon.restore());

  it('withdrawn first: the resolution is refused and the complaint stays withdrawn', async () => {
    const { bot, reportId } = await botWithComplaint();
    assert.match(cardText(invokeCard(await bot.execute('report.withdraw', { reportId }, { from: STAFF }))), /is withdrawn/);
    const resolve = invokeCard(await bot.execute('complaint.resolve', { reportId }, { from: MANAGER }));
    assert.match(cardText(resolve), /was withdrawn, so its status cannot change/);
    const stored = await bot.store.reports.get(reportId);
    assert.deepEqual(stored?.history.map((h) => h.status), ['withdrawn']);
  });

  it('resolved first: the withdrawal is refused and the complaint stays resolved', async () => {
    const { bot, reportId } = await botWithComplaint();
    assert.match(cardText(invokeCard(await bot.execute('complaint.resolve', { reportId }, { from: MANAGER }))), /Status: Resolved/);
    const withdraw = invokeCard(await bot.execute('report.withdraw', { reportId }, { from: STAFF }));
    assert.match(cardText(withdraw), /closed and can no longer be withdrawn/);
    assert.deepEqual((await bot.store.reports.get(reportId))?.history.map((h) => h.status), ['resolved']);
  });

  it('at once: one is made, the other is refused and says what the complaint now is (10 rounds)', async () => {
    for (let round = 1; round <= 10; round++) {
      const { bot, reportId } = await botWithComplaint();
      // A test adapter answers one turn at a time: the manager's press goes through a second one on the same store.
      const managerBot = await createTestBot({ store: bot.store });
      // Both read the complaint as open before either writes: each read waits for the other.
      const get = bot.store.reports.get.bind(bot.store.reports);
      let arrived = 0;
      let bothRead: () => void = () => undefined;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      sinon.stub(bot.store.reports, 'get').callsFake(async (id) => {
        const report = await get(id);
        if (++arrived === 2) bothRead();
        await barrier;
        return report;
      });
      const [withdraw, resolve] = await Promise.all([
        bot.execute('report.withdraw', { reportId }, { from: STAFF }),
        managerBot.execute('complaint.resolve', { reportId }, { from: MANAGER })
      ]);
      const stored = await bot.store.reports.get(reportId);
      assert.equal(stored?.history.length, 1, `round ${round}: one change made`);
      const [withdrawText, resolveText] = [cardText(invokeCard(withdraw)), cardText(invokeCard(resolve))];
      if (stored?.status === 'withdrawn') {
        assert.match(withdrawText, /is withdrawn/);
        assert.match(resolveText, /was withdrawn, so its status cannot change/);
      } else {
        assert.equal(stored?.status, 'resolved');
        assert.match(withdrawText, /is now resolved, so it was not withdrawn. Nothing was changed/);
        assert.match(resolveText, /Status: Resolved/);
      }
      const done = (await allStored(bot.store, 'audit')).filter((entry) => entry.outcome === 'done');
      assert.equal(done.length, 1, `round ${round}: one change audited`);
    }
  });

  it('changed by others under every try: the withdrawal and the resolution each say so, and neither is made or audited', async () => {
    const { bot, reportId } = await botWithComplaint();
    const rival = changedFirstEveryTime(bot.store.reports);
    const withdraw = cardText(invokeCard(await bot.execute('report.withdraw', { reportId }, { from: STAFF })));
    const resolve = cardText(invokeCard(await bot.execute('complaint.resolve', { reportId }, { from: MANAGER })));
    rival.restore();
    assert.match(withdraw, new RegExp(`${reportId} is being changed by someone else just now, so it was not withdrawn. Nothing was changed; please try again in a minute.`));
    assert.match(resolve, /Someone else is changing this report just now, so nothing was changed. Please try again in a minute./);
    assert.equal(rival.tries(), 10);
    const stored = await bot.store.reports.get(reportId);
    assert.deepEqual(stored?.history.map((h) => h.by), Array(10).fill('import'), 'only the other writer\u2019s changes');
    assert.equal(stored?.status, 'open');
    assert.deepEqual(await allStored(bot.store, 'audit'), [], 'nothing audited as done');
  });
});
