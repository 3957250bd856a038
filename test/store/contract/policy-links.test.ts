/** The policy links contract, for every store. */
import assert from 'node:assert/strict';
import type { PolicyLink } from '../../../src/store/types.js';
import { storeContract } from '../../helpers/store-contract.js';

function link(id: string, question: string, target = 'webmail'): PolicyLink {
  return { id, question, target, linkedBy: 'aad-admin', linkedAt: '2026-11-01T09:00:00.000Z' };
}

storeContract('policy links', ({ open }) => {
  it('keeps links in the order stored, found by id, and removes them', async () => {
    const store = await open();
    await store.policyLinks.save(link('l1', 'can I use gmail'));
    await store.policyLinks.save(link('l2', 'can I ride a bike to work', 'out-of-scope'));
    assert.deepEqual((await store.policyLinks.list()).map((l) => l.id), ['l1', 'l2']);
    assert.deepEqual(await store.policyLinks.get('l2'), link('l2', 'can I ride a bike to work', 'out-of-scope'));
    assert.equal(await store.policyLinks.get('l3'), undefined);
    assert.deepEqual(await store.policyLinks.remove('l1'), link('l1', 'can I use gmail'));
    assert.equal(await store.policyLinks.remove('l1'), undefined, 'removed once');
    assert.deepEqual((await store.policyLinks.list()).map((l) => l.id), ['l2']);
  });

  it('keeps one link per question, whatever its case or surrounding spaces: a second replaces the first in its place', async () => {
    const store = await open();
    await store.policyLinks.save(link('l1', 'Can I use Gmail?'));
    await store.policyLinks.save(link('l2', 'can I tether'));
    await store.policyLinks.save(link('l3', '  can i use gmail?  ', 'personal-use'));
    assert.deepEqual(
      (await store.policyLinks.list()).map((l) => [l.id, l.target]),
      [
        ['l3', 'personal-use'],
        ['l2', 'webmail']
      ]
    );
    assert.equal(await store.policyLinks.get('l1'), undefined, 'the replaced link is gone');
    await store.policyLinks.save(link('l4', 'Can I use Gmail at lunch?'));
    assert.equal((await store.policyLinks.list()).length, 3, 'another question is another link');
  });

  it('has a revision that changes on every save, replacement and removal, and never comes back', async () => {
    const store = await open();
    const seen = [await store.policyLinks.revision()];
    const changed = async (what: string) => {
      const revision = await store.policyLinks.revision();
      assert.ok(!seen.includes(revision), `${what} gives a new revision`);
      seen.push(revision);
    };
    await store.policyLinks.save(link('l1', 'can I use gmail'));
    await changed('a save');
    await store.policyLinks.save(link('l2', 'can i use gmail', 'personal-use'));
    await changed('a replacement');
    await store.policyLinks.remove('l2');
    await changed('a removal');
    await store.policyLinks.save(link('l3', 'can I tether'));
    await changed('a save after a removal');
    assert.equal(await store.policyLinks.revision(), seen.at(-1), 'reading changes nothing');
    assert.equal(await store.policyLinks.remove('l9'), undefined);
    assert.equal(await store.policyLinks.revision(), seen.at(-1), 'removing nothing changes nothing');
  });
});
