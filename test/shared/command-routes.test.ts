import assert from 'node:assert/strict';
import { Application, type TurnState } from '@microsoft/teams-ai';
import { TestAdapter, TurnContext } from 'botbuilder';
import { commandOf, onCommand } from '../../src/shared/command-routes.js';
import { createTestBot } from '../helpers/bot.js';

describe('command routes', () => {
  /** A bot with only the summary and foi commands and a catch-all, recording what each was given. */
  async function routedBot(heard: unknown[]) {
    return createTestBot({
      createApp: () => {
        const app = new Application<TurnState>({ startTypingTimer: false });
        onCommand(app, 'summary', async (_context, period) => void heard.push(['summary', period]));
        onCommand(app, 'foi', async (_context, when) => void heard.push(['foi', when]));
        app.activity('message', async (context) => void heard.push(['question', context.activity.text]));
        return app;
      }
    });
  }

  it('hands each command its argument and lets every other message through', async () => {
    const heard: unknown[] = [];
    const bot = await routedBot(heard);
    await bot.say('summary month');
    await bot.say('foi 2020-02-11');
    await bot.say('foi rules for my team');
    await bot.say('help');
    assert.deepEqual(heard, [
      ['summary', { kind: 'days', days: 30 }],
      ['foi', { kind: 'date', date: '2020-02-11' }],
      ['question', 'foi rules for my team'],
      ['question', 'help']
    ]);
  });

  it('reads a message once per turn, however many routes ask', () => {
    const context = new TurnContext(new TestAdapter(), { type: 'message', text: 'summary month' });
    const first = commandOf(context);
    context.activity.text = 'foi';
    assert.equal(commandOf(context), first);
    assert.equal(commandOf(new TurnContext(new TestAdapter(), { type: 'invoke', name: 'adaptiveCard/action' })), undefined);
  });

  it('gives each command one handler', () => {
    const app = new Application<TurnState>({ startTypingTimer: false });
    onCommand(app, 'help', async () => undefined);
    assert.throws(() => onCommand(app, 'help', async () => undefined), /"help" already has a handler/);
  });
});
