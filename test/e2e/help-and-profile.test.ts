import assert from 'node:assert/strict';
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
      await card.getByRole('button', { name: button, exact: true }).waitFor();
    }
    await chat.capture(card, 'help');

    const { counts } = await (await e2e.stored()).status();
    assert.equal(counts.profiles, 0, 'saying hello stores no profile');
    assert.equal(counts.reports, 0, 'saying hello stores no report');
  });

  it('opens the profile card from the help card, refuses an empty form, saves it, and shows the saved answers when "profile" is typed again', async () => {
    const { chat } = e2e;
    const card = await chat.say('help');
    await chat.waitForText(card, 'ICT policy helper');
    await chat.press(card, 'My profile');
    await chat.waitForText(card, 'Your profile');
    await chat.capture(card, 'profile');

    await chat.press(card, 'Save profile');
    await chat.waitForText(card, 'Choose yes or no.');
    assert.match(await chat.capture(card, 'profile-errors'), /Choose yes or no\./, 'the themes draw the card with its errors');
    assert.equal((await (await e2e.stored()).status()).counts.profiles, 0, 'nothing is saved from an empty form');

    await chat.choose(card, /children or vulnerable people/, 'Yes');
    await chat.choose(card, /remotely or flexibly/, 'No');
    await chat.choose(card, /council devices/, 'Laptop computer');
    await chat.choose(card, /council devices/, 'Smartphone');
    await chat.press(card, 'Save profile');
    await chat.waitForText(card, /Saved\. You can change these at any time/);
    assert.match(await chat.capture(card, 'profile-saved'), /Saved\. You can change these at any time/, 'the themes draw the card that replaced the form');

    const store = await e2e.stored();
    assert.equal((await store.status()).counts.profiles, 1);
    const profile = await store.people.getProfile(await e2e.userId());
    assert.ok(profile, 'stored under the Playground user\u2019s id');
    assert.equal(profile.worksWithChildrenOrVulnerable, 'yes');
    assert.equal(profile.remoteOrFlexible, 'no');
    assert.deepEqual([...profile.devices].sort(), ['laptop', 'smartphone']);

    const again = await chat.say('profile');
    await chat.waitForText(again, 'Your profile');
    assert.equal(await chat.isChosen(again, /children or vulnerable people/, 'Yes'), true);
    assert.equal(await chat.isChosen(again, /remotely or flexibly/, 'No'), true);
    assert.equal(await chat.isChosen(again, /council devices/, 'Laptop computer'), true);
    assert.equal(await chat.isChosen(again, /council devices/, 'Smartphone'), true);
    assert.equal(await chat.isChosen(again, /council devices/, 'Tablet'), false);
    assert.equal((await (await e2e.stored()).status()).counts.profiles, 1, 'showing the card again stores nothing new');
  });
});
