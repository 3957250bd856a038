/**
 * A message Teams delivers twice (same activity id) is answered once and stored once, on
 * one instance and across two sharing a store; a new message with the same words is not a
 * repeat.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { allStored } from '../helpers/all-stored.js';
import { createTestBot, STAFF, type TestBot } from '../helpers/bot.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';
import { validComplaint } from '../helpers/submissions.js';

const PERSONAL = { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' };

function message(id: string, fields: Partial<Activity>): Partial<Activity> {
  return { type: 'message', id, from: STAFF, conversation: PERSONAL, ...fields };
}

const question = (id: string) => message(id, { text: 'can I check hotmail on my work laptop?' });

describe('a repeated delivery', () => {
  it('of a question gets one answer and stores one question', async () => {
    const bot = await createTestBot();
    const first = await bot.send(question('act-1'));
    const repeat = await bot.send(question('act-1'));
    assert.equal(first.replies.length > 0, true);
    assert.deepEqual(repeat.replies, []);
    assert.equal((await allStored(bot.store, 'feedback')).length, 1);
  });

  it('is told apart from a new message with the same words', async () => {
    const bot = await createTestBot();
    await bot.send(question('act-1'));
    assert.ok((await bot.send(question('act-2'))).replies.length > 0);
    assert.equal((await allStored(bot.store, 'feedback')).length, 2);
  });

  it('of a card submitted with Action.Submit gets one confirmation and stores one report', async () => {
    const bot = await createTestBot();
    const submission = message('act-9', { replyToId: 'card-1', value: { verb: 'complaint.submit', ...validComplaint() } });
    const first = await bot.send(submission);
    const repeat = await bot.send(submission);
    // The confirmation replaces the form (or, where it cannot, is a reply).
    assert.equal(first.updates.length + first.replies.length, 1);
    assert.deepEqual([repeat.updates, repeat.replies], [[], []]);
    assert.equal((await bot.store.reports.list()).length, 1);
  });

  describe('to the other of two instances sharing PostgreSQL', () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await freshSchema();
    });
    afterEach(() => schema.drop());

    it('gets one answer between them and stores one question', async () => {
      const bots: TestBot[] = [await createTestBot({ store: await schema.open() }), await createTestBot({ store: await schema.open() })];
      const [first, repeat] = await Promise.all(bots.map((bot) => bot.send(question('act-1'))));
      assert.equal(first.replies.length + repeat.replies.length > 0, true);
      assert.equal(first.replies.length === 0 || repeat.replies.length === 0, true, 'only one instance answers');
      assert.equal((await allStored(bots[0].store, 'feedback')).length, 1);
    });
  });
});
