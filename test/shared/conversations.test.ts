import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TRUST_STORED_MS } from '../../src/shared/conversations.js';
import { createTestBot, STAFF } from '../helpers/bot.js';
import { allStored } from '../helpers/all-stored.js';

describe('conversation references', () => {
  afterEach(() => sinon.restore());

  it('are saved on first use in a personal chat, and not written again when nothing changed', async () => {
    const bot = await createTestBot();
    const save = sinon.spy(bot.store.conversations, 'save');
    await bot.say('hello');
    const record = await bot.store.conversations.get(STAFF.aadObjectId!);
    assert.equal(record?.reference.serviceUrl, 'https://smba.example.test/uk/');
    assert.equal((record?.reference.conversation as { id: string }).id, 'a:personal-1');
    assert.equal(record?.reference.activityId, undefined, 'a proactive card replies to nothing');
    await bot.say('profile');
    await bot.execute('help.show');
    assert.equal(save.callCount, 1);
  });

  it('are refreshed when Teams moves the conversation to another service URL', async () => {
    const bot = await createTestBot();
    await bot.say('hello');
    await bot.send({ type: 'message', text: 'hello', from: STAFF, serviceUrl: 'https://smba.example.test/emea/', conversation: { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' } });
    assert.equal((await bot.store.conversations.get(STAFF.aadObjectId!))?.reference.serviceUrl, 'https://smba.example.test/emea/');
  });

  it('are captured when the app is installed', async () => {
    const bot = await createTestBot();
    await bot.send({ type: 'installationUpdate', action: 'add', from: STAFF, conversation: { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' } });
    assert.ok(await bot.store.conversations.get(STAFF.aadObjectId!));
  });

  it('are not taken from channels or group chats', async () => {
    const bot = await createTestBot();
    await bot.say('hello', { conversationType: 'channel' });
    await bot.say('hello', { conversationType: 'groupChat' });
    assert.deepEqual(await allStored(bot.store, 'conversations'), []);
  });

  it('clear "gone" when the person uses the bot again', async () => {
    const bot = await createTestBot();
    await bot.say('hello');
    const record = (await bot.store.conversations.get(STAFF.aadObjectId!))!;
    await bot.store.conversations.save({ ...record, goneAt: '2026-01-01T00:00:00.000Z' });
    const fresh = await createTestBot({ store: bot.store });
    await fresh.say('hello');
    assert.equal((await bot.store.conversations.get(STAFF.aadObjectId!))?.goneAt, undefined);
  });

  it('clear "gone" marked by another instance within minutes of the person coming back', async () => {
    let now = new Date('2026-11-23T09:00:00.000Z');
    const bot = await createTestBot({ now: () => now });
    await bot.say('hello');
    // Another instance sharing the store sent a card and Teams answered 404.
    const record = (await bot.store.conversations.get(STAFF.aadObjectId!))!;
    await bot.store.conversations.save({ ...record, goneAt: now.toISOString() });
    await bot.say('hello');
    assert.ok((await bot.store.conversations.get(STAFF.aadObjectId!))?.goneAt, 'still trusted from a moment ago');
    now = new Date(now.getTime() + TRUST_STORED_MS + 1);
    await bot.say('hello');
    assert.equal((await bot.store.conversations.get(STAFF.aadObjectId!))?.goneAt, undefined);
  });
});
