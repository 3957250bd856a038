/**
 * The Playground's chat page as a person uses it: type a message, read the cards the bot
 * sends, fill them in and press their buttons. Every wait is for something on the page
 * (a new card, a text), never a fixed sleep.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { assertAccessible } from './accessibility.js';
import { captureThemes } from './themes.js';

/** Debian's Chromium; nothing is downloaded at run time. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];
/** How long to wait for the bot's answer to show on the page. */
const REPLY_TIMEOUT_MS = 20_000;
/** Top-level cards only; a card's own nested cards are not separate messages. */
const CARD = '.ac-preview-panel > .ac-adaptiveCard';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An input's own label (the renderer draws it as a rich text block); options have plain labels. */
const INPUT_LABEL = 'label.ac-richTextBlock[for]';
const OPTION_LABEL = 'label[for]';

/**
 * The element a `<label for>` inside `scope` names, the label found by its whole text (a
 * required input's label ends with " *") or by a pattern.
 */
async function labelled(scope: Locator, labels: string, text: string | RegExp): Promise<Locator> {
  const hasText = typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?\\s*$`) : text;
  const id = await scope.locator(labels).filter({ hasText }).first().getAttribute('for');
  if (!id) throw new Error(`nothing on the card is labelled "${text}"`);
  return scope.locator(`[id="${id}"]`);
}

/** The input on `card` whose label is `label`. */
function labelledInput(card: Locator, label: string | RegExp): Promise<Locator> {
  return labelled(card, INPUT_LABEL, label);
}

/**
 * One option of a choice set: the set's label names the element that holds the options,
 * and each option's input has its own label.
 */
async function option(card: Locator, question: string | RegExp, title: string): Promise<Locator> {
  return labelled(await labelledInput(card, question), OPTION_LABEL, title);
}

/** How long a card must go unchanged before its picture is taken. */
const SETTLE_MS = 500;

/**
 * Waits until nothing in the message around `card` has changed for {@link SETTLE_MS}, so a
 * picture never catches a card half drawn (a card replaced in place is drawn again).
 */
async function settled(card: Locator): Promise<void> {
  await card.evaluate(
    (element, quietMs) =>
      new Promise<void>((resolve) => {
        const message = element.closest('.fai-OutputCard') ?? element;
        const done = () => {
          observer.disconnect();
          resolve();
        };
        let timer = setTimeout(done, quietMs);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quietMs);
        });
        observer.observe(message, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
    SETTLE_MS
  );
}

export interface Chat {
  page: Page;
  /** Every card on the page, oldest first. */
  cards(): Locator;
  /** Types `text` in the compose box, sends it, and returns the card the bot answers with. */
  say(text: string): Promise<Locator>;
  /** Waits until `card` shows `text` (a card pressed with Action.Execute is replaced in place). */
  waitForText(card: Locator, text: string | RegExp): Promise<void>;
  /** Presses a button on `card`. */
  press(card: Locator, button: string): Promise<void>;
  /** Chooses an option of a choice set (radio buttons or check boxes) on `card`. */
  choose(card: Locator, question: string | RegExp, option: string): Promise<void>;
  /** Picks an option from a drop-down (compact) choice set on `card`. */
  pick(card: Locator, question: string | RegExp, title: string): Promise<void>;
  /** Whether an option of a choice set on `card` is chosen. */
  isChosen(card: Locator, question: string | RegExp, option: string): Promise<boolean>;
  /** Types into a text input on `card`. */
  type(card: Locator, label: string | RegExp, text: string): Promise<void>;
  /**
   * Checks `card` as drawn with axe-core (no serious or critical problems) and saves a
   * picture of it as `<name>.png` when the run was asked for screenshots. With
   * `playgroundOwn`, the part pictured is the Playground's own (a panel), so it is not checked.
   * The card last sent is also drawn in Teams' dark and high-contrast themes and its text
   * checked for AA contrast there; with `themes`, those pictures are saved too.
   */
  capture(card: Locator, name: string, options?: { playgroundOwn?: boolean; themes?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the Playground in headless Chromium and waits for the bot's welcome card.
 * Requests to anything but this machine are refused, so the run works offline (the
 * Playground falls back to local fonts) and leaks nothing.
 * @param screenshotDir where {@link Chat.capture} saves pictures; none are taken without it.
 */
export async function openChat(url: string, screenshotDir?: string): Promise<Chat> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium first: apt-get update && apt-get install -y chromium`);
  }
  const profileDir = await mkdtemp(path.join(tmpdir(), 'ict-bot-e2e-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1600 },
    deviceScaleFactor: 1
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(REPLY_TIMEOUT_MS);
  await page.route('**/*', (route) => (LOCAL_HOSTS.has(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
  // The cards exactly as the bot sent them, from the Playground's own conversation stream.
  let lastCard: unknown;
  page.on('websocket', (socket) => {
    if (!socket.url().includes('_ws_conversation')) return;
    socket.on('framereceived', ({ payload }) => {
      try {
        const attachments = (JSON.parse(String(payload)) as { message?: { attachments?: Array<{ contentType?: string; content?: unknown }> } }).message?.attachments;
        const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
        if (card) lastCard = card.content;
      } catch {
        // Not a message frame.
      }
    });
  });
  await page.goto(url);
  await page.locator(CARD).first().waitFor();
  if (screenshotDir) await mkdir(screenshotDir, { recursive: true });

  const cards = () => page.locator(CARD);
  return {
    page,
    cards,
    async say(text) {
      const before = await cards().count();
      // The compose box, not a text input on a card.
      const box = page.locator('[role="textbox"][contenteditable="true"]');
      await box.click();
      await box.fill(text);
      await box.press('Enter');
      // The new card is the one after those already shown.
      const card = cards().nth(before);
      await card.waitFor();
      return card;
    },
    async waitForText(card, text) {
      await card.filter({ hasText: text }).waitFor();
    },
    async press(card, button) {
      await card.getByRole('button', { name: button, exact: true }).click();
    },
    async choose(card, question, title) {
      await (await option(card, question, title)).check();
    },
    async pick(card, question, title) {
      await (await labelledInput(card, question)).click();
      // The list opens in a pop-up outside the card.
      await page.getByRole('option', { name: title, exact: true }).click();
    },
    async isChosen(card, question, title) {
      return (await option(card, question, title)).isChecked();
    },
    async type(card, label, text) {
      await (await labelledInput(card, label)).fill(text);
    },
    async capture(card, name, options = {}) {
      await settled(card);
      if (!options.playgroundOwn) await assertAccessible(page, card, name);
      // Every card is checked in the dark and high-contrast themes; pictures only of those asked for.
      if (!options.playgroundOwn && lastCard) await captureThemes(context, lastCard, name, options.themes ? screenshotDir : undefined);
      if (!screenshotDir) return;
      await card.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    },
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    }
  };
}
