import assert from 'node:assert/strict';
import sinon from 'sinon';
import { cardOf, cardText, COLLEAGUE, createTestBot, invokeCard, STAFF } from '../helpers/bot.js';
import { fakePersonalChat } from '../helpers/personal-chat.js';
import type { AdaptiveCard } from '../../src/shared/cards.js';
import type { NewReport } from '../../src/store/types.js';
import { allStored } from '../helpers/all-stored.js';

const NOW = new Date('2026-03-02T10:00:00Z');
let nextSubmission = 1;

function complaintBy(reporterId: string, submittedAt: string): NewReport {
  return {
    kind: 'device-complaint',
    submissionId: `00000000-0000-4000-8000-${String(nextSubmission++).padStart(12, '0')}`,
    submittedAt,
    reporterId,
    status: 'open',
    history: [],
    source: 'teams',
    device: 'laptop',
    cause: 'training',
    blockedTasks: ['a'],
    occurredOn: submittedAt.slice(0, 10),
    description: 'private words',
    cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
  };
}

/** The `Yes, withdraw` buttons on a my-reports card, by report reference. */
function withdrawButtons(card: AdaptiveCard): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === 'report.withdraw') found.push(String((record.data as { reportId: string }).reportId));
    Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}

describe('my reports', () => {
  it('says so when there are none', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const card = cardOf((await bot.say('my reports')).replies[0]);
    assert.match(cardText(card), /haven't made any reports yet/);
  });

  it('lists only the sender\u2019s reports, newest first, with status and a Withdraw button on open ones', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-01-10T09:00:00Z'));
    await bot.store.reports.add(complaintBy(COLLEAGUE.aadObjectId!, '2026-01-11T09:00:00Z'));
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-02-20T09:00:00Z'));
    await bot.store.reports.setStatus('DC-2026-000001', { from: 'open', to: 'resolved', by: 'manager', at: '2026-01-12T09:00:00Z' });
    const card = invokeCard(await bot.execute('reports.list'));
    const text = cardText(card);
    assert.ok(text.indexOf('DC-2026-000003') < text.indexOf('DC-2026-000001'), 'newest first');
    assert.doesNotMatch(text, /DC-2026-000002/, 'not someone else\u2019s');
    assert.match(text, /Sent 20 February 2026. Status: Open/);
    assert.match(text, /Sent 10 January 2026. Status: Resolved/);
    assert.deepEqual(withdrawButtons(card), ['DC-2026-000003'], 'a resolved report cannot be withdrawn');
    assert.doesNotMatch(JSON.stringify(card), /private words/, 'the list shows no report text');
  });

  it('shows the newest 20 and says how many more there are', async () => {
    const bot = await createTestBot({ now: () => NOW });
    for (let day = 1; day <= 25; day++) await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, `2026-01-${String(day).padStart(2, '0')}T09:00:00Z`));
    const card = invokeCard(await bot.execute('reports.list'));
    assert.equal(withdrawButtons(card).length, 20);
    assert.match(cardText(card), /5 older reports are not shown/);
    assert.doesNotMatch(cardText(card), /DC-2026-000005:/, 'the oldest are left out');
  });

  it('withdraws the sender\u2019s own report: kept, marked withdrawn, audited', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-02-20T09:00:00Z'));
    const card = invokeCard(await bot.execute('report.withdraw', { reportId: 'DC-2026-000001' }));
    assert.match(cardText(card), /DC-2026-000001 is withdrawn/);
    assert.match(cardText(card), /Status: Withdrawn/);
    assert.deepEqual(withdrawButtons(card), []);
    const report = await bot.store.reports.get('DC-2026-000001');
    assert.equal(report?.status, 'withdrawn');
    assert.deepEqual(report?.history.at(-1), { status: 'withdrawn', at: NOW.toISOString(), by: STAFF.aadObjectId });
    assert.deepEqual(await allStored(bot.store, 'audit'), [{ at: NOW.toISOString(), actorId: STAFF.aadObjectId, action: 'report.withdraw', target: 'DC-2026-000001', outcome: 'done' }]);

    const again = invokeCard(await bot.execute('report.withdraw', { reportId: 'DC-2026-000001' }));
    assert.match(cardText(again), /already withdrawn. Nothing was changed/);
    assert.equal((await bot.store.reports.get('DC-2026-000001'))?.history.length, 1);
  });

  it('refuses a forged withdrawal of someone else\u2019s report, audits it and changes nothing', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-02-20T09:00:00Z'));
    const card = invokeCard(await bot.execute('report.withdraw', { reportId: 'DC-2026-000001' }, { from: COLLEAGUE }));
    assert.match(cardText(card), /only withdraw your own reports/);
    assert.doesNotMatch(cardText(card), /DC-2026-000001/, 'nothing about the other person\u2019s report is shown');
    assert.equal((await bot.store.reports.get('DC-2026-000001'))?.status, 'open');
    const [audit] = await allStored(bot.store, 'audit');
    assert.deepEqual(audit, { at: NOW.toISOString(), actorId: COLLEAGUE.aadObjectId, action: 'report.withdraw', target: 'DC-2026-000001', outcome: 'refused', detail: 'not-yours' });

    await bot.execute('report.withdraw', { reportId: '../../etc/passwd' });
    assert.equal((await allStored(bot.store, 'audit')).at(-1)?.detail, 'not-found');
  });

  it('is reached from the confirmation card\u2019s button and works through Action.Submit', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-02-20T09:00:00Z'));
    const listed = await bot.submit('reports.list');
    assert.match(cardText(cardOf(listed.updates[0])), /DC-2026-000001/);
    const withdrawn = await bot.submit('report.withdraw', { reportId: 'DC-2026-000001' });
    assert.match(cardText(cardOf(withdrawn.updates[0])), /is withdrawn/);
  });

  it('is never shown in a channel', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.reports.add(complaintBy(STAFF.aadObjectId!, '2026-02-20T09:00:00Z'));
    const { delivered } = fakePersonalChat(bot.adapter);
    const result = await bot.say('my reports', { conversationType: 'channel' });
    assert.equal(cardOf(result.replies[0]), undefined);
    assert.match(String(result.replies[0].text), /1:1 chat/);
    assert.equal(delivered.length, 1, 'the list reached the 1:1 chat');
    assert.match(cardText(cardOf(delivered[0])), /DC-2026-000001/, 'with the person\u2019s own report');
    const forged = await bot.execute('report.withdraw', { reportId: 'DC-2026-000001' }, { conversationType: 'channel' });
    assert.match(String((forged.invokeResponse?.body as { value: string }).value), /nothing was saved/);
    assert.equal((await bot.store.reports.get('DC-2026-000001'))?.status, 'open');
  });
});
