import assert from 'node:assert/strict';
import { isTenantAllowed, TENANT_AUDIT_INTERVAL_MS, tenantOf } from '../../src/guards/tenant.js';
import { createTestBot, STAFF } from '../helpers/bot.js';
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

describe('tenant binding: refusals audited at a bounded rate', () => {
  /** A message as Teams would send it from `tenant`. */
  const message = (tenant: string) => ({ type: 'message', text: 'hello', from: STAFF, channelData: { tenant: { id: tenant } } });

  it('audits a tenant’s first refusal, then the rest of the interval as one entry with its count', async () => {
    let now = new Date('2026-03-02T09:00:00.000Z');
    const bot = await createTestBot({ env: { ALLOWED_TENANT_IDS: 'council-tenant' }, now: () => now });
    for (let i = 0; i < 5; i++) assert.deepEqual((await bot.send(message('flood-tenant'))).replies, []);
    await bot.send(message('second-tenant'));
    let audit = await allStored(bot.store, 'audit');
    assert.deepEqual(audit.map((a) => a.detail), ['tenant flood-tenant; activity message', 'tenant second-tenant; activity message']);

    now = new Date(now.getTime() + TENANT_AUDIT_INTERVAL_MS + 1);
    await bot.send(message('flood-tenant'));
    audit = await allStored(bot.store, 'audit');
    assert.equal(audit.length, 4);
    assert.deepEqual(
      audit.slice(2).map((a) => [a.action, a.outcome, a.detail]),
      [
        ['tenant.refused', 'refused', 'tenant flood-tenant; 4 more activities refused since 2026-03-02T09:00:00.000Z'],
        ['tenant.refused', 'refused', 'tenant flood-tenant; activity message']
      ]
    );
    assert.equal((await bot.store.status()).counts.profiles, 0);
  });
});
