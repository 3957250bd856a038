/**
 * Several bot instances on one PostgreSQL database: two built bots (`dist/src/index.js`)
 * run side by side on one schema, each with its own data folder, behind one fake Teams
 * connector. Whichever instance a card reaches, it is stored once, listed, counted once in
 * the FOI figures and shown in both `/healthz`; conversation state follows a conversation
 * from one instance to the other.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBotParts } from '../../src/app.js';
import { NO_ORGANISATION } from '../../src/features/foi/organisation.js';
import { figuresFromStore } from '../../src/features/foi/service.js';
import type { BotStateStore } from '../../src/store/bot-state.js';
import { cardText, createTestBot, STAFF, type TestBot } from '../helpers/bot.js';
import { postActivity, runBotUntilExit, startBotProcess, stopped, type BotProcess } from '../helpers/bot-process.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';
import { teamsExecute, teamsMessage } from '../helpers/server.js';
import { staffMember, today, validComplaint } from '../helpers/submissions.js';

const REFERENCE = /\b(?:DC|NS)-\d{4}-\d{6}\b/;
const REPEAT = /already received this report/;

type Staff = ReturnType<typeof staffMember>;

/** The card an `Action.Execute` answer carries, as text. */
function answerText(body: string): string {
  return cardText((JSON.parse(body) as { value: unknown }).value);
}

function submissionIdOf(card: ReturnType<typeof teamsExecute>): string {
  return String((card.value.action.data as Record<string, unknown>).submissionId);
}

function referenceIn(body: string): string | undefined {
  return REFERENCE.exec(answerText(body))?.[0];
}

