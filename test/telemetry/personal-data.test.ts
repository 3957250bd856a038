/**
 * Telemetry carries no personal data: the bot runs over HTTP with OpenTelemetry's in-memory
 * exporters, every feature is used (help, profile, a policy question, both report forms, my
 * reports, a manager's notification, acknowledging it,
 * summary, FOI figures, a refused action, another tenant), each with names, emails, phone
 * numbers and object ids in what is typed, and no exported span name, attribute, metric
 * name or label holds any of them, the question or the report text.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { METRICS } from '../../src/shared/telemetry.js';
import type { Employee } from '../../src/store/types.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';
import { recordTelemetry, type RecordedTelemetry } from '../helpers/telemetry.js';
import { today } from '../helpers/submissions.js';

const STAFF = { id: '29:staff-jo', name: 'Jo Bloggs-Smith', aadObjectId: '3f6a2c1e-8b7d-4e21-9c0a-5d4b3a291f77' };
const MANAGER = { id: '29:manager-pat', name: 'Pat Quinnell', aadObjectId: '7c2e9d41-0a6b-4f3e-8d15-b2c7e9a40d63' };
const COLLEAGUE_AAD = 'a91d5e7c-3b2f-4c8a-b6e0-1f4d7a9c2e58';
const QUESTION = 'Hi, Jo Bloggs-Smith here (jo.bloggs@council.example, 07700 900461): can I read my Hotmail at lunch?';
const DESCRIPTION = 'Laptop died at Mrs Okonkwo-Hale\u2019s home visit; call me on 07700 900461 or jo.bloggs@council.example';
const NOTE = 'Gave 07700 900987 to Ms Trelawney-Vance for the respite booking';

/** Everything a person typed or is known by; none of it may leave in telemetry. */
const PERSONAL = [STAFF.name, MANAGER.name, STAFF.aadObjectId, MANAGER.aadObjectId, COLLEAGUE_AAD, 'Bloggs', 'Okonkwo', 'Trelawney', 'Quinnell', '07700', 'council.example', 'Hotmail', 'lunch', 'respite', 'Laptop died'];
const PATTERNS = [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, /[^\s@]+@[^\s@]+\.[a-z]{2,}/i, /\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b/, /29:|a:personal/];

describe('telemetry: no personal data in any span, attribute or metric', function () {
  this.timeout(30000);
  let connector: FakeConnector;
  let serviceUrl: string;
  let recorded: RecordedTelemetry;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    recorded = recordTelemetry();
    bot = await startBot({ telemetry: recorded.telemetry, env: { ADMIN_IDS: MANAGER.aadObjectId, ALLOWED_TENANT_IDS: 'tenant-1' } });
    const person = (employeeId: string, name: string, aadObjectId: string, managerId?: string) =>
      ({ employeeId, name, email: `${employeeId}@council.example`, aadObjectId, managerId, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: ['laptop'], updatedAt: '2026-01-01T00:00:00.000Z' }) as Employee;
    await bot.store.people.upsertEmployees([person('M1', MANAGER.name, MANAGER.aadObjectId), person('E1', STAFF.name, STAFF.aadObjectId, 'M1'), person('E2', 'Dana Colleague', COLLEAGUE_AAD, 'M1')]);
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
    await recorded.shutdown();
  });

  it('exports the spans and counters of every feature, and none carries anything personal', async () => {
    const say = async (text: string, from = STAFF) => assert.equal((await bot.post(teamsMessage(serviceUrl, text, from))).status, 200);
    const press = async (verb: string, data: Record<string, unknown>, from = STAFF) => (await bot.post(teamsExecute(serviceUrl, verb, data, from))).body;

    await say('hello', MANAGER); // the manager's chat is known from here on
    await say('hello');
    await say('profile');
    await press('profile.save', { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', devices: 'laptop' });
    await say(QUESTION);
    await say('can i check my hotmail on the works laptop at lunch');
    await say('what is the canteen menu today, Jo Bloggs-Smith asks');
    await say('is the christmas party fancy dress this year, Jo Bloggs-Smith asks');

    const stored = JSON.stringify(
      await press('complaint.submit', { submissionId: randomUUID(), device: 'laptop', cause: 'device-problem', blockedTasks: 'a,c', occurredOn: today(), description: DESCRIPTION })
    );
    const reference = /DC-\d{4}-\d{6}/.exec(stored)?.[0];
    assert.ok(reference, 'the complaint was stored');
    await press('sharing.submit', { submissionId: randomUUID(), subject: 'colleague', colleagueId: COLLEAGUE_AAD, sharedWith: 'vulnerable-adult-or-family', toldNotTo: 'yes', reason: 'council-phone-not-working', occurredOn: today(), note: NOTE });
    await say('my reports');
    await say('summary');
    await say('foi');
    await say('foi', MANAGER);
    await press('complaint.acknowledge', { reportId: reference }, MANAGER);
    await say('policy gaps');
    const foreign = teamsMessage(serviceUrl, `Hello from ${STAFF.name}`, STAFF);
    await bot.post({ ...foreign, conversation: { ...foreign.conversation, tenantId: 'other-tenant' }, channelData: { tenant: { id: 'other-tenant' } } });
    await connector.waitFor(3);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const spans = await recorded.spans();
    const metrics = await recorded.metrics();
    const spanNames = new Set(spans.map((span) => span.name));
    for (const name of ['ictbot.turn', 'ictbot.store', 'ictbot.proactive.send']) assert.ok(spanNames.has(name), `a ${name} span`);
    const metricNames = new Set(metrics.map((metric) => metric.name));
    // Teams' failed answers and retries are counted in proactive.test.ts, where Teams can be made to fail a send.
    for (const name of [METRICS.questions, METRICS.reportsStored, METRICS.refusals, METRICS.foiRuns]) assert.ok(metricNames.has(name), `the ${name} counter: ${[...metricNames].join(', ')}`);
    const questions = metrics.find((metric) => metric.name === METRICS.questions)!.attributes.map((a) => a.outcome).sort();
    assert.deepEqual(questions, ['answered', 'not-found', 'out-of-scope']);
    const refusals = metrics.find((metric) => metric.name === METRICS.refusals)!.attributes.map((a) => a.reason);
    assert.ok(refusals.includes('role') && refusals.includes('tenant'), `refusals by reason: ${refusals.join(', ')}`);
    assert.ok(spans.some((span) => span.attributes.route === 'adaptiveCard/action complaint.submit'), 'the turn names its route');

    const exported = JSON.stringify({
      spans: spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
      metrics
    });
    for (const personal of PERSONAL) assert.ok(!exported.includes(personal), `"${personal}" was exported`);
    for (const pattern of PATTERNS) assert.doesNotMatch(exported, pattern);
  });
});
