/** The role grants contract, for every store. */
import assert from 'node:assert/strict';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('role grants', ({ open }) => {
  it('keeps role grants once each and removes them', async () => {
    const store = await open();
    const grant = { aadObjectId: 'aad-9', role: 'foi-officer' as const, grantedBy: 'aad-admin', grantedAt: 't' };
    assert.equal(await store.roles.add(grant), true);
    assert.equal(await store.roles.add(grant), false, 'a second grant of the same role adds nothing');
    assert.equal(await store.roles.add({ ...grant, role: 'admin' }), true);
    assert.equal((await store.roles.list()).length, 2);
    assert.equal(await store.roles.remove('aad-9', 'foi-officer'), true);
    assert.equal(await store.roles.remove('aad-9', 'foi-officer'), false);
    assert.deepEqual((await store.roles.list()).map((g) => g.role), ['admin']);
  });

  it('gives one person\u2019s roles (their id in any case), and the grants of one role in the order added', async () => {
    const store = await open();
    await store.roles.add({ aadObjectId: 'AAD-1', role: 'foi-officer', grantedBy: 'x', grantedAt: 't1' });
    await store.roles.add({ aadObjectId: 'aad-2', role: 'admin', grantedBy: 'x', grantedAt: 't2' });
    await store.roles.add({ aadObjectId: 'aad-1', role: 'admin', grantedBy: 'x', grantedAt: 't3' });
    await store.roles.add({ aadObjectId: 'aad-3', role: 'foi-officer', grantedBy: 'x', grantedAt: 't4' });
    assert.deepEqual((await store.roles.rolesOf('Aad-1')).sort(), ['admin', 'foi-officer']);
    assert.deepEqual(await store.roles.rolesOf('aad-4'), []);
    assert.deepEqual((await store.roles.list('foi-officer')).map((g) => g.aadObjectId), ['AAD-1', 'aad-3']);
    assert.deepEqual((await store.roles.list('admin')).map((g) => g.grantedAt), ['t2', 't3']);
  });
});
