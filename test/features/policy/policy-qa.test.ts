import assert from 'node:assert/strict';
import { cardOf, cardText, COLLEAGUE, createTestBot, invokeCard, STAFF, type TestBot } from '../../helpers/bot.js';
import type { AdaptiveCard } from '../../../src/shared/cards.js';
import { allStored } from '../../helpers/all-stored.js';

const ADMIN_ID = '00000000-0000-0000-0000-0000000000ad';
const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: ADMIN_ID };

/** Every action on a card, flattened. */
function actions(card: AdaptiveCard | undefined): Array<Record<string, unknown>> {
  return ((card?.actions as Array<Record<string, unknown>>) ?? []).filter(Boolean);
}

/** The actions of the card's body (its ActionSets), flattened. */
function bodyActions(card: AdaptiveCard): Array<Record<string, unknown>> {
  const body = (card.body as Array<Record<string, unknown>>) ?? [];
  return body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Array<Record<string, unknown>>);
}

const sectionOf = (action: Record<string, unknown>) => (action.data as { sectionId: string }).sectionId;

async function ask(bot: TestBot, question: string, from = STAFF): Promise<AdaptiveCard> {
  const { replies } = await bot.say(question, { from });
  assert.equal(replies.length, 1, 'one reply');
  const card = cardOf(replies[0]);
  assert.ok(card, 'the reply is a card');
  return card;
}

function voteData(card: AdaptiveCard, helpful: 'yes' | 'no'): Record<string, unknown> {
  const action = actions(card).find((a) => a.title === (helpful === 'yes' ? 'Yes' : 'No'));
  assert.ok(action, `has a ${helpful} button`);
  assert.equal(action.type, 'Action.Execute');
  return action.data as Record<string, unknown>;
}

