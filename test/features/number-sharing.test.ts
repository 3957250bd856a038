import assert from 'node:assert/strict';
import sinon from 'sinon';
import { cardOf, cardText, COLLEAGUE, createTestBot, findInput, invokeCard, STAFF, type TestBot } from '../helpers/bot.js';
import { fakePersonalChat } from '../helpers/personal-chat.js';
import type { AdaptiveCard } from '../../src/shared/cards.js';
import type { NumberSharingReport } from '../../src/store/types.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const GOOD = { sharedWith: 'vulnerable-adult-or-family', toldNotTo: 'yes', reason: 'council-phone-not-working', occurredOn: '2026-02-28', note: 'No signal at the flat.' };
const ROSTER_ID = '00000000-0000-0000-0000-0000000000b7';

function submitData(card: AdaptiveCard | undefined): Record<string, unknown> {
  const action = (card?.actions as Array<{ verb: string; data: Record<string, unknown> }>)[0];
  assert.equal(action.verb, 'sharing.submit');
  return action.data;
}

async function openForm(bot: TestBot): Promise<{ form: AdaptiveCard; submissionId: unknown }> {
  const form = invokeCard(await bot.execute('sharing.open'));
  return { form, submissionId: submitData(form).submissionId };
}

async function stored(bot: TestBot): Promise<NumberSharingReport[]> {
  return (await bot.store.reports.list({ kind: 'number-sharing' })) as NumberSharingReport[];
}

