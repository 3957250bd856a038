import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createAdapter } from '../../../src/adapter.js';
import { runSummaries, SENDING_LEASE_MS } from '../../../src/features/summaries/run.js';
import { scheduleSummaries } from '../../../src/features/summaries/schedule.js';
import { createLogger } from '../../../src/log.js';
import { ConversationBook } from '../../../src/shared/conversations.js';
import type { FeatureDeps } from '../../../src/shared/deps.js';
import { createProactiveSender, retryAfterMs, retryDelay, DEFAULT_RETRY, type ProactiveSender } from '../../../src/shared/proactive.js';
import { openMemoryStore } from '../../helpers/memory-store.js';
import type { Employee } from '../../../src/store/types.js';
import { cardText, testConfig } from '../../helpers/bot.js';
import { FakeConnector } from '../../helpers/fake-connector.js';
import { complaint, MANAGER_AAD, REPORT_AAD, ROSTER } from './fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

const SLOT = new Date('2026-11-23T09:00:00.000Z');
const SECOND_MANAGER_AAD = '00000000-0000-0000-0000-0000000000b2';
/** A second linked manager who has never opened the bot, so has no conversation reference. */
const ROSTER_PLUS: Employee[] = [...ROSTER, { ...ROSTER[0], employeeId: 'M3', aadObjectId: SECOND_MANAGER_AAD, email: 'm3@council.example' }, { ...ROSTER[1], employeeId: 'E4', aadObjectId: undefined, managerId: 'M3' }];

