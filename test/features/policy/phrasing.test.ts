import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Application, type Memory, type PromptCompletionModel, type PromptFunctions, type PromptTemplate, type Tokenizer, type TurnState } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { PromptResponse } from '@microsoft/teams-ai/lib/types/index.js';
import { PHRASING_TIMEOUT_MS } from '../../../src/features/policy/phrasing.js';
import { register as registerPolicy } from '../../../src/features/policy/register.js';
import { cardOf, cardText, createTestBot, STAFF } from '../../helpers/bot.js';

/** A model that never touches the network: it records the prompt it was given and answers as told. */
class StubModel implements PromptCompletionModel {
  prompts: string[] = [];
  constructor(private readonly reply: (prompt: string) => Promise<PromptResponse<string>>) {}
  async completePrompt(context: TurnContext, memory: Memory, functions: PromptFunctions, tokenizer: Tokenizer, template: PromptTemplate): Promise<PromptResponse<string>> {
    const rendered = await template.prompt.renderAsMessages(context, memory, functions, tokenizer, 8000);
    const prompt = rendered.output.map((m) => `${m.role}: ${m.content}`).join('\n');
    this.prompts.push(prompt);
    return this.reply(prompt);
  }
}

/**
 * The messages of a turn. Plain typing indicators are left aside: how many a turn gets depends
 * on how long the policy's meanings took to be ready, which depends on what ran before. A
 * streamed update (a typing activity with a stream type) must not appear in a group chat at all.
 */
function messagesOf({ replies }: { replies: Partial<Activity>[] }): Partial<Activity>[] {
  assert.ok(replies.every((a) => (a.channelData as { streamType?: string } | undefined)?.streamType === undefined), 'nothing is streamed in a group chat');
  return replies.filter((a) => a.type !== 'typing');
}

const says = (content: string) => async (): Promise<PromptResponse<string>> => ({ status: 'success', message: { role: 'assistant', content } });

async function botWith(model: StubModel) {
  return createTestBot({
    env: { POLICY_URL: 'https://intranet.example/aup' },
    createApp: (deps) => {
      const app = new Application<TurnState>({ startTypingTimer: false });
      registerPolicy(app, deps, { model });
      return app;
    }
  });
}

const HOTMAIL = 'Can I check my Hotmail on my work laptop at lunch?';
/** Teams streams only in 1:1 chats: in a group chat or channel the phrased answer is sent whole (streamed-answer.test.ts has the 1:1 chat). */
const GROUP = { conversationType: 'groupChat' } as const;

