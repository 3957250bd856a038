/** The conversation state contract (botbuilder's storage rules), for every store. */
import assert from 'node:assert/strict';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('conversation state', ({ open }) => {
  const key = 'msteams/28:bot/conversations/a:personal-1';

  it('refuses a write based on a stale eTag and keeps the newer value', async () => {
    const state = (await open()).botState;
    await state.write({ [key]: { step: 'first' } });
    const read = (await state.read([key]))[key];
    assert.deepEqual(read, { step: 'first', eTag: '1' });

    await state.write({ [key]: { ...read, step: 'second' } });
    await assert.rejects(state.write({ [key]: { ...read, step: 'stale' } }), /eTag conflict/);
    assert.deepEqual((await state.read([key]))[key], { step: 'second', eTag: '2' });

    await state.write({ [key]: { step: 'forced', eTag: '*' } });
    assert.deepEqual((await state.read([key]))[key], { step: 'forced', eTag: '3' }, '"*" overwrites whatever is there');
  });

  it('lets only one of two writers holding the same eTag win', async () => {
    const state = (await open()).botState;
    await state.write({ [key]: { step: 'first' } });
    const read = (await state.read([key]))[key];
    const outcomes = await Promise.allSettled(['a', 'b'].map((writer) => state.write({ [key]: { ...read, step: writer } })));
    assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected']);
    const winner = ['a', 'b'][outcomes.findIndex((outcome) => outcome.status === 'fulfilled')];
    assert.deepEqual((await state.read([key]))[key], { step: winner, eTag: '2' });
  });

  it('reads only the keys asked for, gives copies, and deletes', async () => {
    const state = (await open()).botState;
    const other = 'msteams/28:bot/users/29:staff-1';
    assert.deepEqual(await state.read([]), {});
    await state.write({ [key]: { nested: { turns: 1 } }, [other]: { name: 'Sam' } });
    const read = await state.read([key, 'msteams/nothing-here']);
    assert.deepEqual(read, { [key]: { nested: { turns: 1 }, eTag: '1' } });
    (read[key].nested as { turns: number }).turns = 99;
    assert.deepEqual((await state.read([key]))[key].nested, { turns: 1 }, 'changing what was read changes nothing stored');
    await state.delete([key]);
    assert.deepEqual(await state.read([key, other]), { [other]: { name: 'Sam', eTag: '1' } });
  });
});
