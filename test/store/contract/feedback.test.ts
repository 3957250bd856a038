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
    assert.deepEqual((await store.feedback.listGaps()).map((f) => f.id), ['f1', 'f3', 'f5']);
  });

  it('keeps the section the asker opened instead, and lists the question as a gap until they say the answer helped', async () => {
    const store = await open();
    await store.feedback.add({ id: 'f1', at: '2026-01-01T00:00:01.000Z', question: 'q1', sectionId: 'webmail', answered: true });
    await store.feedback.add({ id: 'f2', at: '2026-01-01T00:00:02.000Z', question: 'q2', sectionId: 'webmail', answered: true });
    assert.deepEqual(await store.feedback.listGaps(), []);
    assert.equal((await store.feedback.setOpened('f1', 'personal-devices'))?.openedSectionId, 'personal-devices');
    assert.equal((await store.feedback.setOpened('f2', 'mobile-phones'))?.openedSectionId, 'mobile-phones');
    assert.equal(await store.feedback.setOpened('f3', 'mobile-phones'), undefined);
    assert.deepEqual((await store.feedback.listGaps()).map((f) => f.id), ['f1', 'f2']);
    await store.feedback.setHelpful('f2', true);
    const [gap] = await store.feedback.listGaps();
    assert.deepEqual(gap, { id: 'f1', at: '2026-01-01T00:00:01.000Z', question: 'q1', sectionId: 'webmail', answered: true, openedSectionId: 'personal-devices' });
    assert.equal((await allStored(store, 'feedback')).length, 2);
  });
});
