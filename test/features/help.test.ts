import assert from 'node:assert/strict';
import { BOT, cardOf, cardText, createTestBot, invokeCard, STAFF } from '../helpers/bot.js';

describe('welcome and help', () => {
  for (const text of ['hello', 'Hi', 'help', 'HELP!', 'hepl']) {
    it(`answers "${text}" with the help card`, async () => {
      const bot = await createTestBot();
      const { replies } = await bot.say(text);
      assert.equal(replies.length, 1);
      const card = cardOf(replies[0]);
      assert.ok(card, 'a card was sent');
      const text_ = cardText(card);
      assert.match(text_, /Acceptable Use of ICT Assets and Social Media/);
      for (const button of ['Ask a policy question', 'Report a device problem', 'Report personal number sharing', 'My profile']) {
        assert.ok(text_.includes(button), `has the "${button}" button`);
      }
    });
  }

  it('welcomes with the help card when the bot is added', async () => {
    const bot = await createTestBot();
    const { replies } = await bot.send({ type: 'conversationUpdate', membersAdded: [BOT], recipient: BOT, from: STAFF });
    assert.equal(replies.length, 1);
    assert.match(cardText(cardOf(replies[0])), /ICT policy helper/);
  });

  it('does not welcome again when someone else joins a conversation', async () => {
    const bot = await createTestBot();
    const { replies } = await bot.send({ type: 'conversationUpdate', membersAdded: [STAFF], recipient: BOT, from: STAFF });
    assert.equal(replies.length, 0);
  });

  it('warns on the help card when running in local mode only', async () => {
    const local = await createTestBot();
    assert.match(cardText(cardOf((await local.say('help')).replies[0])), /local test mode/);
    const teams = await createTestBot({ env: { BOT_ID: 'app-id', BOT_PASSWORD: 'secret', BOT_TENANT_ID: 'tenant-id' } });
    assert.doesNotMatch(cardText(cardOf((await teams.say('help')).replies[0])), /local test mode/);
  });

  it('"Show what I can do" returns the help card in place', async () => {
    const bot = await createTestBot();
    const card = invokeCard(await bot.execute('help.show'));
    assert.match(cardText(card), /Report a device problem/);
  });
});
