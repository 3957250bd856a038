import assert from 'node:assert/strict';
import { useE2ESession } from './session.js';
import { openComposeSearch } from './compose.js';
import { allStored } from '../helpers/all-stored.js';

describe('end to end in the Playground: the policy from the compose box', function () {
  const e2e = useE2ESession();

  it('searches the policy, lists the matching sections best first, and sends the chosen section as a card', async () => {
    const { chat } = e2e;
    const search = await openComposeSearch(chat.page);
    const best = await search.search('hotmail at lunch', 'Webmail (Gmail, Hotmail, Yahoo)');
    // Best first: the section the chat would answer with is the first result's title.
    const listed = (await search.panel.innerText()).split('\n').map((line) => line.trim());
    const first = listed.findIndex((line) => line === 'Webmail (Gmail, Hotmail, Yahoo)');
    assert.ok(first >= 0 && !listed.slice(0, first).includes('Your council e-mail address'), `results: ${listed.join(' / ')}`);
    await chat.waitForText(search.panel, /You cannot access personal we/);
    await chat.capture(search.panel, 'compose-search-results', { playgroundOwn: true });

    const before = await chat.cards().count();
    await best.click();
    await chat.page.getByRole('button', { name: 'Send Message' }).click();
    const sent = chat.cards().nth(before);
    await sent.waitFor();
    await chat.waitForText(sent, 'You cannot access personal webmail services');
    await chat.waitForText(sent, 'Quoted from "Webmail (Gmail, Hotmail, Yahoo)"');
    await chat.waitForText(sent, 'Read the full section');
    assert.equal(await sent.getByText('Did this answer your question?').count(), 0, 'a shared section asks nothing');
    await chat.capture(sent, 'compose-inserted-card');

    // The shared card reaches the bot as a message: it is not a question, so nothing answers or is kept.
    await chat.say('Can I use my phone as a hotspot for my laptop?');
    const feedback = await allStored(await e2e.stored(), 'feedback');
    assert.deepEqual(feedback.map((entry) => entry.question), ['Can I use my phone as a hotspot for my laptop?']);
    assert.equal(await chat.cards().count(), before + 2, 'the shared card and the answer to the typed question, nothing more');
  });
});
