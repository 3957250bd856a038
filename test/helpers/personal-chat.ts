import { ActivityEventNames, ActivityTypes, TurnContext, type Activity, type BotAdapter, type ConversationParameters } from 'botbuilder';
import sinon from 'sinon';

/** A stand-in for Teams opening a person's 1:1 chat: runs the bot's logic and keeps what it sent there. */
export interface FakePersonalChat {
  create: sinon.SinonStub;
  /** What reached the 1:1 chat. */
  delivered: Partial<Activity>[];
}

/**
 * Replaces `createConversationAsync` with one that runs the bot's callback in a new 1:1
 * conversation, as Teams does, so a test sees whether the form actually arrives there.
 */
export function fakePersonalChat(adapter: BotAdapter): FakePersonalChat {
  const delivered: Partial<Activity>[] = [];
  const create = sinon.stub(adapter, 'createConversationAsync').callsFake(async (...args: unknown[]) => {
    const parameters = args[4] as ConversationParameters;
    const logic = args[5] as (context: TurnContext) => Promise<void>;
    const context = new TurnContext(adapter, {
      type: ActivityTypes.Event,
      name: ActivityEventNames.CreateConversation,
      channelId: 'msteams',
      conversation: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '' },
      from: parameters.members?.[0] ?? { id: '', name: '' },
      recipient: parameters.bot ?? { id: '', name: '' }
    });
    context.onSendActivities(async (_context, activities) => {
      delivered.push(...activities);
      return activities.map((_, i) => ({ id: `personal-${delivered.length + i}` }));
    });
    await logic(context);
  });
  return { create, delivered };
}