describe('policy answers phrased by a model, in a group chat', () => {
  it('phrases the answer from the retrieved section only, cites it and labels it AI-generated', async () => {
    const model = new StubModel(says('No. Personal webmail such as Hotmail is blocked on council equipment [1]. Use your own phone instead [1].'));
    const bot = await botWith(model);
    const replies = messagesOf(await bot.say(HOTMAIL, GROUP));
    assert.equal(replies.length, 2);
    const [quoted, reply] = replies;
    assert.match(cardText(cardOf(quoted)), /Did this answer your question\?/, 'the answer card with the quoted passage comes first');
    assert.equal(quoted.entities, undefined, 'the quoted answer carries no AI label');
    assert.match(String(reply.text), /Hotmail is blocked on council equipment \[1\]/);
    const entity = reply.entities?.[0] as unknown as Record<string, unknown> & { citation: Array<{ position: number; appearance: { name: string; url: string } }> };
    assert.deepEqual(entity.additionalType, ['AIGeneratedContent']);
    assert.equal(entity.citation.length, 1);
    assert.equal(entity.citation[0].appearance.name, 'Webmail (Gmail, Hotmail, Yahoo)');
    assert.equal(entity.citation[0].appearance.url, 'https://intranet.example/aup#webmail');

    const [prompt] = model.prompts;
    assert.match(prompt, /Use ONLY the numbered policy sections/);
    assert.match(prompt, /\[1\] Webmail \(Gmail, Hotmail, Yahoo\)\nYou cannot access personal webmail/);
    assert.match(prompt, /user: Can I check my Hotmail/);
    assert.doesNotMatch(prompt, /Tethering means/, 'sections retrieval did not pick are not given to the model');
  });

  const fallbacks: Array<[string, StubModel]> = [
    ['the model fails', new StubModel(async () => ({ status: 'error', error: new Error('503 from the service') }))],
    ['the model throws', new StubModel(async () => Promise.reject(new Error('socket hang up')))],
    ['the model says the sections do not answer', new StubModel(says('NOT_IN_POLICY'))],
    ['the model cites nothing', new StubModel(says('Yes, that is fine at lunch.'))]
  ];
  for (const [when, model] of fallbacks) {
    it(`falls back to the retrieval answer when ${when}`, async () => {
      const bot = await botWith(model);
      const replies = messagesOf(await bot.say(HOTMAIL, GROUP));
      assert.equal(replies.length, 1);
      assert.equal(replies[0].text, undefined, 'no model text');
      assert.equal(replies[0].entities, undefined, 'no AI label');
      assert.match(cardText(cardOf(replies[0])), /cannot access personal webmail/);
      assert.equal(model.prompts.length, 1, 'the model was asked');
    });
  }

  describe('a model slower than a turn may last', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    /**
     * A model that answers after `ms` of the (fake) clock. `asked` resolves when it is called,
     * with whether the card had gone out by then, so the clock moves only once the model waits.
     */
    function slowModel(ms: number) {
      let markAsked: (cardSent: boolean) => void = () => undefined;
      const asked = new Promise<boolean>((resolve) => (markAsked = resolve));
      const model = new StubModel(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return { status: 'success', message: { role: 'assistant', content: 'No. Personal webmail is blocked [1].' } };
      });
      const original = model.completePrompt.bind(model);
      model.completePrompt = async (context, ...rest) => {
        const answer = original(context, ...rest);
        markAsked(context.responded);
        return answer;
      };
      return { model, asked };
    }

    it('sends the quoted answer before asking the model, and gives up on the model well before Teams would deliver again', async () => {
      assert.ok(PHRASING_TIMEOUT_MS <= 10_000, `the model gets ${PHRASING_TIMEOUT_MS} ms of Teams' 15 s`);
      const { model, asked } = slowModel(20_000);
      const bot = await botWith(model);
      let done = false;
      const turn = bot.say(HOTMAIL, GROUP).finally(() => (done = true));
      assert.equal(await asked, true, 'the card had gone out when the model was asked');
      await clock.tickAsync(PHRASING_TIMEOUT_MS - 1);
      assert.equal(done, false, 'the turn waits for the model up to the bound');
      await clock.tickAsync(1);
      const replies = messagesOf(await turn);
      assert.equal(replies.length, 1, 'only the quoted answer: the late phrasing is dropped');
      assert.match(cardText(cardOf(replies[0])), /cannot access personal webmail/);
      assert.equal(replies[0].entities, undefined);
    });

    it('sends the phrased answer after the card when the model answers in time', async () => {
      const { model, asked } = slowModel(PHRASING_TIMEOUT_MS - 500);
      const bot = await botWith(model);
      const turn = bot.say(HOTMAIL, GROUP);
      await asked;
      await clock.tickAsync(PHRASING_TIMEOUT_MS - 500);
      const replies = messagesOf(await turn);
      assert.equal(replies.length, 2);
      assert.ok(cardOf(replies[0]));
      assert.match(String(replies[1].text), /Personal webmail is blocked \[1\]/);
    });

    it('keeps one question when Teams delivers the same message again', async () => {
      const { model, asked } = slowModel(20_000);
      const bot = await botWith(model);
      const added = sinon.spy(bot.store.feedback, 'add');
      const delivery = { type: 'message', id: 'teams-msg-1', text: HOTMAIL, from: STAFF, conversation: { id: '19:groupChat-1@thread.tacv2', conversationType: 'groupChat', isGroup: true, name: '' } };
      const first = bot.send(delivery);
      await asked;
      await clock.tickAsync(PHRASING_TIMEOUT_MS);
      await first;
      // Delivered again after the first turn (the repeat guard is not wired in this app, so the
      // question's id is what keeps it once).
      const again = bot.send(delivery);
      await clock.tickAsync(PHRASING_TIMEOUT_MS);
      assert.equal(messagesOf(await again).length, 1, 'the repeat is answered with the card');
      assert.equal(added.callCount, 1, 'one question stored');
    });
  });

  it('does not ask the model when the policy has no answer', async () => {
    const model = new StubModel(says('The canteen serves curry on Fridays [1].'));
    const bot = await botWith(model);
    const replies = messagesOf(await bot.say('what\u2019s for lunch in the canteen?'));
    assert.equal(model.prompts.length, 0);
    assert.equal(replies[0].text, undefined);
    assert.match(cardText(cardOf(replies[0])), /isn't covered by the ICT policy/);
  });
});
