import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { ConversationParameters } from 'botbuilder';
import { cardOf, cardText, COLLEAGUE, createTestBot, findInput, invokeCard, STAFF, type TestBot } from '../helpers/bot.js';
import { fakePersonalChat } from '../helpers/personal-chat.js';
import type { AdaptiveCard } from '../../src/shared/cards.js';
import type { DeviceComplaint } from '../../src/store/types.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const GOOD = { device: 'laptop', cause: 'accessing-information', blockedTasks: 'a,c', occurredOn: '2026-02-27', description: 'Could not reach the case system on a home visit.' };
const COHORT = { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' };

/** The data the form's send button carries. */
function submitData(card: AdaptiveCard | undefined): Record<string, unknown> {
  const action = (card?.actions as Array<{ verb: string; data: Record<string, unknown> }>)[0];
  assert.equal(action.verb, 'complaint.submit');
  return action.data;
}

async function openForm(bot: TestBot): Promise<AdaptiveCard> {
  return invokeCard(await bot.execute('complaint.open'));
}

describe('device complaints', () => {
  it('opens from the help card button and from typed commands, each form with a fresh submission id', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const fromButton = await openForm(bot);
    const typed = cardOf((await bot.say('report device problem')).replies[0]);
    const variant = cardOf((await bot.say('Device complaint')).replies[0]);
    const typo = cardOf((await bot.say('report devise problem')).replies[0]);
    const ids = [fromButton, typed, variant, typo].map((card) => submitData(card).submissionId);
    assert.equal(new Set(ids).size, 4);
    for (const id of ids) assert.match(String(id), /^[0-9a-f-]{36}$/);
    assert.equal(findInput(fromButton, 'occurredOn')?.value, '2026-03-02', 'the date defaults to today');
    assert.equal(findInput(fromButton, 'occurredOn')?.max, '2026-03-02', 'the future cannot be chosen');
    assert.equal(findInput(fromButton, 'description')?.maxLength, 1000);
    assert.equal(findInput(fromButton, 'device')?.isRequired, true);
    assert.match(cardText(fromButton), /FOI officers/);
    assert.match(cardText(fromButton), /manager may be told/);
    assert.match(cardText(fromButton), /kept for 24 months/);
  });

  it('asks the cohort questions only when the reporter\u2019s profile does not answer them', async () => {
    const bot = await createTestBot({ now: () => NOW });
    let form = await openForm(bot);
    assert.ok(findInput(form, 'worksWithChildrenOrVulnerable'));
    assert.ok(findInput(form, 'remoteOrFlexible'));
    await bot.store.people.saveProfile({ aadObjectId: STAFF.aadObjectId!, worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'unknown', devices: [], updatedAt: NOW.toISOString() });
    form = await openForm(bot);
    assert.equal(findInput(form, 'worksWithChildrenOrVulnerable'), undefined);
    assert.ok(findInput(form, 'remoteOrFlexible'));
  });

  it('rejects a bad submission, names each problem, keeps the values and stores nothing', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    const long = 'x'.repeat(1001);
    const card = invokeCard(
      await bot.execute('complaint.submit', { submissionId, device: 'pager', cause: 'training', blockedTasks: 'a,z', occurredOn: '2026-03-03', description: long, worksWithChildrenOrVulnerable: 'yes' })
    );
    const text = cardText(card);
    assert.match(text, /Nothing has been saved/);
    assert.match(text, /Choose the device/);
    assert.match(text, /Choose only from the tasks listed/);
    assert.match(text, /Choose a date from .* to today/);
    assert.match(text, /1000 characters or fewer/);
    assert.match(text, /Choose yes, no or don\u2019t know/, 'the missing cohort answer is named');
    assert.doesNotMatch(text, /Choose what stopped you/, 'a good answer is not flagged');
    assert.equal(findInput(card, 'cause')?.value, 'training');
    assert.equal(findInput(card, 'description')?.value, long);
    assert.equal(findInput(card, 'occurredOn')?.value, '2026-03-03');
    assert.equal(submitData(card).submissionId, submissionId, 'the same form, so fixing it still stores once');
    assert.equal((await bot.store.reports.list()).length, 0);
    assert.equal(await bot.store.people.getProfile(STAFF.aadObjectId!), undefined, 'no half-way profile change');
  });

  it('rejects a missing description, a date too long ago and no tasks', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    const text = cardText(invokeCard(await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT, blockedTasks: '', occurredOn: '2020-01-01', description: '   ' })));
    assert.match(text, /Say briefly what happened/);
    assert.match(text, /Choose a date from 2 March 2024 to today/);
    assert.match(text, /Choose at least one task/);
    assert.equal((await bot.store.reports.list()).length, 0);
  });

  it('stores a fixed submission once, with its time, reporter and cohort answers, and says so on a second submit', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    await bot.execute('complaint.submit', { submissionId, ...GOOD, device: '' , ...COHORT });
    const confirmation = invokeCard(await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT }));
    const text = cardText(confirmation);
    assert.match(text, /DC-2026-000001/);
    assert.match(text, /Laptop computer/);
    assert.match(text, /What happens next/);
    assert.ok((confirmation.actions as Array<{ verb: string }>).some((a) => a.verb === 'reports.list'), 'a My reports button');

    const [stored] = (await bot.store.reports.list()) as DeviceComplaint[];
    assert.deepEqual(
      { ...stored, history: undefined },
      {
        id: 'DC-2026-000001',
        kind: 'device-complaint',
        submissionId,
        submittedAt: NOW.toISOString(),
        reporterId: STAFF.aadObjectId,
        status: 'open',
        history: undefined,
        source: 'teams',
        device: 'laptop',
        cause: 'accessing-information',
        blockedTasks: ['a', 'c'],
        occurredOn: '2026-02-27',
        description: GOOD.description,
        cohort: { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'yes' }
      }
    );
    assert.equal((await bot.store.people.getProfile(STAFF.aadObjectId!))?.remoteOrFlexible, 'yes', 'the card\u2019s answers are saved to the profile');

    const again = invokeCard(await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT }));
    assert.match(cardText(again), /already received this report \(DC-2026-000001\)/);
    assert.equal((await bot.store.reports.list()).length, 1);
  });

  it('uses the profile\u2019s answers, ignores card answers it did not ask for, and never replaces yes or no with don\u2019t know', async () => {
    const bot = await createTestBot({ now: () => NOW });
    await bot.store.people.saveProfile({ aadObjectId: STAFF.aadObjectId!, worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'unknown', devices: ['laptop'], updatedAt: 'earlier' });
    const { submissionId } = submitData(await openForm(bot));
    await bot.execute('complaint.submit', { submissionId, ...GOOD, worksWithChildrenOrVulnerable: 'no', remoteOrFlexible: 'unknown' });
    const [stored] = (await bot.store.reports.list()) as DeviceComplaint[];
    assert.deepEqual(stored.cohort, { worksWithChildrenOrVulnerable: 'yes', remoteOrFlexible: 'unknown' });
    const profile = await bot.store.people.getProfile(STAFF.aadObjectId!);
    assert.equal(profile?.worksWithChildrenOrVulnerable, 'yes');
    assert.deepEqual(profile?.devices, ['laptop']);
  });

  it('handles Action.Submit the same way, replacing the form with the confirmation', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    const first = await bot.submit('complaint.submit', { submissionId, ...GOOD, ...COHORT });
    const second = await bot.submit('complaint.submit', { submissionId, ...GOOD, ...COHORT });
    assert.equal(first.updates[0].id, 'card-1');
    assert.match(cardText(cardOf(first.updates[0])), /Thank you. Your reference is DC-2026-000001/);
    assert.match(cardText(cardOf(second.updates[0])), /already received/);
    assert.equal((await bot.store.reports.list()).length, 1);
  });

  it('shows an expired form again with the answers kept when the submission id is missing', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const card = invokeCard(await bot.execute('complaint.submit', { ...GOOD, ...COHORT }));
    assert.match(cardText(card), /form had expired/);
    assert.equal(findInput(card, 'description')?.value, GOOD.description);
    assert.match(String(submitData(card).submissionId), /^[0-9a-f-]{36}$/);
    assert.equal((await bot.store.reports.list()).length, 0);
  });

  it('never shows or touches someone else’s report when their submission id is reused', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT });
    const card = invokeCard(await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT }, { from: COLLEAGUE }));
    assert.doesNotMatch(cardText(card), /DC-2026-000001/);
    assert.match(cardText(card), /form had expired/);
    assert.notEqual(submitData(card).submissionId, submissionId);
    assert.equal((await bot.store.reports.list()).length, 1);
  });

  it('never shows the form in a channel: it opens the 1:1 chat instead', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { create, delivered } = fakePersonalChat(bot.adapter);
    const typed = await bot.say('report device problem', { conversationType: 'channel' });
    assert.equal(typed.replies.length, 1);
    assert.equal(cardOf(typed.replies[0]), undefined, 'no form in the channel');
    assert.match(String(typed.replies[0].text), /sent this to your 1:1 chat/);
    const parameters = create.firstCall.args[4] as ConversationParameters;
    assert.equal(parameters.isGroup, false);
    assert.deepEqual(parameters.members?.map((m) => m.id), [STAFF.id]);
    assert.equal(delivered.length, 1, 'the form reached the 1:1 chat');
    assert.ok(findInput(cardOf(delivered[0]), 'occurredOn'), 'and it is the device problem form');

    const pressed = await bot.execute('complaint.open', {}, { conversationType: 'groupChat' });
    const body = pressed.invokeResponse?.body as { type: string; value: string };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', 'the help card is left as it is for everyone else');
    assert.match(body.value, /1:1 chat/);
    assert.equal(create.callCount, 2);
  });

  it('tells the person how to open the 1:1 chat when it cannot be created', async () => {
    const bot = await createTestBot({ now: () => NOW });
    sinon.stub(bot.adapter, 'createConversationAsync').rejects(new Error('403'));
    const reply = await bot.say('report device problem', { conversationType: 'channel' });
    assert.match(String(reply.replies[0].text), /couldn\u2019t open a 1:1 chat/);
    assert.match(String(reply.replies[0].text), /report device problem/);
  });

  it('refuses a submission from a shared chat and stores nothing', async () => {
    const bot = await createTestBot({ now: () => NOW });
    const { submissionId } = submitData(await openForm(bot));
    const result = await bot.execute('complaint.submit', { submissionId, ...GOOD, ...COHORT }, { conversationType: 'channel' });
    assert.match(String((result.invokeResponse?.body as { value: string }).value), /nothing was saved/);
    assert.equal((await bot.store.reports.list()).length, 0);
  });
});
