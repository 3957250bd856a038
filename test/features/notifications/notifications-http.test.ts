import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cardText } from '../../helpers/bot.js';
import { FakeConnector } from '../../helpers/fake-connector.js';
import { startBot, teamsExecute, type RunningBot } from '../../helpers/server.js';
import { MANAGER_AAD, ROSTER } from '../summaries/fixtures.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const MANAGER = { id: '29:manager', name: 'Morgan Manager', aadObjectId: MANAGER_AAD };
const COMPLAINT = {
  device: 'laptop',
  cause: 'accessing-information',
  blockedTasks: 'a,c',
  occurredOn: '2026-02-27',
  description: 'Case system down [click](https://evil.example) <at>everyone</at>',
  worksWithChildrenOrVulnerable: 'yes',
  remoteOrFlexible: 'yes'
};

type CardBody = { statusCode: number; value: Record<string, unknown> };
const actionTitles = (card: unknown) => ((card as { actions?: Array<{ title: string }> }).actions ?? []).map((a) => a.title);

describe('complaint notifications over HTTP', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;

  async function start(env: Record<string, string> = {}) {
    bot = await startBot({ now: () => NOW, env });
    await bot.store.people.upsertEmployees(ROSTER);
    await bot.store.conversations.save({
      aadObjectId: MANAGER_AAD,
      reference: { channelId: 'msteams', serviceUrl, conversation: { id: 'a:manager-chat', conversationType: 'personal' }, bot: { id: '28:bot' }, user: { id: '29:manager', aadObjectId: MANAGER_AAD } },
      updatedAt: NOW.toISOString()
    });
  }

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('sends the manager the new complaint; Acknowledge updates it, refreshes the card and tells the reporter', async () => {
    await start();
    const submitted = await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId: randomUUID(), ...COMPLAINT }));
    assert.equal(submitted.status, 200);
    await connector.waitFor(1);
    const [notice] = connector.requests;
    assert.match(notice.path, /^\/v3\/conversations\/a:manager-chat\/activities/);
    const card = notice.body.attachments?.[0].content as Record<string, unknown>;
    assert.match(JSON.stringify(card), /"type":"TextRun","text":"E1","weight":"Bolder"/, 'the reporter’s roster name');
    assert.match(JSON.stringify(card), /"type":"TextRun","text":"Case system down \[click\]\(https:\/\/evil.example\) <at>everyone<\/at>"/, 'user text only as a TextRun');
    assert.deepEqual(actionTitles(card), ['Acknowledge', 'Mark resolved']);
    const reportId = JSON.stringify(card).match(/DC-2026-\d{6}/)![0];

    const pressed = await bot.post(teamsExecute(serviceUrl, 'complaint.acknowledge', { reportId }, MANAGER));
    const updated = (pressed.body as CardBody).value;
    assert.match(cardText(updated), /Status: Acknowledged on 2 March 2026/);
    assert.deepEqual(actionTitles(updated), ['Mark resolved']);
    assert.deepEqual((updated.refresh as { userIds: string[] }).userIds, ['29:manager']);
    assert.equal((await bot.store.reports.get(reportId))?.status, 'acknowledged');

    await connector.waitFor(2);
    assert.match(cardText(connector.activities[1].attachments?.[0].content), new RegExp(`${reportId} has been acknowledged by your manager`));
    assert.equal(connector.requests[1].body.conversation?.id, 'a:personal-1', 'told in the reporter\u2019s own chat');

    // The refresh shows anyone allowed the current status.
    const refreshed = await bot.post(teamsExecute(serviceUrl, 'complaint.refresh', { reportId }, MANAGER));
    assert.match(cardText((refreshed.body as CardBody).value), /Status: Acknowledged/);
  });

  it('sends nothing when NOTIFY_MANAGERS is off', async () => {
    await start({ NOTIFY_MANAGERS: 'false' });
    assert.equal((await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId: randomUUID(), ...COMPLAINT }))).status, 200);
    // Once the background work is done, a send would have reached the connector.
    await bot.idle();
    assert.equal(connector.requests.length, 0);
    assert.equal((await bot.store.reports.list()).length, 1);
  });

  it('retries a manager notification Teams kept refusing with 500, and the manager\u2019s chat gets the card, not an error line', async () => {
    await start();
    // The connector client retries a 500 itself three times; four refusals get past it to the bot.
    let refusals = 4;
    connector.respond = (request) => (/a:manager-chat\/activities/.test(request.path) && refusals-- > 0 ? { status: 500, headers: { 'retry-after': '0' }, body: { error: { code: 'ServiceError', message: 'boom' } } } : undefined);
    await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId: randomUUID(), ...COMPLAINT }));
    await connector.waitFor(5, 15_000);
    const toManager = connector.requests.filter((r) => /a:manager-chat\/activities/.test(r.path));
    assert.equal(toManager.length, 5, 'four refused sends and one accepted');
    assert.deepEqual(
      toManager.map((r) => r.body.attachments?.[0]?.contentType),
      Array(5).fill('application/vnd.microsoft.card.adaptive'),
      'only the card, never "Sorry, something went wrong"'
    );
    assert.equal(refusals, -1, 'the accepted send came after the refusals');
  });
});
