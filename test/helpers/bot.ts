/**
 * Drives the real teams-ai `Application` through botbuilder's `TestAdapter`: messages,
 * `Action.Execute` invokes and `Action.Submit` messages, with the replies collected.
 */
import { randomUUID } from 'node:crypto';
import { INVOKE_RESPONSE_KEY, TestAdapter, type Activity, type ChannelAccount, type InvokeResponse, type TurnContext } from 'botbuilder';
import { createBotParts } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openMemoryStore } from './memory-store.js';
import type { Store } from '../../src/store/store.js';
import type { AdaptiveCard } from '../../src/shared/cards.js';
import type { BotApp, FeatureDeps } from '../../src/shared/deps.js';

export const STAFF: ChannelAccount = { id: '29:staff-1', name: 'Sam Staff', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
export const COLLEAGUE: ChannelAccount = { id: '29:staff-2', name: 'Alex Colleague', aadObjectId: '00000000-0000-0000-0000-0000000000a2' };
export const BOT: ChannelAccount = { id: '28:bot', name: 'ICT policy helper' };

/** Config for tests: silent logs, memory-only unless a test opens a file store itself. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent/test-data', ...env });
}

export interface TurnResult {
  /** Activities the bot sent during the turn (messages, updates are not included). */
  replies: Partial<Activity>[];
  /** The invoke response, for invokes. */
  invokeResponse?: InvokeResponse;
  /** Activities the bot updated in place (Action.Submit replacing its card). */
  updates: Partial<Activity>[];
}

export interface TestBot {
  app: BotApp;
  adapter: TestAdapter;
  store: Store;
  config: Config;
  /** Sends a message as `from` (default {@link STAFF}). */
  say(text: string, options?: TurnOptions): Promise<TurnResult>;
  /** Presses an `Action.Execute` button: an `adaptiveCard/action` invoke with `verb` and `data`. */
  execute(verb: string, data?: Record<string, unknown>, options?: TurnOptions): Promise<TurnResult>;
  /** Presses an `Action.Submit` button: a message whose value holds `verb` and `data`. */
  submit(verb: string, data?: Record<string, unknown>, options?: TurnOptions): Promise<TurnResult>;
  /** Sends any activity. */
  send(activity: Partial<Activity>): Promise<TurnResult>;
}

export interface TurnOptions {
  from?: ChannelAccount;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  replyToId?: string;
}

export interface TestBotOptions {
  store?: Store;
  env?: Record<string, string>;
  now?: () => Date;
  /** Builds the app from the deps; the whole bot unless a test wires features itself. */
  createApp?: (deps: FeatureDeps) => BotApp;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const store = options.store ?? (await openMemoryStore());
  const config = testConfig(options.env);
  const app = (options.createApp ?? ((deps) => createBotParts(deps).app))({ config, store, log: createLogger('silent'), now: options.now ?? (() => new Date()) });
  const adapter = new TestAdapter({
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/uk/',
    user: STAFF,
    bot: BOT,
    conversation: { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' }
  });

  async function send(activity: Partial<Activity>): Promise<TurnResult> {
    // Teams gives every activity an id of its own; test adapters of two instances would give the same ones.
    activity = { ...activity, id: activity.id ?? randomUUID() };
    const before = adapter.activeQueue.length;
    const updates: Partial<Activity>[] = [];
    const originalUpdate = adapter.updateActivity.bind(adapter);
    adapter.updateActivity = async (context, update) => {
      updates.push(update);
      return originalUpdate(context, update);
    };
    let invokeResponse: InvokeResponse | undefined;
    try {
      await adapter.processActivity(activity, async (context: TurnContext) => {
        await app.run(context);
        invokeResponse = context.turnState.get(INVOKE_RESPONSE_KEY)?.value;
      });
    } finally {
      adapter.updateActivity = originalUpdate;
    }
    // TestAdapter queues the invoke response like any other activity; CloudAdapter would keep it aside.
    const sent = adapter.activeQueue.splice(before);
    const asInvokeResponse = sent.find((a) => a.type === 'invokeResponse');
    invokeResponse ??= asInvokeResponse?.value as InvokeResponse | undefined;
    return { replies: sent.filter((a) => a.type !== 'invokeResponse'), invokeResponse, updates };
  }

  function conversation(options: TurnOptions) {
    const type = options.conversationType ?? 'personal';
    return { id: type === 'personal' ? 'a:personal-1' : `19:${type}-1@thread.tacv2`, conversationType: type, isGroup: type !== 'personal', name: '' };
  }

  return {
    app,
    adapter,
    store,
    config,
    send,
    say: (text, options = {}) =>
      send({ type: 'message', text, from: options.from ?? STAFF, conversation: conversation(options), replyToId: options.replyToId }),
    execute: (verb, data = {}, options = {}) =>
      send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: options.from ?? STAFF,
        conversation: conversation(options),
        replyToId: options.replyToId ?? 'card-1',
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' }
      }),
    submit: (verb, data = {}, options = {}) =>
      send({ type: 'message', from: options.from ?? STAFF, conversation: conversation(options), replyToId: options.replyToId ?? 'card-1', value: { verb, ...data } })
  };
}

/** The Adaptive Card in an activity, or undefined. */
export function cardOf(activity: Partial<Activity> | undefined): AdaptiveCard | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as AdaptiveCard | undefined;
}

/** The card an `Action.Execute` returned in its invoke response. */
export function invokeCard(result: TurnResult): AdaptiveCard {
  const body = result.invokeResponse?.body as { type?: string; value?: AdaptiveCard } | undefined;
  if (result.invokeResponse?.status !== 200 || body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`expected a card in the invoke response, got ${JSON.stringify(result.invokeResponse)}`);
  }
  return body.value;
}

/**
 * Every piece of text shown on a card (TextBlock text, TextRun text, input labels and the
 * values typed or kept in visible inputs, choice titles, action titles). What a person cannot
 * see is left out: elements with `isVisible: false`, a choice's value, an action's data.
 * Fact values count, as a FactSet shows them.
 */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown, within = ''): void => {
    if (Array.isArray(node)) return node.forEach((item) => walk(item, within));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.isVisible === false) return;
    // A fact's value and a visible input's value are shown; a choice's value is not.
    const shown = within === 'facts' || (typeof record.type === 'string' && record.type.startsWith('Input.'));
    for (const key of ['text', 'label', 'title', 'placeholder', ...(shown ? ['value'] : [])]) {
      if (typeof record[key] === 'string') parts.push(record[key] as string);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'data') walk(value, key);
  };
  walk(card);
  return parts.join('\n');
}

/** Finds the input with this id anywhere in a card. */
export function findInput(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.id === id && typeof record.type === 'string' && record.type.startsWith('Input.')) found = record;
    else Object.values(record).forEach(walk);
  };
  walk(card);
  return found;
}