describe('proactive summaries over HTTP to the Teams connector', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let deps: FeatureDeps;
  let sender: ProactiveSender;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    const store = await openMemoryStore();
    await store.people.upsertEmployees(ROSTER_PLUS);
    await store.reports.add(complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { cause: 'training' }));
    await store.conversations.save({
      aadObjectId: MANAGER_AAD,
      reference: { channelId: 'msteams', serviceUrl, conversation: { id: 'a:manager-chat', conversationType: 'personal' }, bot: { id: '28:bot' }, user: { id: '29:manager', aadObjectId: MANAGER_AAD } },
      updatedAt: '2026-11-01T00:00:00.000Z'
    });
    deps = { config: testConfig(), store, log: createLogger('silent'), now: () => new Date() };
    sender = createProactiveSender({
      adapter: createAdapter(deps.config),
      botAppId: '',
      conversations: new ConversationBook(deps),
      log: deps.log,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 }
    });
  });
  afterEach(() => connector.stop());

  it('sends the manager their team summary, skips the manager with no conversation, and logs both', async () => {
    const run = await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.activities.length, 1);
    const [request] = connector.requests;
    assert.match(request.path, /^\/v3\/conversations\/a:manager-chat\/activities/);
    assert.match(cardText(request.body.attachments?.[0].content), /Your team/);
    assert.match(JSON.stringify(request.body.attachments?.[0].content), /"legend":"Lack of training","value":1/);
    const outcomes = Object.fromEntries(run.deliveries.map((d) => [d.managerId, `${d.outcome}:${d.reason ?? ''}`]));
    assert.deepEqual(outcomes, { [MANAGER_AAD]: 'sent:', [SECOND_MANAGER_AAD]: 'skipped:no-conversation', 'employee:M2': 'skipped:not-in-teams' });
  });

  it('delivers at the configured time from the real schedule, not before', async () => {
    // The schedule's own clock, moved on by hand: a summary sent early, late or not at all fails the test.
    const clock = sinon.useFakeTimers({ now: new Date('2026-11-23T08:59:59.200Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const sends: Array<ReturnType<ProactiveSender['send']>> = [];
    const watched: ProactiveSender = { send: (...args) => (sends.push(sender.send(...args)), sends[sends.length - 1]) };
    const config = { ...deps.config, summaryCron: '0 0 9 * * 1', summaryTimeZone: 'Europe/London' };
    const schedule = scheduleSummaries({ ...deps, config }, watched);
    try {
      await schedule.ready;
      await clock.tickAsync(700);
      assert.equal(sends.length, 0, 'nothing before 09:00');
      assert.deepEqual(await allStored(deps.store, 'summaryRuns'), []);
      await clock.tickAsync(200);
      assert.equal(sends.length, 1, 'sent at 09:00');
      assert.equal((await Promise.all(sends))[0].status, 'sent');
    } finally {
      schedule.stop();
      clock.restore();
    }
    assert.match(cardText(connector.activities[0].attachments?.[0].content), /Your team/);
    const runs = await allStored(deps.store, 'summaryRuns');
    assert.deepEqual(runs.map((r) => r.runKey), [SLOT.toISOString()], 'keyed by the scheduled second');
  });

  it('sends FOI officers the council summary, logged apart from team summaries', async () => {
    const officer = '00000000-0000-0000-0000-0000000000f1';
    await deps.store.conversations.save({
      aadObjectId: officer,
      reference: { channelId: 'msteams', serviceUrl, conversation: { id: 'a:officer-chat', conversationType: 'personal' }, bot: { id: '28:bot' }, user: { id: '29:officer', aadObjectId: officer } },
      updatedAt: '2026-11-01T00:00:00.000Z'
    });
    const run = await runSummaries({ ...deps, config: { ...deps.config, foiOfficerIds: [officer] } }, sender, SLOT, 7);
    const toOfficer = connector.requests.find((r) => r.path.includes('a:officer-chat'));
    assert.match(cardText(toOfficer?.body.attachments?.[0].content), /Council-wide/);
    assert.equal(run.deliveries.find((d) => d.managerId === `council:${officer}`)?.outcome, 'sent');
  });

  it('sends nothing twice when the same run is started again', async () => {
    await runSummaries(deps, sender, SLOT, 7);
    await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.activities.length, 1);
  });

  it('does not resend a card that was going out when the bot stopped', async () => {
    const stoppedAt = new Date(Date.now() - SENDING_LEASE_MS - 60_000).toISOString();
    await deps.store.summaryRuns.start(SLOT.toISOString(), stoppedAt);
    await deps.store.summaryRuns.recordDelivery(SLOT.toISOString(), { managerId: MANAGER_AAD, outcome: 'sending', at: stoppedAt });
    const run = await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.requests.length, 0);
    assert.deepEqual(run.deliveries.find((d) => d.managerId === MANAGER_AAD)?.reason, 'interrupted');
  });

  it('leaves a card another instance is sending to that instance', async () => {
    const justNow = new Date(Date.now() - 1000).toISOString();
    await deps.store.summaryRuns.start(SLOT.toISOString(), justNow);
    assert.equal(await deps.store.summaryRuns.claimDelivery(SLOT.toISOString(), MANAGER_AAD, justNow), true);
    const run = await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.requests.length, 0, 'not sent a second time');
    assert.equal(run.deliveries.find((d) => d.managerId === MANAGER_AAD)?.outcome, 'sending', 'left for the instance sending it');
  });

  it('marks the reference gone on 403 and sends to it no more', async () => {
    connector.respond = () => ({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'removed' } } });
    const first = await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.requests.length, 1);
    assert.equal(first.deliveries.find((d) => d.managerId === MANAGER_AAD)?.reason, 'app-removed');
    assert.ok((await deps.store.conversations.get(MANAGER_AAD))?.goneAt);

    connector.respond = () => undefined;
    const next = await runSummaries(deps, sender, new Date('2026-11-30T09:00:00.000Z'), 7);
    assert.equal(connector.requests.length, 1, 'nothing sent to a gone reference');
    assert.equal(next.deliveries.find((d) => d.managerId === MANAGER_AAD)?.outcome, 'skipped');
  });

  it('treats 404 like 403', async () => {
    connector.respond = () => ({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'gone' } } });
    await runSummaries(deps, sender, SLOT, 7);
    assert.ok((await deps.store.conversations.get(MANAGER_AAD))?.goneAt);
  });

  it('retries a 429 after its Retry-After and delivers', async () => {
    let calls = 0;
    connector.respond = () => (++calls === 1 ? { status: 429, headers: { 'Retry-After': '1' }, body: {} } : undefined);
    const started = Date.now();
    const run = await runSummaries(deps, sender, SLOT, 7);
    assert.equal(connector.requests.length, 2);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(run.deliveries.find((d) => d.managerId === MANAGER_AAD)?.outcome, 'sent');
  });

  it('retries 412 and 502, then gives up and logs the failure', async () => {
    const statuses = [412, 502];
    connector.respond = () => ({ status: statuses.shift() ?? 412, body: {} });
    const run = await runSummaries(deps, sender, SLOT, 7);
    assert.ok(connector.requests.length >= 3, `${connector.requests.length} tries`);
    assert.deepEqual(run.deliveries.find((d) => d.managerId === MANAGER_AAD), { managerId: MANAGER_AAD, outcome: 'failed', reason: 'http-412', at: run.deliveries[0].at });
    assert.equal((await deps.store.conversations.get(MANAGER_AAD))?.goneAt, undefined, 'a failure is not "gone"');
  });

  it('honours Retry-After in seconds or as a date, up to a cap', () => {
    const error = (value: string) => ({ statusCode: 429, response: { headers: { get: (name: string) => (name === 'retry-after' ? value : undefined) } } });
    assert.equal(retryAfterMs(error('3')), 3000);
    assert.equal(retryAfterMs(error(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString()), Date.UTC(2026, 0, 1)), 10_000);
    assert.equal(retryDelay(DEFAULT_RETRY, 1, 3000), 3000);
    assert.equal(retryDelay(DEFAULT_RETRY, 1, 3_600_000), DEFAULT_RETRY.maxDelayMs);
    assert.equal(retryDelay(DEFAULT_RETRY, 3, undefined), 4 * DEFAULT_RETRY.baseDelayMs);
  });
});