describe('policy Q&A', () => {
  it('answers the Hotmail question with the webmail passage, its section and a link', async () => {
    const bot = await createTestBot({ env: { POLICY_URL: 'https://intranet.example/policies/aup' } });
    const card = await ask(bot, 'Can I check my Hotmail on my work laptop at lunch?');
    const text = cardText(card);
    assert.match(text, /Webmail \(Gmail, Hotmail, Yahoo\)/);
    assert.match(text, /cannot access personal webmail/);
    assert.match(text, /Did this answer your question\?/);
    assert.match(text, /sample policy/);
    const link = actions(card).find((a) => a.type === 'Action.OpenUrl');
    assert.equal(link?.url, 'https://intranet.example/policies/aup#webmail');
    assert.equal(actions(card).some((a) => a.title === 'Report a device problem'), false, 'not about a broken device');
  });

  it('says plainly when a question is not in the policy, offers the two closest sections and ICT', async () => {
    const bot = await createTestBot({ env: { ICT_CONTACT: 'the ICT service desk on 01234 567890' } });
    const card = await ask(bot, 'what does the policy say about drones');
    const text = cardText(card);
    assert.match(text, /couldn't find this in the policy/);
    assert.match(text, /01234 567890/);
    assert.doesNotMatch(text, /Did this answer/);
    const offered = actions(card).filter((a) => a.verb === 'policy.section');
    assert.equal(offered.length, 2);
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(feedback.answered, false);
    assert.equal(feedback.question, 'what does the policy say about drones');
  });

  it('says a question about another topic is not the policy\u2019s business and where it goes, offering no ICT rule', async () => {
    const bot = await createTestBot({ env: { ICT_CONTACT: 'the ICT service desk on 01234 567890' } });
    const card = await ask(bot, 'how do i update my bank details in the payroll system for my salary');
    const text = cardText(card);
    assert.match(text, /isn't covered by the ICT policy/);
    assert.match(text, /a question about pay and payslips/i);
    assert.match(text, /[Pp]ayroll/);
    assert.doesNotMatch(text, /Online banking/);
    assert.equal(actions(card).filter((a) => a.verb === 'policy.section').length, 0);
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(feedback.answered, false, 'kept for the policy owner like any unanswered question');
  });

  it('shows an offered section when asked', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('policy.section', { sectionId: 'tethering' }));
    assert.match(cardText(card), /Tethering and mobile hotspots/);
    assert.doesNotMatch(cardText(card), /Did this answer/);
    const missing = invokeCard(await bot.execute('policy.section', { sectionId: 'no-such-section' }));
    assert.match(cardText(missing), /not in the policy any more/);
  });

  it('offers the sections close to an answer one click away, each shown for the question asked', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can i get my work emails on my own phone');
    assert.match(cardText(card), /Personal devices for work/);
    assert.match(cardText(card), /Not quite what you asked\? These sections are close too:/);
    const offered = bodyActions(card);
    assert.deepEqual(offered.map(sectionOf), ['webmail', 'mobile-phones']);
    assert.equal(offered[0].title, 'Show "Webmail (Gmail, Hotmail, Yahoo)"');
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal((offered[0].data as { feedbackId: string }).feedbackId, feedback.id);

    const shown = invokeCard(await bot.execute('policy.section', offered[0].data as Record<string, unknown>));
    const text = cardText(shown);
    assert.match(text, /Webmail \(Gmail, Hotmail, Yahoo\)/);
    assert.match(text, /You asked: \s*can i get my work emails on my own phone/);
    assert.doesNotMatch(text, /Did this answer/, 'the vote is on the section that answered');
    assert.deepEqual(bodyActions(shown).map(sectionOf), ['personal-devices', 'mobile-phones'], 'the answer and the other section stay one click away');

    const back = invokeCard(await bot.execute('policy.section', { sectionId: 'personal-devices', feedbackId: feedback.id }));
    assert.match(cardText(back), /Did this answer your question\?/);
    assert.equal(voteData(back, 'no').feedbackId, feedback.id);
    const [kept] = await allStored(bot.store, 'feedback');
    assert.deepEqual(kept, { ...feedback, openedSectionId: 'webmail' }, 'the question stays answered from personal devices, with the section its asker opened');
  });

  it('after "No", offers the closest sections even when none scored close to the answer', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can i use gmail at work');
    assert.equal(bodyActions(card).length, 0, 'a clear answer offers nothing else');
    const voted = invokeCard(await bot.execute('policy.vote', voteData(card, 'no')));
    assert.match(cardText(voted), /did not answer your question/);
    const offered = bodyActions(voted).map(sectionOf);
    assert.equal(offered.length, 2);
    assert.ok(!offered.includes('webmail'), 'not the section that answered');
    const colleague = invokeCard(await bot.execute('policy.vote', voteData(card, 'no'), { from: COLLEAGUE }));
    assert.match(cardText(colleague), /Only the person who asked/);
    assert.deepEqual(bodyActions(colleague).map(sectionOf), offered, 'the asker said no, so the card still offers them');
  });

  it('after "Yes", offers no other section beside the answer', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can i get my work emails on my own phone');
    assert.equal(bodyActions(card).length, 2);
    const voted = invokeCard(await bot.execute('policy.vote', voteData(card, 'yes')));
    assert.match(cardText(voted), /Glad that helped/);
    assert.equal(bodyActions(voted).length, 0);
    assert.doesNotMatch(cardText(voted), /Not quite what you asked/);
  });

  it('shows a section the not-found card offered for the question, notes it as the one its asker opened, and keeps the card when the section is gone', async () => {
    const bot = await createTestBot();
    const question = 'what does the policy say about drones';
    const card = await ask(bot, question);
    const offered = actions(card).filter((a) => a.verb === 'policy.section');
    assert.equal(offered.length, 2);
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal((offered[0].data as { feedbackId: string }).feedbackId, feedback.id);

    const shown = invokeCard(await bot.execute('policy.section', offered[0].data as Record<string, unknown>));
    assert.match(cardText(shown), new RegExp(`You asked: \\s*${question}`));
    assert.match(cardText(shown), /Also for your question:/);
    assert.deepEqual(bodyActions(shown).map(sectionOf), [sectionOf(offered[1])], 'the other offered section, one press away');
    assert.doesNotMatch(cardText(shown), /Did this answer/, 'nothing answered, so nothing to vote on');
    assert.equal((await allStored(bot.store, 'feedback'))[0].openedSectionId, sectionOf(offered[0]));

    const gone = await bot.execute('policy.section', { sectionId: 'no-such-section', feedbackId: feedback.id });
    assert.match(JSON.stringify(gone.invokeResponse?.body), /not in the policy any more/);
    assert.throws(() => invokeCard(gone), 'a message, so the card pressed stays as it was');
  });

  it('never notes an opened section on a question kept without its asker', async () => {
    const bot = await createTestBot();
    await bot.store.feedback.add({ id: 'q-anon', at: '2026-01-01T00:00:00.000Z', question: 'can i get my work emails on my own phone', sectionId: 'webmail', answered: true });
    const shown = invokeCard(await bot.execute('policy.section', { sectionId: 'personal-devices', feedbackId: 'q-anon' }));
    assert.match(cardText(shown), /Personal devices for work/);
    assert.equal((await bot.store.feedback.get('q-anon'))?.openedSectionId, undefined);
  });

  it('offers no other section beside a clear answer, and none on a card shown with no question', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can i use gmail at work');
    assert.match(cardText(card), /Webmail/);
    assert.doesNotMatch(cardText(card), /Not quite what you asked/);
    assert.equal(bodyActions(card).length, 0);
    const plain = invokeCard(await bot.execute('policy.section', { sectionId: 'personal-devices', feedbackId: 'no-such-question' }));
    assert.match(cardText(plain), /Personal devices for work/);
    assert.doesNotMatch(cardText(plain), /You asked|Not quite what you asked/);
  });

  it('offers "Report a device problem" when a device is not working', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'my laptop won\u2019t turn on and I can\u2019t do my work');
    const button = actions(card).find((a) => a.title === 'Report a device problem');
    assert.equal(button?.verb, 'complaint.open');
  });

  it('answers a question from the help card\u2019s "Ask a policy question" in place', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('policy.ask', { question: 'can I tether my laptop to my phone?' }));
    assert.match(cardText(card), /Tethering and mobile hotspots/);
    const empty = invokeCard(await bot.execute('policy.ask', { question: '   ' }));
    assert.match(cardText(empty), /Type your question first/);
    assert.equal((await allStored(bot.store, 'feedback')).length, 1, 'the empty question is not kept');
  });

  it('stores the vote on the question, once, and lets the asker change their mind', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can I use facebook at lunch');
    const no = voteData(card, 'no');
    const after = invokeCard(await bot.execute('policy.vote', no));
    assert.match(cardText(after), /policy owner will see/);
    assert.doesNotMatch(cardText(after), /Did this answer/, 'the buttons are gone');
    let [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(feedback.helpful, false);
    assert.equal(feedback.askerId, STAFF.aadObjectId);
    assert.equal(feedback.sectionId, 'social-media');

    const again = invokeCard(await bot.execute('policy.vote', no));
    assert.match(cardText(again), /already told us/);

    const yes = invokeCard(await bot.execute('policy.vote', voteData(card, 'yes')));
    assert.match(cardText(yes), /Changed/);
    [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(feedback.helpful, true);
    assert.equal((await allStored(bot.store, 'feedback')).length, 1);
  });

  it('keeps a long question to its first 500 characters, without cutting an emoji in half', async () => {
    const bot = await createTestBot();
    const question = `can I use facebook at lunch ${'x'.repeat(471)}\u{1F4F1} and more`;
    await ask(bot, question);
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(Array.from(feedback.question).length, 500);
    assert.ok(feedback.question.endsWith('x\u{1F4F1}'), 'the last character kept is the whole emoji');
  });

  it('refuses a vote on someone else\u2019s question and changes nothing', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'can I use facebook at lunch');
    const refused = invokeCard(await bot.execute('policy.vote', voteData(card, 'no'), { from: COLLEAGUE }));
    assert.match(cardText(refused), /Only the person who asked/);
    const [feedback] = await allStored(bot.store, 'feedback');
    assert.equal(feedback.helpful, undefined);
  });

  it('rejects a forged or broken vote', async () => {
    const bot = await createTestBot();
    const unknown = invokeCard(await bot.execute('policy.vote', { feedbackId: 'made-up', helpful: 'no' }));
    assert.match(cardText(unknown), /can\u2019t find the question/);
    const card = await ask(bot, 'can I use facebook at lunch');
    const broken = invokeCard(await bot.execute('policy.vote', { ...voteData(card, 'no'), helpful: 'maybe' }));
    assert.match(cardText(broken), /could not be read/);
    assert.equal((await allStored(bot.store, 'feedback'))[0].helpful, undefined);
  });

  it('gives the help card for a word or two that match nothing, and keeps no question', async () => {
    const bot = await createTestBot();
    const card = await ask(bot, 'hepl');
    assert.match(cardText(card), /Ask a policy question/);
    assert.equal((await allStored(bot.store, 'feedback')).length, 0);
  });

  it('answers in a channel where it was asked', async () => {
    const bot = await createTestBot();
    const { replies } = await bot.say('is gmail blocked on council computers', { conversationType: 'channel' });
    assert.equal(replies[0].conversation?.id, '19:channel-1@thread.tacv2');
    assert.match(cardText(cardOf(replies[0])), /Webmail/);
  });
});

