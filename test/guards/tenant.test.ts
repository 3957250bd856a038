import assert from 'node:assert/strict';
import { isTenantAllowed, tenantOf } from '../../src/guards/tenant.js';
import { loadConfig } from '../../src/config.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';
import { allStored } from '../helpers/all-stored.js';

const PROFILE = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: 'laptop' };

/** The same activity, as if sent from another tenant. */
function fromTenant<T extends Record<string, unknown>>(activity: T, tenant: string | undefined): T {
  const conversation = { ...(activity.conversation as object), tenantId: tenant };
  return { ...activity, conversation, channelData: tenant ? { tenant: { id: tenant } } : {} };
}

describe('tenant binding: pure rules', () => {
  it('reads the tenant from channelData, else the conversation, in lower case', () => {
    assert.equal(tenantOf({ channelData: { tenant: { id: 'ABC' } }, conversation: { tenantId: 'xyz' } } as never), 'abc');
    assert.equal(tenantOf({ conversation: { tenantId: 'XYZ' } } as never), 'xyz');
    assert.equal(tenantOf({} as never), undefined);
  });

  it('allows everyone only when the list is empty, and refuses a missing tenant otherwise', () => {
    assert.equal(isTenantAllowed([], undefined), true);
    assert.equal(isTenantAllowed(['t1'], 't1'), true);
    assert.equal(isTenantAllowed(['t1'], 't2'), false);
    assert.equal(isTenantAllowed(['t1'], undefined), false);
  });

  it('defaults the allowed tenants to BOT_TENANT_ID, and ALLOWED_TENANT_IDS wins', () => {
    const creds = { BOT_ID: 'app', BOT_PASSWORD: 'pw', BOT_TENANT_ID: 'Home-Tenant' };
    assert.deepEqual(loadConfig(creds).allowedTenantIds, ['home-tenant']);
    assert.deepEqual(loadConfig({ ...creds, ALLOWED_TENANT_IDS: 'a, B' }).allowedTenantIds, ['a', 'b']);
    assert.deepEqual(loadConfig({}).allowedTenantIds, []);
  });
});

describe('tenant binding over HTTP', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startBot({ env: { ALLOWED_TENANT_IDS: 'council-tenant' } });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('refuses a message from another tenant before any handler: 200, nothing sent, audited', async () => {
    const response = await bot.post(fromTenant(teamsMessage(serviceUrl, 'hello'), 'other-tenant'));
    assert.equal(response.status, 200);
    assert.equal(connector.requests.length, 0, 'nothing is sent into another tenant');
    const audit = await allStored(bot.store, 'audit');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].action, 'tenant.refused');
    assert.equal(audit[0].outcome, 'refused');
    assert.match(audit[0].detail ?? '', /other-tenant/);
  });

  it('refuses a card action from another tenant with 403 and stores nothing', async () => {
    const response = await bot.post(fromTenant(teamsExecute(serviceUrl, 'profile.save', PROFILE), 'other-tenant'));
    assert.equal(response.status, 403);
    const status = await bot.store.status();
    assert.equal(status.counts.profiles, 0);
    assert.equal(status.counts.audit, 1);
  });

  it('refuses an activity that names no tenant', async () => {
    const response = await bot.post(fromTenant(teamsExecute(serviceUrl, 'profile.save', PROFILE), undefined));
    assert.equal(response.status, 403);
    assert.equal((await bot.store.status()).counts.profiles, 0);
  });

  it('serves the allowed tenant as usual', async () => {
    const saved = await bot.post(fromTenant(teamsExecute(serviceUrl, 'profile.save', PROFILE), 'COUNCIL-TENANT'));
    assert.equal(saved.status, 200);
    assert.equal((await bot.store.status()).counts.profiles, 1);
    assert.equal((await bot.post(fromTenant(teamsMessage(serviceUrl, 'hello'), 'council-tenant'))).status, 200);
    await connector.waitFor(1);
    assert.equal((await allStored(bot.store, 'audit')).length, 0);
  });
});
