/**
 * Changing the policy while the bot runs: "policy reload" by an admin, refused for others
 * and for a policy that fails the check, the learned questions kept, the file watch, and a
 * reload on one instance reaching another that shares its PostgreSQL store.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import { createBotParts } from '../../../src/app.js';
import { LivePolicy, POLICY_FOLLOW_INTERVAL_MS, POLICY_STATE_KEY } from '../../../src/features/policy/live-policy.js';
import { followPolicy } from '../../../src/features/policy/reload.js';
import { SentenceMeaning, type TextKind } from '../../../src/features/policy/sentence-meaning.js';
import { createLogger } from '../../../src/log.js';
import type { FeatureDeps } from '../../../src/shared/deps.js';
import { allStored } from '../../helpers/all-stored.js';
import { cardOf, cardText, createTestBot, STAFF, type TestBot } from '../../helpers/bot.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import { freshSchema, type TestSchema } from '../../helpers/postgres.js';

const ADMIN_ID = '00000000-0000-0000-0000-0000000000ad';
const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: ADMIN_ID };

const WEBMAIL = '## Webmail {#webmail}\n\nPersonal webmail such as Gmail and Hotmail is blocked on council laptops and computers.\n';
const TETHERING = '## Tethering {#tethering}\n\nYou may connect a council laptop to the internet through the hotspot of a council mobile phone, never a personal one.\n';
const FIRST = `# Our policy\n\n${WEBMAIL}`;
const SECOND = `# Our policy\n\n${WEBMAIL}\n${TETHERING}`;
const HOTSPOT_QUESTION = 'can i use the hotspot on my phone to get my council laptop online';

async function answerTo(bot: TestBot, question: string): Promise<string> {
  const { replies } = await bot.say(question);
  return cardText(cardOf(replies[0]));
}

describe('policy reload', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'policy-reload-'));
    file = path.join(dir, 'policy.md');
    await writeFile(file, FIRST);
  });
  afterEach(async () => {
    sinon.restore();
    await rm(dir, { recursive: true, force: true });
  });

  /** Encoding any text about hotspots (the second policy's) does `what` first. */
  function whenEncodingHotspots(what: () => Promise<void>): void {
    const encode = SentenceMeaning.prototype.encode;
    sinon.stub(SentenceMeaning.prototype, 'encode').callsFake(async function (this: SentenceMeaning, texts: readonly string[], kind: TextKind) {
      if (texts.some((t) => t.includes('hotspot'))) await what();
      return encode.call(this, texts, kind);
    });
  }

  it('an admin\u2019s "policy reload" swaps in the changed file, says what changed, and is audited', async () => {
    const bot = await createTestBot({ env: { POLICY_FILE: file, ADMIN_IDS: ADMIN_ID } });
    assert.doesNotMatch(await answerTo(bot, HOTSPOT_QUESTION), /council mobile phone, never a personal one/);
    await writeFile(file, SECOND);
    const { replies } = await bot.say('policy reload', { from: ADMIN });
    assert.match(String(replies[0].text), /^Policy reloaded: 2 sections, version [0-9a-f]{12}\. Sections added: tethering\.$/);
    assert.match(await answerTo(bot, HOTSPOT_QUESTION), /council mobile phone, never a personal one/);
    const [entry] = (await allStored(bot.store, 'audit')).filter((a) => a.action === 'policy.reload');
    assert.equal(entry.actorId, ADMIN_ID);
    assert.equal(entry.outcome, 'done');
    assert.match(String(entry.detail), /2 sections/);
  });

  it('keeps the policy in force when the file fails the check, and tells the admin every problem', async () => {
    const bot = await createTestBot({ env: { POLICY_FILE: file, ADMIN_IDS: ADMIN_ID } });
    await writeFile(file, `# Our policy\n\n${WEBMAIL}\n## Tethering\n\n## Webmail again {#webmail}\nMore.\n`);
    const { replies } = await bot.say('policy reload', { from: ADMIN });
    const text = String(replies[0].text);
    assert.match(text, /^The policy was not reloaded: the check found 3 problems\. Staff are still answered from the policy in force\./);
    assert.match(text, /policy\.md line 7: the heading "Tethering" has no id/);
    assert.match(text, /policy\.md line 7: the section "Tethering" has no text/);
    assert.match(text, /policy\.md line 9: the id "webmail" is already used on line 3/);
    assert.match(await answerTo(bot, 'can i read my hotmail on my work laptop'), /Personal webmail such as Gmail and Hotmail is blocked/);
    const [entry] = (await allStored(bot.store, 'audit')).filter((a) => a.action === 'policy.reload');
    assert.equal(entry.outcome, 'refused');
  });

  it('refuses anyone but an admin, and changes nothing', async () => {
    const bot = await createTestBot({ env: { POLICY_FILE: file, ADMIN_IDS: ADMIN_ID } });
    await writeFile(file, SECOND);
    const { replies } = await bot.say('policy reload', { from: STAFF });
    assert.match(String(replies[0].text), /admins/);
    assert.doesNotMatch(await answerTo(bot, HOTSPOT_QUESTION), /council mobile phone, never a personal one/);
    const refusals = (await allStored(bot.store, 'audit')).filter((a) => a.outcome === 'refused');
    assert.equal(refusals.length, 1);
  });

  it('re-applies the questions the policy owner linked to sections to every policy it swaps in', async () => {
    const live = new LivePolicy({ sources: { policyFile: file }, now: () => new Date() });
    const linked = 'the little grey box by the printer keeps flashing';
    const before = (await live.index.signals(linked)).find((l) => l.id === 'webmail')!;
    assert.equal(before.signals.linked, 0);
    live.learn([{ question: linked, target: 'webmail' }]);
    await writeFile(file, SECOND);
    const outcome = await live.reload('test');
    assert.equal(outcome.ok, true);
    const after = (await live.index.signals(linked)).find((l) => l.id === 'webmail')!;
    assert.equal(after.signals.linked, 1);
  });

  it('installs one reload at a time, so the one asked for last is in force though an earlier one took longer', async () => {
    const live = new LivePolicy({ sources: { policyFile: file }, now: () => new Date() });
    await live.index.ready();
    whenEncodingHotspots(() => new Promise((resolve) => setTimeout(resolve, 300)));
    await writeFile(file, SECOND);
    const slow = live.reload('first');
    await writeFile(file, FIRST);
    const fast = live.reload('second');
    assert.deepEqual((await Promise.all([slow, fast])).map((o) => o.ok), [true, true]);
    assert.deepEqual(live.index.document.sections.map((s) => s.id), ['webmail']);
  });

  it('refuses a policy whose meanings cannot be encoded, and keeps answering from the one in force', async () => {
    const live = new LivePolicy({ sources: { policyFile: file }, now: () => new Date() });
    await live.index.ready();
    whenEncodingHotspots(() => Promise.reject(new Error('the model is not there')));
    await writeFile(file, SECOND);
    const outcome = await live.reload('test');
    assert.deepEqual(outcome, { ok: false, problems: ["the policy's meanings could not be encoded: the model is not there"] });
    assert.deepEqual(live.index.document.sections.map((s) => s.id), ['webmail']);
    assert.equal((await live.index.answer('can i read my hotmail on my work laptop')).best?.sectionId, 'webmail');
  });

  it('says in the log at start why the policy\'s meanings cannot be kept, and leaves a file that is not theirs as it was', async () => {
    const vectors = path.join(dir, 'reports.json');
    const foreign = JSON.stringify({ reports: [] });
    await writeFile(vectors, foreign);
    const topics = path.join(dir, 'other-topics.json');
    await writeFile(topics, JSON.stringify({ topics: [{ id: 'pay', title: 'Pay', where: 'Payroll', questions: ['when do we get paid'] }] }));
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) });
    const bot = await createTestBot({
      env: { POLICY_FILE: file, POLICY_OTHER_TOPICS_FILE: topics, POLICY_VECTORS_FILE: vectors },
      createApp: (deps) => createBotParts({ ...deps, log: createLogger('info', destination) }).app
    });
    assert.match(await answerTo(bot, 'can i read my hotmail on my work laptop'), /Personal webmail such as Gmail and Hotmail is blocked/);
    const warning = lines.map((line) => JSON.parse(line) as { event?: string; reason?: string }).find((l) => l.event === 'policy.meanings.not-kept');
    assert.equal(warning?.reason, `${vectors} is not a file of sentence vectors`);
    assert.equal(await readFile(vectors, 'utf8'), foreign);
  });

  it('with POLICY_WATCH, reloads a changed file by itself, checked and audited', async function () {
    this.timeout(15000);
    const bot = await createTestBot({ env: { POLICY_FILE: file, POLICY_WATCH: 'true' } });
    await writeFile(file, SECOND);
    // A second later than the first write, whatever the file system's clock resolution.
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const deadline = Date.now() + 12000;
    let entries: Array<{ actorId: string }> = [];
    while (Date.now() < deadline && entries.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      entries = (await allStored(bot.store, 'audit')).filter((a) => a.action === 'policy.reload');
    }
    assert.equal(entries[0]?.actorId, 'policy-watch');
    assert.match(await answerTo(bot, HOTSPOT_QUESTION), /council mobile phone, never a personal one/);
  });

  it('lets a question wait only a little for a policy another instance reloaded, answering from the policy in force until its meanings are ready', async () => {
    const store = await openMemoryStore();
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const now = () => new Date(clock);
    const deps = { store, log: createLogger('silent'), now } as unknown as FeatureDeps;
    const otherFile = path.join(dir, 'other.md');
    await writeFile(otherFile, FIRST);
    const first = new LivePolicy({ sources: { policyFile: file }, shared: store.botState, now });
    const second = new LivePolicy({ sources: { policyFile: otherFile }, shared: store.botState, now });
    await followPolicy(first, deps);
    await followPolicy(second, deps);
    await writeFile(file, SECOND);
    clock += 1000;
    assert.equal((await first.reload('admin')).ok, true);
    let encoded!: () => void;
    whenEncodingHotspots(() => new Promise<void>((resolve) => (encoded = resolve)));
    clock += POLICY_FOLLOW_INTERVAL_MS;
    // Returns though the new policy's meanings are still being encoded (it would wait for ever otherwise).
    await followPolicy(second, deps, 50);
    assert.deepEqual(second.index.document.sections.map((s) => s.id), ['webmail'], 'the policy in force answers meanwhile');
    encoded();
    for (let i = 0; i < 100 && second.version !== first.version; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(second.index.document.sections.map((s) => s.id), ['webmail', 'tethering'], 'then the new one is in');
    const followed = (await allStored(store, 'audit')).filter((a) => a.actorId === 'policy-follow');
    assert.equal(followed.length, 1);
  });

  describe('several instances on PostgreSQL', () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await freshSchema();
    });
    afterEach(async () => schema.drop());

    it('a reload on one instance reaches the other, which has not got the new file', async () => {
      // Each instance has its own copy of the file, as on two servers; only the first gets the new one.
      const otherFile = path.join(dir, 'other.md');
      await writeFile(otherFile, FIRST);
      let clock = Date.parse('2026-03-02T09:00:00Z');
      const now = () => new Date(clock);
      const env = { STORE: 'postgres', DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.schema, ADMIN_IDS: ADMIN_ID };
      const first = await createTestBot({ store: await schema.open(), env: { ...env, POLICY_FILE: file }, now });
      const second = await createTestBot({ store: await schema.open(), env: { ...env, POLICY_FILE: otherFile }, now });
      assert.doesNotMatch(await answerTo(second, HOTSPOT_QUESTION), /never a personal one/);
      await writeFile(file, SECOND);
      clock += 1000;
      const { replies } = await first.say('policy reload', { from: ADMIN });
      assert.match(String(replies[0].text), /^Policy reloaded: 2 sections.* The other instances take it up before their next answer/);
      // The bot state holds other keys too (activity ids claimed by the repeat guard).
      const stored = await schema.query<{ key: string }>('SELECT key FROM bot_state WHERE key = $1', [POLICY_STATE_KEY]);
      assert.equal(stored.length, 1, 'the policy in force is published');
      clock += POLICY_FOLLOW_INTERVAL_MS;
      assert.match(await answerTo(second, HOTSPOT_QUESTION), /council mobile phone, never a personal one/);
      const followed = (await allStored(second.store, 'audit')).filter((a) => a.actorId === 'policy-follow');
      assert.equal(followed.length, 1);
    });
  });
});
