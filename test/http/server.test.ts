import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';
import { cardText } from '../helpers/bot.js';

describe('HTTP server', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('answers /healthz with the version and store status', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, any>;
    assert.equal(body.status, 'ok');
    assert.equal(body.version, bot.config.version);
    assert.equal(body.mode, 'local');
    assert.equal(body.store.ok, true);
    assert.equal(typeof body.store.counts.reports, 'number');
  });

  it('answers /healthz with 503 and nothing about the store while the store cannot be used', async () => {
    const status = sinon.stub(bot.store, 'status');
    try {
      status.resolves({ kind: 'postgres', ok: false, schemaVersion: 1, location: 'postgres://db.council.example:5432/ictbot', counts: {} });
      const notOk = await fetch(`${bot.url}/healthz`);
      assert.equal(notOk.status, 503);
      assert.deepEqual(await notOk.json(), { status: 'unavailable', version: bot.config.version });

      status.rejects(new Error('password authentication failed: hunter2'));
      const failed = await fetch(`${bot.url}/healthz`);
      assert.equal(failed.status, 503);
      assert.deepEqual(await failed.json(), { status: 'unavailable', version: bot.config.version });
    } finally {
      status.restore();
    }
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'ok again once the store is');
  });

  it('sends the help card back through the Teams connector for "hello"', async () => {
    const response = await bot.post(teamsMessage(serviceUrl, 'hello'));
    assert.equal(response.status, 200);
    await connector.waitFor(1);
    const [sent] = connector.activities;
    assert.equal(sent.type, 'message');
    assert.equal(sent.conversation?.id, 'a:personal-1');
    assert.equal(sent.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(sent.attachments?.[0].content), /Report a device problem/);
    assert.match(connector.requests[0].path, /^\/v3\/conversations\/a:personal-1\/activities/);
  });

  it('returns an Action.Execute card in the invoke response', async () => {
    const response = await bot.post(teamsExecute(serviceUrl, 'profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: 'laptop' }));
    assert.equal(response.status, 200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /Saved/);
    assert.equal((await bot.store.status()).counts.profiles, 1);
  });

  it('answers malformed JSON with 400 and stays up', async () => {
    const response = await bot.post('{"type": "message", ');
    assert.equal(response.status, 400);
    assert.doesNotMatch(JSON.stringify(response.body), /at .*\.js/, 'no stack trace');
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200);
  });

  it('answers a body that is not an activity with 400', async () => {
    assert.equal((await bot.post([1, 2])).status, 400);
    assert.equal((await bot.post({ text: 'no type' })).status, 400);
  });

  it('answers an activity missing a required field with 400, no stack trace, and runs nothing', async () => {
    const whole = teamsExecute(serviceUrl, 'profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: '' });
    const without = (field: string, value: unknown = undefined) => ({ ...whole, [field]: value });
    const broken: Array<[string, unknown]> = [
      ['no conversation', without('conversation')],
      ['conversation without id', without('conversation', { conversationType: 'personal' })],
      ['no serviceUrl', without('serviceUrl')],
      ['serviceUrl not http', without('serviceUrl', 'file:///etc/passwd')],
      ['no from', without('from')],
      ['from is a string', without('from', 'someone')],
      ['no recipient', without('recipient')],
      ['no channelId', without('channelId')],
      ['type is a number', without('type', 7)]
    ];
    for (const [what, activity] of broken) {
      const response = await bot.post(activity);
      assert.equal(response.status, 400, what);
      assert.doesNotMatch(JSON.stringify(response.body), /at .*\.js|node_modules/, `${what}: no stack trace`);
    }
    const status = await bot.store.status();
    assert.equal(status.counts.profiles, 0);
    assert.equal(connector.requests.length, 0);
  });

  it('acknowledges an unknown activity type with 200 and ignores it', async () => {
    const response = await bot.post({ ...teamsMessage(serviceUrl, 'hello'), type: 'somethingNew' });
    assert.equal(response.status, 200);
    assert.equal(connector.requests.length, 0);
    const { counts } = await bot.store.status();
    assert.equal(counts.profiles + counts.reports + counts.feedback + counts.audit, 0);
  });

  it('answers a wrong content type with 415', async () => {
    const response = await bot.post('text=hello', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(response.status, 415);
  });

  it('answers an oversized body with 413', async () => {
    const response = await bot.post(teamsMessage(serviceUrl, 'x'.repeat(bot.config.maxBodyBytes + 10)));
    assert.equal(response.status, 413);
    assert.equal(connector.requests.length, 0);
  });
});

describe('HTTP server with the lowdb file store', () => {
  it('keeps a profile set through the card across a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bot-restart-'));
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    try {
      const first = await startBot({ store: await openLowdbStore(dir) });
      const saved = await first.post(teamsExecute(serviceUrl, 'profile.save', { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes', devices: 'smartphone,tablet' }));
      assert.equal(saved.status, 200);
      await first.store.close();
      await first.stop();

      const second = await startBot({ store: await openLowdbStore(dir) });
      const shown = await second.post(teamsExecute(serviceUrl, 'profile.open', {}));
      await second.stop();
      const card = (shown.body as { value: unknown }).value;
      assert.match(JSON.stringify(card), /"value":"smartphone,tablet"/);
      assert.match(JSON.stringify(card), /"id":"remoteOrFlexible"[^}]*"value":"yes"/);
    } finally {
      await connector.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
