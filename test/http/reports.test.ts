import assert from 'node:assert/strict';
import { FakeConnector } from '../helpers/fake-connector.js';
import { startBot, teamsExecute, teamsMessage, type RunningBot } from '../helpers/server.js';
import { cardText, findInput } from '../helpers/bot.js';
import type { DeviceComplaint, NumberSharingReport } from '../../src/store/types.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const STAFF_AAD = '00000000-0000-0000-0000-0000000000a1';

describe('HTTP: reports through the real server', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let bot: RunningBot;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    bot = await startBot({ now: () => NOW });
  });
  afterEach(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('opens the complaint form, rejects a bad one, and answers a good adaptiveCard/action invoke with the confirmation, stored once', async () => {
    const opened = await bot.post(teamsExecute(serviceUrl, 'complaint.open', {}));
    assert.equal(opened.status, 200);
    const form = (opened.body as { value: { actions: Array<{ data: { submissionId: string } }> } }).value;
    const { submissionId } = form.actions[0].data;

    const fields = { device: 'tablet', cause: 'training', blockedTasks: 'e', occurredOn: '2026-03-01', description: 'No one showed me the VPN.', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' };
    const rejected = await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId, ...fields, device: 'fax' }));
    assert.equal(rejected.status, 200);
    const rejectedCard = (rejected.body as { value: unknown }).value;
    assert.match(cardText(rejectedCard), /Choose the device/);
    assert.equal(findInput(rejectedCard, 'description')?.value, fields.description);
    assert.equal((await bot.store.reports.list()).length, 0);

    const response = await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId, ...fields }));
    assert.equal(response.status, 200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /DC-2026-000001/);

    const retry = await bot.post(teamsExecute(serviceUrl, 'complaint.submit', { submissionId, ...fields }));
    assert.match(cardText((retry.body as { value: unknown }).value), /already received/);

    const reports = (await bot.store.reports.list()) as DeviceComplaint[];
    assert.equal(reports.length, 1);
    assert.equal(reports[0].submittedAt, NOW.toISOString());
    assert.equal(reports[0].reporterId, STAFF_AAD);
    assert.deepEqual(reports[0].cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' });
    assert.equal(reports[0].device, 'tablet');

    const listed = await bot.post(teamsExecute(serviceUrl, 'reports.list', {}));
    assert.match(cardText((listed.body as { value: unknown }).value), /DC-2026-000001: Device problem/);
    const withdrawn = await bot.post(teamsExecute(serviceUrl, 'report.withdraw', { reportId: 'DC-2026-000001' }));
    assert.equal(withdrawn.status, 200);
    assert.match(cardText((withdrawn.body as { value: unknown }).value), /Status: Withdrawn/);
    assert.equal((await bot.store.reports.get('DC-2026-000001'))?.status, 'withdrawn');
  });

  it('takes a number-sharing report through an adaptiveCard/action invoke, stored once, listed and withdrawn', async () => {
    const opened = await bot.post(teamsMessage(serviceUrl, 'report number sharing'));
    assert.equal(opened.status, 200);
    await connector.waitFor(1);
    const form = connector.activities[0].attachments?.[0].content as { actions: Array<{ data: { submissionId: string } }> };
    const { submissionId } = form.actions[0].data;
    const fields = { submissionId, subject: 'self', sharedWith: 'child', toldNotTo: 'yes', reason: 'no-council-phone', occurredOn: '2026-03-02', note: '', worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' };

    const response = await bot.post(teamsExecute(serviceUrl, 'sharing.submit', fields));
    assert.equal(response.status, 200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(body.value), /NS-2026-000001/);
    await bot.post(teamsExecute(serviceUrl, 'sharing.submit', fields));

    const reports = (await bot.store.reports.list()) as NumberSharingReport[];
    assert.equal(reports.length, 1);
    assert.equal(reports[0].submittedAt, NOW.toISOString());
    assert.equal(reports[0].reporterId, STAFF_AAD);
    assert.equal(reports[0].sharerId, STAFF_AAD);
    assert.deepEqual(reports[0].cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' });

    const listed = await bot.post(teamsExecute(serviceUrl, 'reports.list', {}));
    assert.match(cardText((listed.body as { value: unknown }).value), /NS-2026-000001: Personal number sharing/);
    await bot.post(teamsExecute(serviceUrl, 'report.withdraw', { reportId: 'NS-2026-000001' }));
    assert.equal((await bot.store.reports.get('NS-2026-000001'))?.status, 'withdrawn');
  });

  it('asked in a channel, opens the 1:1 chat and sends the form there, not in the channel', async () => {
    const inChannel = {
      ...teamsMessage(serviceUrl, '<at>ICT policy helper</at> report device problem'),
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: 'tenant-1', isGroup: true }
    };
    inChannel.text = 'report device problem';
    const response = await bot.post(inChannel);
    assert.equal(response.status, 200);
    await connector.waitFor(3);

    const [created] = connector.createdConversations;
    assert.equal(created.isGroup, false);
    assert.deepEqual((created.members as Array<{ id: string }>).map((m) => m.id), ['29:staff-1']);
    assert.equal(created.tenantId, 'tenant-1');

    const privateMessages = connector.requests.filter((r) => /^\/v3\/conversations\/a:created-\d+\/activities/.test(r.path));
    assert.equal(privateMessages.length, 1);
    assert.match(cardText(privateMessages[0].body.attachments?.[0].content), /Report a device problem/);

    const channelMessages = connector.requests.filter((r) => r.path.startsWith('/v3/conversations/19:general@thread.tacv2/activities'));
    assert.equal(channelMessages.length, 1);
    assert.equal(channelMessages[0].body.attachments, undefined, 'no form in the channel');
    assert.match(String(channelMessages[0].body.text), /1:1 chat/);
  });
});
