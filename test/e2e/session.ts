/**
 * One end-to-end session per test file: the bot on a fresh data directory, the Playground
 * in front of it and a Chromium page on the Playground, started before the file's tests and
 * stopped after them. Tests in a file share the conversation, as one person would.
 *
 * `E2E_SCREENSHOTS=<folder>` (set by `npm run screenshots`) makes `capture` save pictures.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { Store } from '../../src/store/store.js';
import { projectRoot } from '../../src/config/paths.js';
import { openChat, type Chat } from './chat.js';
import { startBotProcess, startPlayground, type BotOptions, type PlaygroundUser, type RunningBot, type RunningPlayground } from './processes.js';
import { allStored } from '../helpers/all-stored.js';

/** Starting Chromium and two Node processes takes a few seconds; on a busy machine more. */
const START_TIMEOUT_MS = 90_000;
/** How long one scenario may take, whatever the mocha configuration running it says. */
const SCENARIO_TIMEOUT_MS = 90_000;
/** Where a failed test leaves a picture of the page. */
const FAILURES_DIR = path.join(projectRoot, 'dist', 'e2e-failures');

export interface E2ESession {
  /** The first person's chat with the bot. */
  chat: Chat;
  /** Each person's chat, in the order they were named (one Playground each). */
  chats: Chat[];
  bot: RunningBot;
  playground: RunningPlayground;
  /**
   * What the bot has stored, as its data files hold it now: the store is opened on the
   * bot's data directory, only read, and closed.
   */
  stored(): Promise<Store>;
  /** The Teams (Entra ID) object id of the Playground's user, from the conversation the bot keeps. */
  userId(): Promise<string>;
}

export interface SessionOptions {
  bot?: BotOptions;
  /**
   * The people who chat with the bot, each in a Playground of their own (two people are two
   * Teams clients of one bot). Without them, one Playground as its sample person.
   */
  people?: PlaygroundUser[];
}

/**
 * Registers the hooks that start and stop a session for the calling `describe`, and returns
 * the session (filled in once its `before` hook has run).
 */
export function useE2ESession(options: SessionOptions = {}): E2ESession {
  const session = {} as E2ESession;
  const running: { stop(): Promise<void> }[] = [];

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    const bot = await startBotProcess(options.bot);
    running.push(bot);
    const screenshots = process.env.E2E_SCREENSHOTS;
    const playgrounds: RunningPlayground[] = [];
    const chats: Chat[] = [];
    for (const person of options.people ?? [undefined]) {
      const playground = await startPlayground(bot.endpoint, person);
      running.push(playground);
      playgrounds.push(playground);
      const chat = await openChat(playground.url, screenshots ? path.resolve(projectRoot, screenshots) : undefined);
      running.push({ stop: () => chat.close() });
      chats.push(chat);
    }
    Object.assign(session, {
      chat: chats[0],
      chats,
      bot,
      playground: playgrounds[0],
      async stored() {
        const store = await openLowdbStore(bot.dataDir);
        await store.close();
        return store;
      },
      async userId() {
        const conversations = await allStored(await session.stored(), 'conversations');
        if (conversations.length !== 1) throw new Error(`expected one Playground user's conversation, found ${conversations.length}`);
        return conversations[0].aadObjectId;
      }
    });
  });

  // A scenario drives the browser through several cards and draws some in two more themes.
  beforeEach(function () {
    this.currentTest?.timeout(SCENARIO_TIMEOUT_MS);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !session.chats) return;
    await mkdir(FAILURES_DIR, { recursive: true });
    const base = test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 100);
    const files = session.chats.map((_, i) => path.join(FAILURES_DIR, `${base}${i === 0 ? '' : `-${i + 1}`}.png`));
    await Promise.all(session.chats.map((chat, i) => chat.page.screenshot({ path: files[i], fullPage: true }).catch(() => undefined)));
    process.stderr.write(`\nThe page when "${test.title}" failed: ${files.join(', ')}\nThe bot's last output:\n${session.bot.output().slice(-3000)}\n`);
  });

  after(async function () {
    this.timeout(START_TIMEOUT_MS);
    // Browser first, then the Playground, then the bot (which removes its data directory).
    for (const piece of running.reverse()) await piece.stop().catch(() => undefined);
  });

  return session;
}
