/** The audit trail contract, for every store. */
import assert from 'node:assert/strict';
import { allStored } from '../../helpers/all-stored.js';
import { storeContract } from '../../helpers/store-contract.js';

storeContract('audit trail', ({ open }) => {
  it('keeps audit entries, in the order added', async () => {
    const store = await open();
    await store.audit.add({ at: 't', actorId: 'aad-1', action: 'role.add', outcome: 'refused' });
    assert.equal((await allStored(store, 'audit')).length, 1);
    await store.audit.add({ at: 't', actorId: 'aad-1', action: 'role.add', outcome: 'refused' });
    await store.audit.add({ at: 't2', actorId: 'aad-2', action: 'report.withdraw', target: 'DC-2026-000001', outcome: 'done', detail: 'd' });
    assert.deepEqual((await allStored(store, 'audit')).map((entry) => entry.actorId), ['aad-1', 'aad-1', 'aad-2'], 'equal entries are two events');
  });

  it('keeps equal audit entries through a rewrite of more entries than one batch', async () => {
    const store = await open();
    const entry = (n: number) => ({ at: `2026-01-01T00:00:00.${String(n).padStart(4, '0')}Z`, actorId: 'a', action: 'report.view', outcome: 'done' as const });
    // Entry 1100 is the same as entry 10 (two events, recorded alike), and falls in another batch.
    for (let n = 0; n < 1200; n++) await store.audit.add(entry(n === 1100 ? 10 : n));
    await store.rewrite((data) => ({ audit: data.audit.filter((e) => e.at !== entry(0).at) }));
    const audit = await allStored(store, 'audit');
    assert.equal(audit.length, 1199);
    assert.equal(audit.filter((e) => e.at === entry(10).at).length, 2);
  });
});
