/** The conversation references contract, for every store. */
import assert from 'node:assert/strict';
import { allStored } from '../../helpers/all-stored.js';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('conversation references', ({ open }) => {
  it('keeps one reference per person, the latest saved', async () => {
    const store = await open();
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't1' });
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'b' }, updatedAt: 't2' });
    assert.equal((await allStored(store, 'conversations')).length, 1);
    assert.equal((await store.conversations.get('aad-1'))?.reference.serviceUrl, 'b');
    assert.equal(await store.conversations.get('aad-2'), undefined);
  });

  it('keeps when Teams said the app was removed, until the next save', async () => {
    const store = await open();
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't1', goneAt: 't2' });
    assert.equal((await store.conversations.get('aad-1'))?.goneAt, 't2');
    await store.conversations.save({ aadObjectId: 'aad-1', reference: { serviceUrl: 'a' }, updatedAt: 't3' });
    assert.equal((await store.conversations.get('aad-1'))?.goneAt, undefined);
  });
});