describe('policy gaps', () => {
  it('is refused to staff, and audited', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    const { replies } = await bot.say('policy gaps');
    assert.match(String(replies[0].text), /only the bot\u2019s admins/);
    assert.equal(cardOf(replies[0]), undefined);
    const [audit] = await allStored(bot.store, 'audit');
    assert.equal(audit.action, 'policy-gaps');
    assert.equal(audit.outcome, 'refused');
  });

  it('shows admins the most frequent unanswered and down-voted questions, similar wording together', async () => {
    const bot = await createTestBot({ env: { ADMIN_IDS: ADMIN_ID } });
    await ask(bot, 'what\u2019s for lunch in the canteen?');
    await ask(bot, 'Whats for lunch in the canteen', COLLEAGUE);
    await ask(bot, 'when is pay day this month');
    const answered = await ask(bot, 'can I use facebook at lunch');
    await bot.execute('policy.vote', voteData(answered, 'no'));
    await ask(bot, 'is gmail blocked on council computers');

    const { replies } = await bot.say('policy gaps', { from: ADMIN });
    const text = cardText(cardOf(replies[0]));
    assert.match(text, /Policy gaps/);
    const canteen = text.indexOf('canteen');
    assert.ok(canteen >= 0 && canteen < text.indexOf('pay day'), 'the canteen question, asked twice, comes first');
    assert.match(text, /Asked twice \(not answered twice\), 2 wordings/);
    assert.match(text, /answer did not help once/);
    assert.doesNotMatch(text, /gmail/, 'answered questions nobody down-voted are not gaps');
  });
});
