/** The summary runs contract, for every store. */
import assert from 'node:assert/strict';
import { StoreError } from '../../../src/store/store.js';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('summary runs', ({ open }) => {
  it('starts a summary run once per key and records one delivery per manager', async () => {
    const store = await open();
    const first = await store.summaryRuns.start('2026-11-23T09:00:00.000Z', 't1');
    assert.deepEqual(first.deliveries, []);
    await store.summaryRuns.recordDelivery(first.runKey, { managerId: 'm1', outcome: 'sending', at: 't1' });
    await store.summaryRuns.recordDelivery(first.runKey, { managerId: 'm1', outcome: 'sent', at: 't2' });
    await store.summaryRuns.recordDelivery(first.runKey, { managerId: 'm2', outcome: 'skipped', reason: 'no-conversation', at: 't2' });
    const again = await store.summaryRuns.start('2026-11-23T09:00:00.000Z', 't3');
    assert.equal(again.startedAt, 't1', 'the existing run is returned, not a new one');
    assert.deepEqual(again.deliveries.map((d) => `${d.managerId}:${d.outcome}`), ['m1:sent', 'm2:skipped']);
    await store.summaryRuns.finish(first.runKey, 't4');
    assert.equal((await store.summaryRuns.get(first.runKey))?.finishedAt, 't4');
    await assert.rejects(store.summaryRuns.recordDelivery('no-such-run', { managerId: 'm1', outcome: 'sent', at: 't' }), StoreError);
  });

  it('lets only one caller claim a manager in a summary run', async () => {
    const store = await open();
    await store.summaryRuns.start('run-1', 't1');
    const claims = await Promise.all([store.summaryRuns.claimDelivery('run-1', 'm1', 't1'), store.summaryRuns.claimDelivery('run-1', 'm1', 't1')]);
    assert.deepEqual(claims.sort(), [false, true]);
    await store.summaryRuns.recordDelivery('run-1', { managerId: 'm1', outcome: 'sent', at: 't2' });
    assert.equal(await store.summaryRuns.claimDelivery('run-1', 'm1', 't3'), false, 'a finished delivery is not claimed again');
    const run = (await store.summaryRuns.get('run-1'))!;
    assert.deepEqual(run.deliveries, [{ managerId: 'm1', outcome: 'sent', at: 't2' }]);
    await assert.rejects(store.summaryRuns.claimDelivery('no-such-run', 'm1', 't'), StoreError);
  });

  it('finds one run by its key, whole, as a copy', async () => {
    const store = await open();
    await store.summaryRuns.start('run-1', 't1');
    await store.summaryRuns.start('run-2', 't2');
    await store.summaryRuns.claimDelivery('run-2', 'm1', 't3');
    assert.deepEqual(await store.summaryRuns.get('run-2'), { runKey: 'run-2', startedAt: 't2', deliveries: [{ managerId: 'm1', outcome: 'sending', at: 't3' }] });
    assert.equal(await store.summaryRuns.get('run-3'), undefined);
    const run = (await store.summaryRuns.get('run-1'))!;
    run.deliveries.push({ managerId: 'm9', outcome: 'sent', at: 't' });
    assert.deepEqual((await store.summaryRuns.get('run-1'))?.deliveries, []);
  });
});
