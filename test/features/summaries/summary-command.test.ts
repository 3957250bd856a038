import assert from 'node:assert/strict';
import sinon from 'sinon';
import { openMemoryStore } from '../../helpers/memory-store.js';
import type { Store } from '../../../src/store/store.js';
import { cardOf, cardText, createTestBot, invokeCard, STAFF } from '../../helpers/bot.js';
import { complaint, MANAGER_AAD, OFFICER_AAD, OTHER_AAD, REPORT_AAD, ROSTER } from './fixtures.js';
import { allStored } from '../../helpers/all-stored.js';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const MANAGER = { id: '29:manager', name: 'Morgan Manager', aadObjectId: MANAGER_AAD };
const OFFICER = { id: '29:officer', name: 'Fran Officer', aadObjectId: OFFICER_AAD };

async function seeded(): Promise<Store> {
  const store = await openMemoryStore();
  await store.people.upsertEmployees(ROSTER);
  await store.reports.add(complaint(REPORT_AAD, '2026-11-20T10:00:00.000Z', { cause: 'training' }));
  await store.reports.add(complaint(OTHER_AAD, '2026-11-21T10:00:00.000Z', { cause: 'other' }));
  return store;
}

describe('summary on request', () => {
  it('shows a manager their team only', async () => {
    const bot = await createTestBot({ store: await seeded(), now: () => NOW, env: { FOI_OFFICER_IDS: OFFICER_AAD } });
    const { replies } = await bot.say('summary', { from: MANAGER });
    const text = cardText(cardOf(replies[0]));
    assert.match(text, /Your team/);
    assert.match(text, /your 2 direct reports/);
    assert.match(JSON.stringify(cardOf(replies[0])), /"legend":"Lack of training","value":1/);
    assert.doesNotMatch(JSON.stringify(cardOf(replies[0])), /"legend":"Something else"/, 'another team\u2019s complaint is not counted');
  });

  it('shows an FOI officer the whole council, for the period asked', async () => {
    const bot = await createTestBot({ store: await seeded(), now: () => NOW, env: { FOI_OFFICER_IDS: OFFICER_AAD } });
    const { replies } = await bot.say('summary 30 days', { from: OFFICER });
    const text = cardText(cardOf(replies[0]));
    assert.match(text, /Council-wide/);
    assert.match(text, /over 30 days/);
    assert.match(text, /24 Oct 2026 to 23 Nov 2026/);
    assert.match(JSON.stringify(cardOf(replies[0])), /"legend":"Something else","value":1/);
  });

  it('reads only the reports of the period and the one before, not the whole history', async () => {
    const store = await seeded();
    const listReports = sinon.spy(store.reports, 'list');
    const bot = await createTestBot({ store, now: () => NOW, env: { FOI_OFFICER_IDS: OFFICER_AAD } });
    await bot.say('summary 30 days', { from: OFFICER });
    assert.deepEqual(listReports.firstCall.args[0], { submittedFrom: '2026-09-24T09:00:00.000Z', submittedBefore: '2026-11-23T09:00:00.000Z' });
  });

  it('refuses a member of staff who manages no one, and audits it', async () => {
    const store = await seeded();
    const bot = await createTestBot({ store, now: () => NOW });
    const { replies } = await bot.say('summary', { from: STAFF });
    assert.match(cardText(cardOf(replies[0])), /only managers/);
    assert.doesNotMatch(JSON.stringify(replies), /Lack of training/);
    const [entry] = await allStored(store, 'audit');
    assert.deepEqual([entry.actorId, entry.action, entry.outcome], [STAFF.aadObjectId, 'summary', 'refused']);
  });

  it('refuses a forged refresh from someone without the role', async () => {
    const store = await seeded();
    const bot = await createTestBot({ store, now: () => NOW });
    const card = invokeCard(await bot.execute('summary.refresh', { days: '30' }, { from: STAFF }));
    assert.match(cardText(card), /only managers/);
    assert.equal((await allStored(store, 'audit'))[0].outcome, 'refused');
  });

  it('explains the periods it understands when the one asked for is too long', async () => {
    const bot = await createTestBot({ store: await seeded(), now: () => NOW });
    const { replies } = await bot.say('summary 500 days', { from: MANAGER });
    assert.match(cardText(cardOf(replies[0])), /summary 30 days/);
  });

  it('answers a question that starts with "summary" as a policy question, not with a summary', async () => {
    const store = await seeded();
    const bot = await createTestBot({ store, now: () => NOW, env: { FOI_OFFICER_IDS: OFFICER_AAD } });
    const { replies } = await bot.say('summary of the social media rules', { from: OFFICER });
    assert.equal(replies.length, 1);
    const card = cardOf(replies[0]);
    const text = cardText(card);
    assert.match(text, /Social media/i, 'the policy\u2019s social media section answers it');
    assert.match(text, /Did this answer your question\?/);
    assert.doesNotMatch(text, /Council-wide|Which period/);
  });

  it('does not show a summary in a channel', async () => {
    const bot = await createTestBot({ store: await seeded(), now: () => NOW });
    const { replies } = await bot.say('summary', { from: MANAGER, conversationType: 'channel' });
    assert.match(cardText(cardOf(replies[0])), /1:1 chat/);
  });
});
