import assert from 'node:assert/strict';
import sinon from 'sinon';
import { retentionCutoff } from '../../../src/features/data-protection/retention.js';
import { purge } from '../../../src/store/purge.js';
import { runPurge, scheduleRetention } from '../../../src/features/data-protection/tasks.js';
import { createLogger } from '../../../src/log.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import type { StoredData } from '../../../src/store/store.js';
import { testConfig } from '../../helpers/bot.js';
import { freshSchema } from '../../helpers/postgres.js';
import { complaintRecord, emptyData } from './fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

describe('retention: the rules', () => {
  it('cuts off whole calendar months back, clamping to the month\u2019s last day', () => {
    assert.equal(retentionCutoff(new Date('2026-03-15T10:00:00Z'), 24).toISOString(), '2024-03-15T10:00:00.000Z');
    assert.equal(retentionCutoff(new Date('2026-03-31T00:00:00Z'), 13).toISOString(), '2025-02-28T00:00:00.000Z');
  });

  it('purges reports by submission time, and feedback, audit, summary runs and gone conversations by their time', () => {
    const data: StoredData = {
      ...emptyData(),
      reports: [complaintRecord('DC-2024-000001', '2024-01-01T00:00:00.000Z'), complaintRecord('DC-2025-000001', '2025-06-01T00:00:00.000Z')],
      feedback: [
        { id: 'f1', at: '2024-01-01T00:00:00.000Z', question: 'old', answered: true },
        { id: 'f2', at: '2025-06-01T00:00:00.000Z', question: 'new', answered: false }
      ],
      audit: [{ at: '2023-12-31T00:00:00.000Z', actorId: 'a', action: 'x', outcome: 'done' }],
      conversations: [
        { aadObjectId: 'gone-long-ago', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z', goneAt: '2023-02-01T00:00:00.000Z' },
        { aadObjectId: 'still-here', reference: {}, updatedAt: '2023-01-01T00:00:00.000Z' }
      ],
      profiles: [{ aadObjectId: 'p', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: [], updatedAt: '2020-01-01T00:00:00.000Z' }]
    };
    const { kept, counts } = purge(data, '2025-01-01T00:00:00.000Z');
    assert.deepEqual(counts, { reports: 1, feedback: 1, audit: 1, conversations: 1, summaryRuns: 0 });
    assert.deepEqual(kept.reports.map((r) => r.id), ['DC-2025-000001']);
    assert.deepEqual(kept.conversations.map((c) => c.aadObjectId), ['still-here']);
    assert.equal('profiles' in kept, false, 'profiles are not time-bound');
  });
});

describe('retention: running it', () => {
  it('a dry run counts and changes nothing; a real run purges and is audited', async () => {
    const store = await openMemoryStore();
    await store.reports.add({ ...complaintRecord('x', '2023-05-01T00:00:00.000Z'), submissionId: 'old' });
    await store.reports.add({ ...complaintRecord('x', '2026-05-01T00:00:00.000Z'), submissionId: 'new' });
    const task = { store, now: () => new Date('2026-06-01T00:00:00Z'), actor: 'cli:test' };
    const dry = await runPurge(task, 24, true);
    assert.equal(dry.counts.reports, 1);
    assert.equal((await store.reports.list()).length, 2);
    assert.equal((await allStored(store, 'audit')).length, 0);
    const done = await runPurge(task, 24);
    assert.equal(done.counts.reports, 1);
    assert.deepEqual((await store.reports.list()).map((r) => r.submissionId), ['new']);
    const [audit] = await allStored(store, 'audit');
    assert.equal(audit.action, 'retention.purge');
    assert.equal(audit.actorId, 'cli:test');
    assert.match(audit.detail ?? '', /"reports":1/);
  });

  it('instances sharing one PostgreSQL database purge once between them', async () => {
    const schema = await freshSchema();
    try {
      const [a, b] = [await schema.open(), await schema.open()];
      for (let i = 0; i < 30; i++) await a.reports.add({ ...complaintRecord('x', '2023-05-01T00:00:00.000Z'), submissionId: `old-${i}` });
      await b.reports.add({ ...complaintRecord('x', '2026-05-01T00:00:00.000Z'), submissionId: 'new' });
      const now = () => new Date('2026-06-01T00:00:00Z');
      // Both schedules fire at the same minute; each counts what it will purge before either purges.
      const results = await Promise.all([runPurge({ store: a, now, actor: 'bot:schedule' }, 24), runPurge({ store: b, now, actor: 'bot:schedule' }, 24)]);
      assert.equal(results[0].counts.reports + results[1].counts.reports, 30);
      assert.deepEqual((await a.reports.list()).map((r) => r.submissionId), ['new']);
      const audits = (await allStored(b, 'audit')).filter((entry) => entry.action === 'retention.purge');
      assert.equal(audits.length, 1);
      assert.match(audits[0].detail ?? '', /"reports":30/);
    } finally {
      await schema.drop();
    }
  });

  it('runs on its schedule inside the bot, not before', async () => {
    const store = await openMemoryStore();
    await store.reports.add({ ...complaintRecord('x', '2020-05-01T00:00:00.000Z'), submissionId: 'old' });
    // The schedule's own clock, moved on by hand: a purge that comes late or early fails the test.
    const clock = sinon.useFakeTimers({ now: new Date('2026-11-02T02:59:59.200Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const config = testConfig({ RETENTION_PURGE_CRON: '0 0 3 * * *' });
    const job = scheduleRetention({ config, store, log: createLogger('silent'), now: () => new Date() });
    try {
      await clock.tickAsync(700);
      assert.equal((await store.reports.list()).length, 1, 'nothing before 03:00');
      await clock.tickAsync(200);
      assert.equal((await store.reports.list()).length, 0, 'purged at 03:00');
      assert.equal((await allStored(store, 'audit'))[0]?.actorId, 'bot:schedule');
    } finally {
      job.stop();
      clock.restore();
    }
  });
});
