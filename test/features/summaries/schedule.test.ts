import assert from 'node:assert/strict';
import sinon from 'sinon';
import { runSummaries } from '../../../src/features/summaries/run.js';
import { startSummarySchedule, type SummarySchedule } from '../../../src/features/summaries/schedule.js';
import { createLogger } from '../../../src/log.js';
import type { FeatureDeps } from '../../../src/shared/deps.js';
import type { ProactiveSender } from '../../../src/shared/proactive.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import { testConfig } from '../../helpers/bot.js';
import { MANAGER_AAD, ROSTER } from './fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

const log = createLogger('silent');

describe('summary schedule (fake clock)', () => {
  let clock: sinon.SinonFakeTimers;
  let schedules: SummarySchedule[];
  const now = () => new Date();

  function start(run: (slot: Date, days: number) => Promise<void>, cron = '0 9 * * 1', timeZone = 'Europe/London') {
    const schedule = startSummarySchedule({ cron, timeZone, log, now, run });
    schedules.push(schedule);
    return schedule;
  }

  beforeEach(() => {
    schedules = [];
  });
  afterEach(() => {
    schedules.forEach((s) => s.stop());
    clock.restore();
  });

  it('fires on Monday at 09:00 London time, in winter and in summer, with a 7-day period', async () => {
    clock = sinon.useFakeTimers({ now: new Date('2026-11-22T12:00:00.000Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const fired: Array<[string, number]> = [];
    const schedule = start(async (slot, days) => void fired.push([slot.toISOString(), days]));
    assert.equal(schedule.nextRun()?.toISOString(), '2026-11-23T09:00:00.000Z');
    await clock.tickAsync(21 * 60 * 60 * 1000 - 1);
    assert.deepEqual(fired, []);
    await clock.tickAsync(1);
    assert.deepEqual(fired, [['2026-11-23T09:00:00.000Z', 7]]);
    assert.equal(schedule.nextRun()?.toISOString(), '2026-11-30T09:00:00.000Z');
    schedule.stop();

    clock.setSystemTime(new Date('2026-06-20T12:00:00.000Z'));
    assert.equal(start(async () => undefined).nextRun()?.toISOString(), '2026-06-22T08:00:00.000Z', '09:00 BST');
  });

  it('sends each manager one card per run, even when the bot restarts after the run', async () => {
    clock = sinon.useFakeTimers({ now: new Date('2026-11-23T08:59:00.000Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const store = await openMemoryStore();
    await store.people.upsertEmployees(ROSTER);
    const deps: FeatureDeps = { config: testConfig(), store, log, now };
    const sent: string[] = [];
    const sender: ProactiveSender = { send: async (id) => (sent.push(id), { status: 'sent' }) };
    const run = async (slot: Date, days: number) => void (await runSummaries(deps, sender, slot, days));

    const first = start(run);
    await clock.tickAsync(60 * 1000);
    await first.ready;
    assert.deepEqual(sent, [MANAGER_AAD]);
    first.stop();

    // Restarted half an hour later: the run for 09:00 is caught up, finds it finished, sends nothing.
    await clock.tickAsync(30 * 60 * 1000);
    await start(run).ready;
    assert.deepEqual(sent, [MANAGER_AAD]);
    const [runLog] = await allStored(store, 'summaryRuns');
    assert.equal(runLog.runKey, '2026-11-23T09:00:00.000Z');
    assert.ok(runLog.finishedAt);
    assert.deepEqual(runLog.deliveries.map((d) => [d.managerId, d.outcome, d.reason]), [
      [MANAGER_AAD, 'sent', undefined],
      ['employee:M2', 'skipped', 'not-in-teams']
    ]);
  });

  it('catches up a run missed while the bot was down, but not one long past', async () => {
    clock = sinon.useFakeTimers({ now: new Date('2026-11-23T10:30:00.000Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const fired: string[] = [];
    await start(async (slot) => void fired.push(slot.toISOString())).ready;
    assert.deepEqual(fired, ['2026-11-23T09:00:00.000Z']);

    clock.setSystemTime(new Date('2026-11-24T10:30:00.000Z'));
    await start(async (slot) => void fired.push(slot.toISOString())).ready;
    assert.equal(fired.length, 1);
  });

  it('runs a daily schedule with a 1-day period', async () => {
    clock = sinon.useFakeTimers({ now: new Date('2026-11-23T06:00:00.000Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const days: number[] = [];
    start(async (_slot, d) => void days.push(d), '30 7 * * *');
    await clock.tickAsync(2 * 60 * 60 * 1000);
    assert.deepEqual(days, [1]);
  });
});
