/**
 * A summary run shared by instances: every instance's schedule fires for the same slot on one
 * store. Each manager gets one card, and the run is closed by the last instance still sending.
 */
import assert from 'node:assert/strict';
import { runSummaries } from '../../../src/features/summaries/run.js';
import { createLogger } from '../../../src/log.js';
import type { FeatureDeps } from '../../../src/shared/deps.js';
import type { ProactiveSender, SendOutcome } from '../../../src/shared/proactive.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import { testConfig } from '../../helpers/bot.js';
import { MANAGER_AAD, ROSTER } from './fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

const SLOT = new Date('2026-11-23T09:00:00.000Z');

describe('summary run shared by two instances', () => {
  it('sends once, and only the instance that sent last closes the run', async () => {
    const store = await openMemoryStore();
    await store.people.upsertEmployees(ROSTER);
    const deps: FeatureDeps = { config: testConfig(), store, log: createLogger('silent'), now: () => new Date('2026-11-23T09:00:05.000Z') };
    const sent: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Instance A's send to Teams is slow; instance B's would be immediate.
    const slow: ProactiveSender = { send: async (id): Promise<SendOutcome> => (sent.push(id), await held, { status: 'sent' }) };
    const fast: ProactiveSender = { send: async (id): Promise<SendOutcome> => (sent.push(id), { status: 'sent' }) };

    const a = runSummaries(deps, slow, SLOT, 7);
    await new Promise((resolve) => setImmediate(resolve));
    const b = await runSummaries(deps, fast, SLOT, 7);
    assert.equal(b.finishedAt, undefined, 'A is still sending, so B leaves the run open');
    assert.equal((await allStored(store, 'summaryRuns'))[0].finishedAt, undefined);

    release();
    const done = await a;
    assert.ok(done.finishedAt);
    assert.deepEqual(sent, [MANAGER_AAD], 'one card, from A');
    assert.deepEqual(
      done.deliveries.map((d) => [d.managerId, d.outcome]),
      [
        [MANAGER_AAD, 'sent'],
        ['employee:M2', 'skipped']
      ]
    );
  });
});
