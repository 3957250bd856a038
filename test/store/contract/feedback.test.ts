/** The policy feedback contract, for every store. */
import assert from 'node:assert/strict';
import { allStored } from '../../helpers/all-stored.js';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('policy feedback', ({ open }) => {
  it('keeps a question and its asker\u2019s vote, found by id', async () => {
    const store = await open();
    await store.feedback.add({ id: 'f1', at: 't', askerId: 'aad-1', question: 'q', answered: false });
    assert.equal((await store.feedback.setHelpful('f1', false))?.helpful, false);
    assert.deepEqual(await store.feedback.get('f1'), { id: 'f1', at: 't', askerId: 'aad-1', question: 'q', answered: false, helpful: false });
    assert.equal(await store.feedback.get('f2'), undefined);
    assert.equal(await store.feedback.setHelpful('f2', true), undefined);
    assert.equal((await allStored(store, 'feedback')).length, 1);
  });

  it('lists the questions not answered or not helped, in the order asked', async () => {
    const store = await open();
    const asked = (id: string, answered: boolean) => store.feedback.add({ id, at: `2026-01-01T00:00:0${id.slice(1)}.000Z`, question: `question ${id}`, answered });
    await asked('f1', false);
    await asked('f2', true);
    await asked('f3', true);
    await asked('f4', true);
    await asked('f5', false);
    await store.feedback.setHelpful('f3', false);
    await store.feedback.setHelpful('f4', true);
    await store.feedback.setHelpful('f5', true);
    assert.deepEqual((await store.feedback.listUnansweredOrUnhelpful()).map((f) => f.id), ['f1', 'f3', 'f5']);
  });
});
