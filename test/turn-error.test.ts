import assert from 'node:assert/strict';
import { ActivityEventNames, ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { turnErrorHandler } from '../src/app.js';
import { createLogger } from '../src/log.js';

/** The replies the handler sends for a turn made of `activity`. */
async function repliesTo(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter();
  const sent: Partial<Activity>[] = [];
  const context = new TurnContext(adapter, { channelId: 'msteams', conversation: { id: 'c1' } as Activity['conversation'], from: { id: 'u1', name: '' }, recipient: { id: 'b1', name: '' }, ...activity });
  context.onSendActivities(async (_context, activities) => {
    sent.push(...activities);
    return activities.map(() => ({ id: 'x' }));
  });
  await turnErrorHandler(createLogger('silent'))(context, new Error('connector answered 500'));
  return sent;
}

describe('turn error handler', () => {
  it('tells a person whose message failed that something went wrong', async () => {
    const sent = await repliesTo({ type: ActivityTypes.Message, text: 'hello' });
    assert.equal(sent.length, 1);
    assert.match(String(sent[0].text), /Sorry, something went wrong/);
  });

  for (const name of [ActivityEventNames.ContinueConversation, ActivityEventNames.CreateConversation]) {
    it(`sends nothing for a failed proactive turn (${name}): nobody asked, and its sender retries`, async () => {
      assert.deepEqual(await repliesTo({ type: ActivityTypes.Event, name }), []);
    });
  }
});