describe('two bot instances on one PostgreSQL database', function () {
  this.timeout(60000);
  let schema: TestSchema;
  let connector: FakeConnector;
  let serviceUrl: string;
  let dirs: string[];
  let a: BotProcess;
  let b: BotProcess;

  // The bots take seconds to start, so both run for the whole block; each test starts on empty tables.
  before(async () => {
    schema = await freshSchema();
    dirs = await Promise.all([1, 2].map(() => mkdtemp(path.join(tmpdir(), 'instance-'))));
    // Started together on an empty schema: both bring it up to date without tripping over each other.
    const started = await Promise.allSettled(
      dirs.map((dir) =>
        startBotProcess({ STORE: 'postgres', DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.schema, DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '100000' })
      )
    );
    // Kept even when the other failed to start, so that `after` stops it.
    [a, b] = started.map((result) => (result.status === 'fulfilled' ? result.value : undefined)) as BotProcess[];
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    assert.notEqual(a.port, b.port);
  });
  after(async () => {
    for (const bot of [a, b]) bot?.child.kill('SIGTERM');
    await Promise.all([a, b].map((bot) => bot && stopped(bot.child)));
    await schema?.drop();
    await Promise.all((dirs ?? []).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  beforeEach(async () => {
    const tables = await schema.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`
    );
    await schema.query(`TRUNCATE ${tables.map((table) => table.tablename).join(', ')} RESTART IDENTITY`);
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  const complaintCard = (who: Staff, fields: Record<string, unknown> = {}) =>
    teamsExecute(serviceUrl, 'complaint.submit', { ...validComplaint(), occurredOn: today(), ...fields }, who);

  /** Submits through `bot` and returns the reference its answer gives. */
  async function submit(bot: BotProcess, card: unknown): Promise<string> {
    const answer = await postActivity(bot.url, card);
    assert.equal(answer.status, 200, answer.body);
    const reference = referenceIn(answer.body);
    assert.ok(reference, `a reference in the answer: ${answerText(answer.body)}`);
    return reference;
  }

  async function health(bot: BotProcess): Promise<{ status: number; body: { store: { kind: string; ok: boolean; counts: Record<string, number> } } }> {
    const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    return { status: response.status, body: (await response.json()) as never };
  }

  it('stores one card sent to both instances at once once, and every answer gives its reference', async () => {
    const card = complaintCard(staffMember(1));
    const answers = await Promise.all([a, b, a, b, a, b].map((bot) => postActivity(bot.url, card)));
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200, 200, 200, 200]);
    const references = new Set(answers.map((answer) => referenceIn(answer.body)));
    assert.equal(references.size, 1, `one reference in every answer: ${[...references].join(', ')}`);
    const [reference] = references;
    assert.match(reference!, /^DC-\d{4}-000001$/);
    assert.equal(answers.filter((answer) => !REPEAT.test(answerText(answer.body))).length, 1, 'one answer stored it; the others say it was already received');

    const rows = await schema.query<{ id: string; submission_id: string }>('SELECT id, submission_id FROM reports');
    assert.deepEqual(rows, [{ id: reference, submission_id: submissionIdOf(card) }]);
    // The repeats used up no reference numbers.
    assert.match(await submit(b, complaintCard(staffMember(2))), /^DC-\d{4}-000002$/);
  });

  it('stores distinct submissions spread over both instances each once, with distinct references', async () => {
    const cards = Array.from({ length: 24 }, (_, i) => complaintCard(staffMember(i + 1)));
    const references = await Promise.all(cards.map((card, i) => submit(i % 2 === 0 ? a : b, card)));
    assert.equal(new Set(references).size, cards.length, 'a reference each');
    const year = references[0].slice(3, 7);
    assert.deepEqual(
      [...references].sort(),
      cards.map((_, i) => `DC-${year}-${String(i + 1).padStart(6, '0')}`),
      'numbers 1 to 24, none skipped'
    );

    const rows = await schema.query<{ id: string; submission_id: string }>('SELECT id, submission_id FROM reports');
    assert.equal(rows.length, cards.length);
    const stored = new Map(rows.map((row) => [row.submission_id, row.id]));
    cards.forEach((card, i) => assert.equal(stored.get(submissionIdOf(card)), references[i]));
  });

  it('lists on instance B the reports a person submitted on instance A ("my reports")', async () => {
    // People no other test uses, so nothing B could have kept from earlier tests is listed.
    const [reporter, someoneElse] = [staffMember(101), staffMember(102)];
    const mine = await submit(a, complaintCard(reporter));
    const someoneElses = await submit(a, complaintCard(someoneElse));

    const asked = await postActivity(b.url, teamsMessage(serviceUrl, 'my reports', reporter));
    assert.equal(asked.status, 200);
    await connector.waitFor(1);
    const [reply] = connector.activities;
    const listed = cardText(reply.attachments?.[0].content);
    assert.match(listed, new RegExp(`${mine}: Device problem`));
    assert.doesNotMatch(listed, new RegExp(someoneElses), 'only their own reports');
  });

  it('reports the PostgreSQL store and the same report count on both /healthz', async () => {
    await submit(a, complaintCard(staffMember(1)));
    await submit(b, complaintCard(staffMember(2)));
    await submit(b, complaintCard(staffMember(3)));
    const [fromA, fromB] = await Promise.all([health(a), health(b)]);
    for (const { status, body } of [fromA, fromB]) {
      assert.equal(status, 200);
      assert.equal(body.store.kind, 'postgres');
      assert.equal(body.store.ok, true);
      assert.equal(body.store.counts.reports, 3);
    }
    const shown = JSON.stringify([fromA.body, fromB.body]);
    assert.ok(!shown.includes(`:${new URL(schema.url).password}@`), 'no database password');
  });

  it('counts each report once in the FOI figures, whichever instance took it', async () => {
    const [cohort1, cohort2, notCohort] = [staffMember(1), staffMember(2), staffMember(3)];
    const saveProfile = async (bot: BotProcess, who: Staff, remoteOrFlexible: string, devices: string) => {
      const card = teamsExecute(serviceUrl, 'profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible, devices }, who);
      assert.match(answerText((await postActivity(bot.url, card)).body), /Saved/);
    };
    await Promise.all([saveProfile(a, cohort1, 'yes', 'laptop'), saveProfile(a, cohort2, 'yes', 'smartphone'), saveProfile(b, notCohort, 'no', 'laptop')]);
    // Profiles saved on one instance decide the cohort of reports the other takes: the cards below leave the cohort questions out.
    const noCohortAnswers = { worksWithChildrenOrVulnerable: undefined, remoteOrFlexible: undefined };

    const twice = complaintCard(cohort1, noCohortAnswers);
    const sharing = (who: Staff, fields: Record<string, unknown>) =>
      teamsExecute(serviceUrl, 'sharing.submit', { submissionId: randomUUID(), subject: 'self', sharedWith: 'child', toldNotTo: 'yes', reason: 'no-council-phone', occurredOn: today(), note: '', ...fields }, who);
    await Promise.all([
      // One complaint sent to both instances, twice each: counted once.
      submit(a, twice),
      submit(b, twice),
      submit(a, twice),
      submit(b, twice),
      submit(b, complaintCard(cohort1, { ...noCohortAnswers, cause: 'training', device: 'tablet' })),
      submit(a, complaintCard(cohort2, { ...noCohortAnswers, device: 'smartphone' })),
      submit(b, complaintCard(cohort2, { ...noCohortAnswers, cause: 'accessing-information', device: 'smartphone' })),
      submit(a, complaintCard(notCohort, noCohortAnswers)),
      // Cohort member 2 shared their number, reported by themselves on B and by a colleague on A: one employee.
      submit(b, sharing(cohort2, {})),
      submit(a, sharing(cohort1, { subject: 'colleague', colleagueId: cohort2.aadObjectId })),
      // Not told not to: does not qualify.
      submit(b, sharing(cohort1, { toldNotTo: 'no' }))
    ]);

    const store = await schema.open();
    assert.equal((await store.reports.list()).length, 8, '5 complaints and 3 sharing reports');
    const figures = await figuresFromStore(store, NO_ORGANISATION, { asOf: today(), timeZone: 'Europe/London' });
    assert.deepEqual(figures.a, { employees: 3, notKnown: 0 });
    assert.deepEqual(figures.b, { employees: 2, notKnown: 0 });
    assert.equal(figures.e.employees, 2, 'cohort members 1 and 2');
    assert.equal(figures.e.complaints, 4, '2 each from the cohort members; the repeats and the non-cohort complaint do not count');
    assert.deepEqual(figures.e.byCause, { 'device-problem': 2, 'accessing-information': 1, training: 1, other: 0 });
    assert.deepEqual(figures.e.byDevice, { 'basic-mobile': 0, smartphone: 2, tablet: 1, laptop: 1, desktop: 0 });
    assert.deepEqual(figures.g, { aware: true, employees: 1, unattributedReports: 0, qualifyingReports: 2 });
  });
});

describe('a bot instance whose PostgreSQL database cannot be reached', function () {
  this.timeout(30000);

  it('exits non-zero saying the database cannot be used, without the password', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'instance-'));
    try {
      const { code, stdout, stderr } = await runBotUntilExit({ STORE: 'postgres', DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/x', DATA_DIR: dir });
      assert.notEqual(code, 0);
      assert.match(stderr, /Cannot start: store: cannot use the database at postgres:\/\/127\.0\.0\.1:1\/x/);
      assert.doesNotMatch(stdout + stderr, /secret/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('conversation state shared by two instances', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(async () => {
    await schema?.drop();
  });

  /** An instance on its own connection to the schema, keeping conversation state in it. */
  async function instance(seen: unknown[]): Promise<{ bot: TestBot; state: BotStateStore }> {
    const store = await schema.open();
    const state = store.botState;
    const bot = await createTestBot({
      store,
      createApp: (deps) => {
        const { app } = createBotParts(deps, undefined, state);
        // The bot keeps no conversation state of its own yet: this counter stands in for what a feature would keep.
        app.turn('beforeTurn', async (_context, turnState) => {
          const conversation = turnState.conversation as { turns?: number };
          seen.push(conversation.turns);
          conversation.turns = (conversation.turns ?? 0) + 1;
          return true;
        });
        return app;
      }
    });
    return { bot, state };
  }

  it('a value written by a turn on instance A is read and updated by the next turn on instance B', async () => {
    const seen: unknown[] = [];
    const [a, b] = [await instance(seen), await instance(seen)];
    const key = 'msteams/28:bot/conversations/a:personal-1';

    await a.bot.say('hello', { from: STAFF });
    assert.deepEqual(await b.state.read([key]), { [key]: { turns: 1, eTag: '1' } }, 'A wrote it where B reads');

    await b.bot.say('help', { from: STAFF });
    assert.deepEqual(seen, [undefined, 1], 'B\u2019s turn started from what A wrote');
    assert.deepEqual(await a.state.read([key]), { [key]: { turns: 2, eTag: '2' } });

    await a.bot.say('hello', { from: STAFF });
    assert.deepEqual(seen, [undefined, 1, 2]);
  });
});