describe('personal-number sharing', () => {
  it('opens from the help card button and typed commands, with a people picker and a supportive privacy note', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { form } = await openForm(bot);
    const typed = cardOf((await bot.say('report number sharing')).replies[0]);
    const variant = cardOf((await bot.say('shared my number')).replies[0]);
    assert.equal(new Set([form, typed, variant].map((card) => submitData(card).submissionId)).size, 3);
    const picker = findInput(form, 'colleagueId');
    assert.deepEqual(picker?.['choices.data'], { type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
    assert.notEqual(picker?.isRequired, true, 'a colleague may be left unnamed');
    assert.equal(findInput(form, 'note')?.maxLength, 500);
    assert.equal(findInput(form, 'occurredOn')?.max, '2026-03-02');
    const text = cardText(form);
    assert.match(text, /FOI officers/);
    assert.match(text, /kept for 24 months/);
    assert.match(text, /not about blame/);
    assert.doesNotMatch(text, /manager/, 'managers are not told about number sharing');
  });

  it('rejects a bad submission, names each problem, keeps the values and stores nothing', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = await openForm(bot);
    const long = 'n'.repeat(501);
    const card = invokeCard(await bot.execute('sharing.submit', { submissionId, subject: 'self', sharedWith: 'neighbour', toldNotTo: 'yes', occurredOn: '2026-03-09', note: long }));
    const text = cardText(card);
    assert.match(text, /Nothing has been saved/);
    assert.match(text, /Choose who the number was shared with/);
    assert.match(text, /Choose why it was shared/);
    assert.match(text, /Choose a date from .* to today/);
    assert.match(text, /500 characters or fewer/);
    assert.match(text, /Choose yes, no or don\u2019t know/, 'a self report needs the reporter\u2019s own answers');
    assert.equal(findInput(card, 'subject')?.value, 'self');
    assert.equal(findInput(card, 'toldNotTo')?.value, 'yes');
    assert.equal(findInput(card, 'note')?.value, long);
    assert.equal(submitData(card).submissionId, submissionId);
    assert.equal((await stored(bot)).length, 0);
    assert.equal(await bot.store.people.getProfile(STAFF.aadObjectId!), undefined);
  });

  it('does not let reporters name themselves as the colleague, and keeps the chosen colleague on the form', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = await openForm(bot);
    const card = invokeCard(await bot.execute('sharing.submit', { submissionId, subject: 'colleague', colleagueId: STAFF.aadObjectId, ...GOOD }));
    assert.match(cardText(card), /That\u2019s you/);
    assert.equal(findInput(card, 'colleagueId')?.value, STAFF.aadObjectId);
    const bad = invokeCard(await bot.execute('sharing.submit', { submissionId, subject: 'colleague', colleagueId: 'not-an-id', ...GOOD }));
    assert.match(cardText(bad), /Choose the colleague from the list/);
    assert.equal((await stored(bot)).length, 0);
  });

  it('stores a self report once with the reporter as sharer and their answers, saved to their profile', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = await openForm(bot);
    const fields = { submissionId, subject: 'self', ...GOOD, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes', colleagueWorksWithChildrenOrVulnerable: 'no' };
    const confirmation = invokeCard(await bot.execute('sharing.submit', fields));
    assert.match(cardText(confirmation), /Thank you for telling us. Your reference is NS-2026-000001/);
    assert.match(cardText(confirmation), /No signal at the flat/);
    assert.ok((confirmation.actions as Array<{ verb: string }>).some((a) => a.verb === 'reports.list'));
    const again = invokeCard(await bot.execute('sharing.submit', fields));
    assert.match(cardText(again), /already received this report \(NS-2026-000001\)/);

    const reports = await stored(bot);
    assert.equal(reports.length, 1);
    assert.deepEqual({ ...reports[0], history: undefined }, {
      id: 'NS-2026-000001',
      kind: 'number-sharing',
      submissionId,
      submittedAt: NOW.toISOString(),
      reporterId: STAFF.aadObjectId,
      status: 'open',
      history: undefined,
      source: 'teams',
      subject: 'self',
      sharerId: STAFF.aadObjectId,
      sharedWith: 'vulnerable-adult-or-family',
      toldNotTo: 'yes',
      reason: 'council-phone-not-working',
      occurredOn: '2026-02-28',
      note: 'No signal at the flat.',
      cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
    });
    assert.equal((await bot.store.people.getProfile(STAFF.aadObjectId!))?.worksWithChildrenOrVulnerable, 'yes');
  });

  it('takes a named colleague\u2019s answers from the roster, over what the card says, and shows their name as plain text', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.people.upsertEmployees([
      { employeeId: 'E7', name: 'Jo [Link](https://x.example)', email: 'jo@council.example', aadObjectId: ROSTER_ID, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no', devices: [], updatedAt: 'then' }
    ]);
    const { submissionId } = await openForm(bot);
    const confirmation = invokeCard(
      await bot.execute('sharing.submit', { submissionId, subject: 'colleague', colleagueId: ROSTER_ID.toUpperCase(), ...GOOD, colleagueWorksWithChildrenOrVulnerable: 'no', colleagueRemoteOrFlexible: 'yes' })
    );
    const [report] = await stored(bot);
    assert.equal(report.sharerId, ROSTER_ID);
    assert.equal(report.sharerName, 'Jo [Link](https://x.example)');
    assert.deepEqual(report.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'no' });
    assert.match(JSON.stringify(confirmation), /"type":"TextRun","text":"Jo \[Link\]\(https:\/\/x.example\)"/);
    assert.equal(await bot.store.people.getProfile(STAFF.aadObjectId!), undefined, 'the reporter\u2019s profile is not touched');
  });

  it('uses a named colleague\u2019s own profile when the roster does not know them, else the card\u2019s answers', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.people.saveProfile({ aadObjectId: COLLEAGUE.aadObjectId!, worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'unknown', devices: [], updatedAt: 'then' });
    let { submissionId } = await openForm(bot);
    await bot.execute('sharing.submit', { submissionId, subject: 'colleague', colleagueId: COLLEAGUE.aadObjectId, ...GOOD, colleagueWorksWithChildrenOrVulnerable: 'yes', colleagueRemoteOrFlexible: 'yes' });
    ({ submissionId } = await openForm(bot));
    await bot.execute('sharing.submit', { submissionId, subject: 'colleague', colleagueId: 'unnamed', ...GOOD, colleagueWorksWithChildrenOrVulnerable: 'yes', colleagueRemoteOrFlexible: 'unknown' });
    const [named, unnamed] = await stored(bot);
    assert.deepEqual(named.cohort, { worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'yes' });
    assert.equal(named.sharerName, undefined);
    assert.equal(unnamed.sharerId, undefined, 'an unnamed colleague has no sharer id');
    assert.equal(unnamed.subject, 'colleague');
    assert.deepEqual(unnamed.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'unknown' });
  });

  it('handles Action.Submit the same way', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = await openForm(bot);
    const fields = { submissionId, subject: 'colleague', ...GOOD };
    const first = await bot.submit('sharing.submit', fields);
    await bot.submit('sharing.submit', fields);
    assert.match(cardText(cardOf(first.updates[0])), /NS-2026-000001/);
    assert.equal((await stored(bot)).length, 1);
  });

  it('never shows the form in a group chat: it opens the 1:1 chat instead', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { create, delivered } = fakePersonalChat(bot.adapter);
    const typed = await bot.say('report number sharing', { conversationType: 'groupChat' });
    assert.equal(cardOf(typed.replies[0]), undefined);
    assert.match(String(typed.replies[0].text), /1:1 chat/);
    assert.equal(create.callCount, 1);
    assert.equal(delivered.length, 1, 'the form reached the 1:1 chat');
    assert.deepEqual((cardOf(delivered[0])?.actions as Array<{ verb: string }>).map((a) => a.verb), ['sharing.submit'], 'and it is the number-sharing form');
  });
});
