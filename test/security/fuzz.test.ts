/**
 * Property-based fuzzing of the real HTTP endpoint with fast-check: random bodies, Teams
 * activities with random parts changed or removed, and card submissions with invalid fields.
 * The server must stay up, answer each class of request with its own status (never a stack
 * trace), keep its data files valid, and create no record from an invalid submission. The seed is fixed,
 * so a failure reproduces; fast-check prints it with the smallest failing input.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import { DEVICES } from '../../src/store/types.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';
import { SECURITY_NOW, validComplaint, validProfile } from '../helpers/submissions.js';

const SEED = 20261122;
/** Requests sent at once in each run: concurrency is part of what is tested, and it keeps the run short. */
const BATCH = 16;
const VERBS = [
  'profile.save', 'profile.open', 'complaint.submit', 'complaint.open', 'complaint.acknowledge', 'complaint.resolve', 'complaint.refresh', 'help.show',
  'policy.ask', 'policy.vote', 'policy.section', 'report.withdraw', 'summary.refresh', 'sharing.open', 'sharing.submit', 'no.such.verb'
];

/** Values a hostile or broken client might put anywhere. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 3000 }),
  fc.constantFrom(undefined, null, '', '__proto__', '[click](https://evil.example)', '<at>everyone</at>', '\u0000', '9'.repeat(400), -1, 1e308)
);

/** Dotted paths into an activity that a mutation may change or delete. */
const PATHS = [
  'type', 'name', 'text', 'value', 'value.action', 'value.action.verb', 'value.action.data', 'value.action.data.verb', 'value.verb',
  'from', 'from.id', 'from.aadObjectId', 'conversation', 'conversation.id', 'conversation.conversationType', 'recipient', 'recipient.id',
  'channelData', 'channelData.tenant', 'channelId', 'replyToId', 'entities', 'attachments', 'locale', 'id', 'timestamp'
];

function setPath(target: Record<string, unknown>, dotted: string, value: unknown, remove: boolean): void {
  const keys = dotted.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
}

