import assert from 'node:assert/strict';
import { useE2ESession } from './session.js';
import { allStored } from '../helpers/all-stored.js';

const HOTMAIL = 'Can I check my Hotmail on my work laptop at lunch?';

/** Each test finds the feedback its own question left, so none needs another to have run first. */
describe('end to end in the Playground: policy questions', function () {
  const e2e = useE2ESession();

  /** The one feedback entry the bot stored for `question`. */
  async function feedbackOn(question: string) {
    const entries = (await allStored(await e2e.stored(), 'feedback')).filter((entry) => entry.question === question);
    assert.equal(entries.length, 1, `one feedback entry for "${question}"`);
    return entries[0];
  }

  it('answers a question typed in the chat with the policy section, and keeps the vote', async () => {
    const { chat } = e2e;
    const card = await chat.say(HOTMAIL);
    await chat.waitForText(card, 'Webmail (Gmail, Hotmail, Yahoo)');
    await chat.waitForText(card, 'You cannot access personal webmail services');
    await chat.waitForText(card, 'Quoted from "Webmail (Gmail, Hotmail, Yahoo)"');
    await chat.waitForText(card, 'Did this answer your question?');
    await chat.waitForText(card, 'Read the full section');
    await chat.capture(card, 'policy-answer');

    const asked = await feedbackOn(HOTMAIL);
    assert.equal(asked.answered, true);
    assert.equal(asked.sectionId, 'webmail');
    assert.equal(asked.askerId, await e2e.userId());

    await chat.press(card, 'Yes');
    await chat.waitForText(card, 'Thank you. Glad that helped.');
    const voted = await feedbackOn(HOTMAIL);
    assert.equal(voted.helpful, true);
  });

  it('offers the sections close to an answer, and shows one for the question asked', async () => {
    const { chat } = e2e;
    const question = 'can i get my work emails on my own phone';
    const card = await chat.say(question);
    await chat.waitForText(card, 'Personal devices for work');
    await chat.waitForText(card, 'Not quite what you asked? These sections are close too:');
    await chat.capture(card, 'policy-also-close');

    await chat.press(card, 'Show "Webmail (Gmail, Hotmail, Yahoo)"');
    await chat.waitForText(card, 'Quoted from "Webmail (Gmail, Hotmail, Yahoo)"');
    await chat.waitForText(card, question);
    await chat.waitForText(card, 'Show "Personal devices for work"');
    assert.equal(await card.getByText('Did this answer your question?').count(), 0, 'the vote is on the section that answered');
    const asked = await feedbackOn(question);
    assert.equal(asked.sectionId, 'personal-devices', 'the question stays answered from the section that answered it');
  });

  it('declines a question the policy does not cover, says where it goes, and notes it for the policy owner', async () => {
    const { chat } = e2e;
    const card = await chat.say('what\u2019s for lunch in the canteen?');
    await chat.waitForText(card, 'This isn\'t covered by the ICT policy');
    await chat.waitForText(card, 'I won\'t guess');
    await chat.waitForText(card, 'Facilities');
    assert.equal(await card.getByText('Did this answer your question?').count(), 0, 'no answer to vote on');
    await chat.capture(card, 'policy-not-found');

    const declined = await feedbackOn('what\u2019s for lunch in the canteen?');
    assert.equal(declined.answered, false);
    assert.equal(declined.sectionId, undefined);
  });

  it('answers from the help card\u2019s "Ask a policy question" box, in place of the help card', async () => {
    const { chat } = e2e;
    const card = await chat.say('help');
    await chat.press(card, 'Ask a policy question');
    await chat.type(card, 'Your question', 'Am I allowed to use my work email to sign up for Amazon?');
    await chat.press(card, 'Ask');
    await chat.waitForText(card, 'Your council e-mail address');
    await chat.waitForText(card, 'Use your council e-mail address for council business only.');

    const asked = await feedbackOn('Am I allowed to use my work email to sign up for Amazon?');
    assert.equal(asked.answered, true);
    assert.equal(asked.sectionId, 'council-email');
  });
});
