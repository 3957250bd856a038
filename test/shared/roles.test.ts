import assert from 'node:assert/strict';
import { TestAdapter, TurnContext } from 'botbuilder';
import { createLogger } from '../../src/log.js';
import { openMemoryStore } from '../helpers/memory-store.js';
import { checkRole, hasRole } from '../../src/shared/roles.js';
import type { FeatureDeps } from '../../src/shared/deps.js';
import { testConfig } from '../helpers/bot.js';
import { allStored } from '../helpers/all-stored.js';

const ADMIN = 'aaaaaaaa-0000-0000-0000-000000000001';
const OFFICER = 'aaaaaaaa-0000-0000-0000-000000000002';
const STAFF = 'aaaaaaaa-0000-0000-0000-000000000003';

async function deps(): Promise<FeatureDeps> {
  return {
    config: testConfig({ ADMIN_IDS: ADMIN, FOI_OFFICER_IDS: OFFICER }),
    store: await openMemoryStore(),
    log: createLogger('silent'),
    now: () => new Date('2026-01-01T00:00:00Z')
  };
}

describe('roles', () => {
  it('admins hold FOI officer rights; FOI officers are not admins; staff are neither', async () => {
    const d = await deps();
    assert.equal(await hasRole(d, ADMIN.toUpperCase(), 'foi-officer'), true);
    assert.equal(await hasRole(d, OFFICER, 'foi-officer'), true);
    assert.equal(await hasRole(d, OFFICER, 'admin'), false);
    assert.equal(await hasRole(d, STAFF, 'foi-officer'), false);
    assert.equal(await hasRole(d, undefined, 'foi-officer'), false);
  });

  it('audits a refusal', async () => {
    const d = await deps();
    const context = new TurnContext(new TestAdapter(), { type: 'message', from: { id: '29:x', name: 'x', aadObjectId: STAFF } });
    assert.equal(await checkRole(context, d, 'admin', 'policy-gaps'), false);
    const [entry] = await allStored(d.store, 'audit');
    assert.equal(entry.actorId, STAFF);
    assert.equal(entry.action, 'policy-gaps');
    assert.equal(entry.outcome, 'refused');
  });
});
