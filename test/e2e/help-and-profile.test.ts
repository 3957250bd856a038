import assert from 'node:assert/strict';
import type { Profile } from '../../src/store/types.js';
import { useE2ESession } from './session.js';

describe('end to end in the Playground: help and profile', function () {
  const e2e = useE2ESession();

  it('welcomes on install, and answers "hello" with the help card', async () => {
    const { chat } = e2e;
    assert.equal(await chat.cards().count(), 1, 'the welcome card is the only card');
    await chat.waitForText(chat.cards().first(), 'ICT policy helper');

    const card = await chat.say('hello');
    await chat.waitForText(card, 'ICT policy helper');
    await chat.waitForText(card, 'This bot is running in local test mode');
    for (const button of ['Ask a policy question', 'Report a device problem', 'Report personal number sharing', 'My profile']) {
      assert.ok(await card.getByRole('button', { name: button, exact: true }).isVisible(), `the help card has "${button}"`);
    }
    await chat.capture(card, 'help');

    assert.deepEqual(await e2e.records('profiles'), [], 'saying hello stores no profile');
    assert.deepEqual(await e2e.records('reports'), [], 'saying hello stores no report');
  });

  it('opens the profile card from the help card, refuses an empty form, then saves it', async () => {
    const { chat } = e2e;
    const card = chat.cards().last();
    await chat.press(card, 'My profile');
    await chat.waitForText(card, 'Your profile');
    await chat.capture(card, 'profile');

    await chat.press(card, 'Save profile');
    await chat.waitForText(card, 'Choose yes or no.');
    await chat.capture(card, 'profile-errors');
    assert.deepEqual(await e2e.records('profiles'), [], 'nothing is saved from an empty form');

    await chat.choose(card, /children or vulnerable people/, 'Yes');
    await chat.choose(card, /remotely or flexibly/, 'No');
    await chat.choose(card, /council devices/, 'Laptop computer');
    await chat.choose(card, /council devices/, 'Smartphone');
    await chat.press(card, 'Save profile');
    await chat.waitForText(card, /Saved\. You can change these at any time/);
    await chat.capture(card, 'profile-saved');

    const profiles = await e2e.records<Profile>('profiles');
    assert.equal(profiles.length, 1);
    assert.equal(profiles[0].worksWithChildrenOrVulnerable, 'yes');
    assert.equal(profiles[0].remoteOrFlexible, 'no');
    assert.deepEqual([...profiles[0].devices].sort(), ['laptop', 'smartphone']);
    assert.match(profiles[0].aadObjectId, /\S/, 'stored under the Playground user\u2019s Entra id');
  });

  it('shows the saved answers when "profile" is typed again', async () => {
    const { chat } = e2e;
    const card = await chat.say('profile');
    await chat.waitForText(card, 'Your profile');
    assert.equal(await chat.isChosen(card, /children or vulnerable people/, 'Yes'), true);
    assert.equal(await chat.isChosen(card, /remotely or flexibly/, 'No'), true);
    assert.equal(await chat.isChosen(card, /council devices/, 'Laptop computer'), true);
    assert.equal(await chat.isChosen(card, /council devices/, 'Smartphone'), true);
    assert.equal(await chat.isChosen(card, /council devices/, 'Tablet'), false);
    assert.equal((await e2e.records('profiles')).length, 1, 'showing the card again stores nothing new');
  });
});
