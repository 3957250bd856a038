/**
 * `/readyz` tells the truth: 503 until the policy's meanings are encoded; 503 while the PostgreSQL database cannot be reached (every
 * connection to it cut, new ones refused) and 200 again once it can; 503 while the policy
 * the other instances answer from fails this instance's check, until one passes. The
 * SIGTERM drain's 503 is tested on the built bot in drain.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { projectRoot } from '../../src/config/paths.js';
import { POLICY_STATE_KEY, policyVersion } from '../../src/features/policy/live-policy.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { PostgresStore } from '../../src/store/postgres/store.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';
import { readiness, readyAfterEncoding, startBot, type RunningBot } from '../helpers/server.js';
import { SentenceMeaning } from '../../src/features/policy/sentence-meaning.js';
import sinon from 'sinon';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import path from 'node:path';

const ready = (bot: RunningBot) => readiness(bot.url);

describe('/readyz while the policy is read', function () {
  this.timeout(30000);
  afterEach(() => sinon.restore());

  it('answers 503 until the policy\u2019s meanings are encoded, then 200', async () => {
    let encoded!: () => void;
    const gate = new Promise<void>((resolve) => (encoded = resolve));
    const encode = sinon.stub(SentenceMeaning.prototype, 'encode').callsFake(async function (this: SentenceMeaning, ...args) {
      await gate;
      return encode.wrappedMethod.apply(this, args);
    });
    const bot = await startBot();
    try {
      const before = await ready(bot);
      assert.equal(before.status, 503);
      assert.deepEqual(before.body.checks, { policy: 'encoding', store: 'ok', draining: false });
      encoded();
      assert.deepEqual(await readyAfterEncoding(bot.url), { status: 200, body: { status: 'ready', checks: { policy: 'ok', store: 'ok', draining: false } } });
    } finally {
      await bot.stop();
    }
  });
});

describe('/readyz', function () {
  this.timeout(30000);
  let schema: TestSchema;
  let proxy: TcpProxy;
  let store: PostgresStore;
  let bot: RunningBot | undefined;
  let clock: number;

  beforeEach(async () => {
    schema = await freshSchema();
    const target = new URL(schema.url);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(schema.url);
    through.hostname = '127.0.0.1';
    through.port = String(await proxy.start());
    store = await openPostgresStore({ url: through.toString(), schema: schema.schema, poolSize: 2 });
    clock = Date.now();
    bot = await startBot({ store, botState: store.botState, now: () => new Date(clock), env: { STORE: 'postgres', DATABASE_URL: through.toString(), DATABASE_SCHEMA: schema.schema } });
    await readyAfterEncoding(bot.url);
  });
  afterEach(async () => {
    await bot?.stop();
    await proxy.restore().catch(() => undefined);
    await store.close().catch(() => undefined);
    await proxy.stop();
    await schema.drop();
  });

  it('answers 503 while the database cannot be reached, and 200 once it can again', async () => {
    assert.deepEqual(await ready(bot!), { status: 200, body: { status: 'ready', checks: { policy: 'ok', store: 'ok', draining: false } } });

    await proxy.cut();
    const dropped = await ready(bot!);
    assert.equal(dropped.status, 503);
    assert.deepEqual(dropped.body, { status: 'not-ready', checks: { policy: 'ok', store: 'unavailable', draining: false } });
    // Liveness is another question: the process is up, it answers.
    assert.equal((await fetch(`${bot!.url}/healthz`)).status, 503, '/healthz still reports the store');

    await proxy.restore();
    assert.equal((await ready(bot!)).status, 200, 'ready again once the database answers');
  });

  it('answers 503 while the policy another instance published fails this instance\u2019s check, and 200 once one passes', async () => {
    assert.equal((await ready(bot!)).status, 200);
    const publish = (text: string) =>
      store.botState.write({ [POLICY_STATE_KEY]: { version: policyVersion(text), text, at: new Date(clock).toISOString(), by: 'another-instance', eTag: '*' } });

    clock += 60_000;
    await publish('This text has no sections, so it fails the policy check.\n');
    const behind = await ready(bot!);
    assert.equal(behind.status, 503);
    assert.deepEqual(behind.body.checks, { policy: 'failed-check', store: 'ok', draining: false });

    clock += 60_000;
    const sample = readFileSync(path.join(projectRoot, 'policy', 'acceptable-use.md'), 'utf8');
    await publish(`${sample}\n`);
    assert.deepEqual(await ready(bot!), { status: 200, body: { status: 'ready', checks: { policy: 'ok', store: 'ok', draining: false } } });
  });
});
