/** Reports stay private by proof: only an activity that says it is from a 1:1 chat counts as one. */
import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { isPersonalChat } from '../../src/shared/activity.js';
import { NOT_IN_SHARED_CHATS } from '../../src/shared/private-chat.js';
import { createTestBot, STAFF } from '../helpers/bot.js';
import { validComplaint } from '../helpers/submissions.js';

const contextIn = (conversation: Record<string, unknown> | undefined) => ({ activity: { conversation } }) as unknown as TurnContext;

describe('isPersonalChat', () => {
  it('is true only for a conversation Teams calls personal', () => {
    assert.equal(isPersonalChat(contextIn({ id: 'a:1', conversationType: 'personal' })), true);
    for (const conversation of [{ id: '19:x@thread.tacv2' }, { id: '19:x', conversationType: 'channel' }, { id: '19:x', conversationType: 'groupChat' }, undefined]) {
      assert.equal(isPersonalChat(contextIn(conversation)), false, JSON.stringify(conversation));
    }
  });

  it('keeps a report sent from a conversation of no stated type out of the store', async () => {
    const bot = await createTestBot();
    const result = await bot.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: STAFF,
      conversation: { id: '19:general@thread.tacv2' } as never,
      replyToId: 'card-1',
      value: { action: { type: 'Action.Execute', verb: 'complaint.submit', data: { verb: 'complaint.submit', ...validComplaint() } }, trigger: 'manual' }
    });
    assert.equal((result.invokeResponse?.body as { value?: unknown })?.value, NOT_IN_SHARED_CHATS);
    assert.deepEqual(await bot.store.reports.list(), []);
  });
});
