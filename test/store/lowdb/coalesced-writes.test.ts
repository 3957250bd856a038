import assert from 'node:assert/strict';
import { CoalescedWrites } from '../../../src/store/lowdb/coalesced-writes.js';

/** A write that records what it saw and finishes when the test says so. */
function controlledWrite(data: { value: number }) {
  const written: number[] = [];
  const finishers: Array<(error?: Error) => void> = [];
  const write = () =>
    new Promise<void>((resolve, reject) => {
      written.push(data.value);
      finishers.push((error) => (error ? reject(error) : resolve()));
    });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { written, finishers, write, tick };
}

describe('coalesced writes', () => {
  it('writes changes made during a write together in the next one', async () => {
    const data = { value: 0 };
    const { written, finishers, write, tick } = controlledWrite(data);
    const writes = new CoalescedWrites(write, () => assert.fail('nothing failed'));
    data.value = 1;
    const first = writes.request();
    await tick();
    const waiting = [2, 3, 4].map((value) => {
      data.value = value;
      return writes.request();
    });
    assert.deepEqual(written, [1], 'only one write runs at a time');
    finishers[0]();
    await first;
    await tick();
    assert.deepEqual(written, [1, 4], 'the three later changes go out in one write');
    finishers[1]();
    await Promise.all(waiting);
    await writes.idle();
    assert.equal(written.length, 2);
  });

  it('fails every change that joined a failed write, and writes again afterwards', async () => {
    const data = { value: 0 };
    const { written, finishers, write, tick } = controlledWrite(data);
    const writes = new CoalescedWrites(write, () => (data.value = 0));
    const joined = [writes.request(), writes.request()];
    await tick();
    finishers[0](new Error('disk full'));
    for (const request of joined) await assert.rejects(request, /disk full/);
    data.value = 5;
    const later = writes.request();
    await tick();
    finishers[1]();
    await later;
    assert.deepEqual(written, [0, 5]);
  });

  it('puts the data back when a write fails, failing the changes made on top of it too', async () => {
    const data = { value: 0 };
    const { written, finishers, write, tick } = controlledWrite(data);
    const writes = new CoalescedWrites(write, () => (data.value = 0));
    data.value = 1;
    const failing = writes.request();
    await tick();
    // Made while the failing write runs: it joins the next write, on top of a change that is undone.
    data.value = 2;
    const onTop = writes.request();
    finishers[0](new Error('disk full'));
    await assert.rejects(failing, /disk full/);
    await assert.rejects(onTop, /disk full/);
    assert.equal(data.value, 0, 'back as last written');
    data.value = 3;
    const after = writes.request();
    await tick();
    finishers[1]();
    await after;
    assert.deepEqual(written, [1, 3], 'the change made on top is never written');
  });
});