/** An unchanged activity is answered in the turn, except a card action no route knows, which the bot refuses. */
function unchangedStatus(activity: Record<string, unknown>): number[] {
  const verb = (activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return activity.type === 'invoke' && verb === 'no.such.verb' ? [400] : [200];
}

/** Which stored things an answer may have changed. */
async function counts(bot: RunningBot) {
  const { counts } = await bot.store.status();
  return { reports: counts.reports, profiles: counts.profiles };
}

describe('fuzzing the HTTP endpoint', function () {
  this.timeout(120000);
  let dir: string;
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fuzz-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startBot({ store: await openLowdbStore(dir), env: { RATE_LIMIT_PER_MINUTE: '100000' }, now: () => SECURITY_NOW });
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Posts `body` and checks its status is one of `expected`. */
  async function post(body: unknown, expected: readonly number[], raw = false) {
    const response = await bot.post(raw ? (body as string) : body);
    assert.ok(expected.includes(response.status), `status ${response.status}, expected ${expected.join(' or ')}, for ${JSON.stringify(body)?.slice(0, 300)}`);
    assert.doesNotMatch(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''), /\n\s+at |node_modules|\.js:\d+/, 'no stack trace');
    return response;
  }

  it('answers random bodies and raw text, none of them an activity, with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.oneof(anyValue, fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 8 })), fc.string({ maxLength: 200 })), { minLength: 1, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.flatMap(([body, raw]) => [post(body, [400]), post(raw, [400], true)]));
      }),
      { seed: SEED, numRuns: 60 }
    );
  });

  it('answers Teams activities with random parts changed or removed with 200 or 400, and unchanged ones with 200', async () => {
    const activity = fc.record({
      base: fc.oneof(
        fc.string({ maxLength: 100 }).map((text) => teamsMessage(serviceUrl, text)),
        fc.tuple(fc.constantFrom(...VERBS), fc.constantFrom(validProfile(), validComplaint(), {})).map(([verb, data]) => teamsExecute(serviceUrl, verb, data)),
        fc.constantFrom(...VERBS).map((verb) => ({ ...teamsMessage(serviceUrl, ''), value: { verb, ...validComplaint() }, replyToId: 'card-1' }))
      ),
      mutations: fc.array(fc.tuple(fc.constantFrom(...PATHS), anyValue, fc.boolean()), { maxLength: 4 })
    });
    await fc.assert(
      fc.asyncProperty(fc.array(activity, { minLength: 1, maxLength: BATCH }), async (batch) => {
        const mutatedBatch = batch.map(({ base, mutations }) => {
          const mutated = structuredClone(base) as Record<string, unknown>;
          for (const [where, value, remove] of mutations) setPath(mutated, where, value, remove);
          return { mutated, expected: mutations.length > 0 ? [200, 400] : unchangedStatus(base) };
        });
        await Promise.all(mutatedBatch.map(({ mutated, expected }) => post(mutated, expected)));
      }),
      { seed: SEED, numRuns: 100 }
    );
  });

  it('creates no record from an invalid card submission', async () => {
    const notADevice = fc.oneof(anyValue, fc.string()).filter((v) => !(typeof v === 'string' && (DEVICES as readonly string[]).includes(v.trim())));
    const notYesNo = anyValue.filter((v) => !(typeof v === 'string' && ['yes', 'no'].includes(v.trim())));
    const complaint = fc.record({ device: notADevice, extra: fc.dictionary(fc.constantFrom('cause', 'blockedTasks', 'occurredOn', 'description', 'submissionId', 'remoteOrFlexible'), anyValue) });
    const profile = fc.record({ worksWithChildrenOrVulnerable: notYesNo, devices: anyValue });
    const submission = fc.oneof(
      complaint.map(({ device, extra }) => ['complaint.submit', { ...validComplaint(), ...extra, device }] as const),
      profile.map((fields) => ['profile.save', { ...validProfile(), ...fields }] as const)
    );
    const before = await counts(bot);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(submission, fc.boolean()), { minLength: 1, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(([[verb, data], asSubmit]) =>
            post(asSubmit ? { ...teamsMessage(serviceUrl, ''), value: { verb, ...data }, replyToId: 'card-1' } : teamsExecute(serviceUrl, verb, data as Record<string, unknown>), [200])
          )
        );
        assert.deepEqual(await counts(bot), before, `a record was created from one of ${JSON.stringify(batch).slice(0, 600)}`);
      }),
      { seed: SEED, numRuns: 100 }
    );
  });

  it('gives each class of input its own status, and a forged button changes nothing', async () => {
    await post('{"type": "message", ', [400], true);
    await post('x'.repeat(2 * 1024 * 1024), [413], true);
    await post({ ...teamsExecute(serviceUrl, 'complaint.submit', validComplaint()), name: 'no/such/invoke' }, [400]);
    await post(teamsExecute(serviceUrl, 'no.such.verb', {}), [400]);
    await post(teamsExecute(serviceUrl, 'complaint.submit', validComplaint()), [200]);
    const [report] = (await bot.store.reports.list()).filter((r) => r.kind === 'device-complaint' && r.status === 'open');
    assert.ok(report, 'a complaint to forge a button on');
    // The reporter is not their own manager, so Acknowledge is refused in a card, and nothing changes.
    const forged = await post(teamsExecute(serviceUrl, 'complaint.acknowledge', { reportId: report.id }), [200]);
    assert.match(JSON.stringify(forged.body), /Not your team\u2019s report/);
    assert.equal((await bot.store.reports.get(report.id))?.status, 'open');
  });

  it('is still up after a burst, and its data files are valid JSON that a new store opens', async () => {
    // Its own burst, so that it holds whichever tests ran before it.
    const bodies = Array.from({ length: 3 * BATCH }, (_, i) => (i % 3 === 0 ? teamsExecute(serviceUrl, 'complaint.submit', validComplaint()) : i % 3 === 1 ? teamsMessage(serviceUrl, `hello ${i}`) : { type: i }));
    await Promise.all(bodies.map((body) => post(body, typeof body.type === 'number' ? [400] : [200])));
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    await bot.store.close();
    const files = [...(await readdir(dir)).filter((f) => f.endsWith('.json')), ...(await readdir(path.join(dir, 'reports'))).map((f) => path.join('reports', f))];
    for (const file of files) JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    const reopened = await openLowdbStore(dir);
    assert.deepEqual((await reopened.status()).counts.reports, (await bot.store.status()).counts.reports);
  });
});
