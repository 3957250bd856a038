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
import { captureThemes, type InputState, type ShownCard } from './themes.js';

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

/** One labelled field of a card on the page: what it shows chosen or typed, and the error lines under it. */
interface FieldOnPage {
  label: string;
  /** The options ticked (radio buttons, check boxes): each by its value, or its title when the page has no value on it. */
  ticked?: Array<{ value: string | null; title: string | null }>;
  /** The text typed. */
  typed?: string;
  /** What a drop-down shows chosen (its option's title). */
  shown?: string;
  errors: string[];
}

/**
 * The id of the message `card` draws, read from the Playground's React tree above it (its
 * markup does not carry it), and each labelled field as the person left it.
 */
function onPage(card: Locator): Promise<{ messageId?: string; fields: FieldOnPage[] }> {
  return card.evaluate((element) => {
    type Fiber = { memoizedProps?: Record<string, unknown>; return?: Fiber };
    let node: Element | null = element;
    let fiber: Fiber | undefined;
    while (node && !fiber) {
      const key = Object.keys(node).find((k) => k.startsWith('__reactFiber$'));
      if (key) fiber = (node as unknown as Record<string, Fiber>)[key];
      node = node.parentElement;
    }
    let messageId: string | undefined;
    for (; fiber && !messageId; fiber = fiber.return) {
      const id = fiber.memoizedProps?.messageId;
      if (typeof id === 'string') messageId = id;
    }
    const fields = [...element.querySelectorAll('label.ac-richTextBlock[for]')].map((label) => {
      const field = label.parentElement!;
      const control = field.querySelector(`[id="${label.getAttribute('for')}"]`);
      const ticked = [...(control?.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]') ?? [])];
      const typed = control?.matches('textarea, input[type="text"], input:not([type])') ? (control as HTMLInputElement).value : undefined;
      const combobox = control?.matches('[role="combobox"]') ? control : control?.querySelector('[role="combobox"]');
      return {
        label: (label.textContent ?? '').replace(/\s*\*\s*$/, '').trim(),
        ticked: ticked.length > 0 ? ticked.filter((box) => box.checked).map((box) => ({ value: box.getAttribute('value'), title: box.getAttribute('aria-label') })) : undefined,
        typed,
        shown: combobox ? (combobox as HTMLInputElement).value || combobox.textContent?.trim() || undefined : undefined,
        errors: [...field.querySelectorAll(':scope > .ac-textBlock')].map((line) => (line.textContent ?? '').trim())
      };
    });
    return { messageId, fields };
  });
}

interface CardInput {
  type: string;
  id: string;
  label?: string;
  errorMessage?: string;
  choices?: Array<{ title: string; value: string }>;
}

/** Every input of a card (nested cards' too). */
function inputsOf(json: unknown): CardInput[] {
  if (Array.isArray(json)) return json.flatMap(inputsOf);
  if (typeof json !== 'object' || json === null) return [];
  const node = json as Record<string, unknown>;
  const own = typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string' ? [node as unknown as CardInput] : [];
  return [...own, ...Object.values(node).flatMap(inputsOf)];
}

/** The inputs of `json` as the page's `fields` show them: the value chosen or typed, and whether the input's error shows. */
function inputStates(json: unknown, fields: FieldOnPage[]): InputState[] {
  return inputsOf(json).flatMap((input) => {
    const field = fields.find((f) => f.label === input.label?.trim());
    if (!field) return [];
    const byTitle = (title: string | null) => input.choices?.find((choice) => choice.title === title)?.value;
    const value = field.ticked
      ? field.ticked.map((box) => box.value ?? byTitle(box.title)).filter((v) => v !== undefined).join(',')
      : field.typed ?? (field.shown !== undefined ? byTitle(field.shown) : undefined);
    return [{ id: input.id, value, failed: Boolean(input.errorMessage && field.errors.includes(input.errorMessage)) }];
  });
}

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The first Adaptive Card among `attachments`, if any. */
function firstCard(attachments: unknown): unknown {
  if (!Array.isArray(attachments)) return undefined;
  return (attachments as Array<{ contentType?: string; content?: unknown }>).find((a) => a.contentType === CARD_TYPE)?.content;
}

/**
 * The latest version of each card message, by message id, exactly as it was sent: a bot's
 * new or updated message from the Playground's conversation stream, a card sent in reply
 * to a button press (Action.Execute's invoke response, which replaces the card pressed),
 * and a card the person sends (from the message extension).
 */
function recordCards(page: Page): { shown(card: Locator): Promise<ShownCard> } {
  const latest = new Map<string, unknown>();
  const pending = new Set<Promise<void>>();
  page.on('websocket', (socket) => {
    if (!socket.url().includes('_ws_conversation')) return;
    socket.on('framereceived', ({ payload }) => {
      try {
        const frame = JSON.parse(String(payload)) as { action?: string; message?: { messageId?: string; attachments?: unknown } };
        const card = firstCard(frame.message?.attachments);
        if ((frame.action === 'createMessage' || frame.action === 'updateMessage') && frame.message?.messageId && card) latest.set(frame.message.messageId, card);
      } catch {
        // Not a message frame.
      }
    });
  });
  page.on('response', (response) => {
    const request = response.request();
    const { pathname } = new URL(request.url());
    const invoke = pathname === '/_conversation/v1/invoke';
    const sending = /^\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(pathname);
    if (request.method() !== 'POST' || !(invoke || sending)) return;
    const done = (async () => {
      const asked = request.postDataJSON() as { replyToId?: string; attachments?: unknown } | null;
      const answer = (await response.json().catch(() => undefined)) as { type?: string; value?: unknown; messageId?: string } | undefined;
      if (invoke && asked?.replyToId && answer?.type === CARD_TYPE) latest.set(asked.replyToId, answer.value);
      const card = firstCard(asked?.attachments);
      if (sending && answer?.messageId && card) latest.set(answer.messageId, card);
    })().catch(() => undefined); // Not JSON: not a card; a card it should have been is missed loudly in `shown`.
    pending.add(done);
    void done.then(() => pending.delete(done));
  });
  return {
    async shown(card) {
      await Promise.all(pending);
      const { messageId, fields } = await onPage(card);
      if (!messageId) throw new Error('the Playground page no longer shows which message a card belongs to (its React tree changed)');
      const json = latest.get(messageId);
      if (json === undefined) throw new Error(`no card was seen for the Playground's message ${messageId}`);
      return { json, inputs: inputStates(json, fields) };
    }
  };
}

/** Room the Playground's own header and compose box take above and below the chat. */
const PAGE_CHROME_PX = 400;

/**
 * Saves a picture of `card` alone. A card taller than the chat pane (the FOI figures) would
 * be cut off, with the Playground's toolbar drawn over its top, so the page is made tall
 * enough for the whole card first, and the card scrolled into view, then put back.
 */
async function picture(page: Page, card: Locator, file: string): Promise<void> {
  const viewport = page.viewportSize();
  const box = await card.boundingBox();
  const needed = box ? Math.ceil(box.height) + PAGE_CHROME_PX : 0;
  const grow = viewport !== null && needed > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height: needed });
  try {
    await card.scrollIntoViewIfNeeded();
    await settled(card);
    // Nothing of the page's own may lie over the card's corners.
    const covered = await card.evaluate((element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return [[left + 2, top + 2], [right - 2, top + 2], [left + 2, bottom - 2], [right - 2, bottom - 2]].some(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return !hit || !element.contains(hit);
      });
    });
    if (covered) throw new Error(`${path.basename(file)}: the card is not wholly in view, so its picture would be cut off or covered`);
    await card.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  } finally {
    if (grow) await page.setViewportSize(viewport);
  }
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
   * The card is also drawn in Teams' dark and high-contrast themes as the Playground shows
   * it now (the latest version of its message, the inputs as left, the errors shown) and its
   * text checked for AA contrast there; with `themes`, those pictures are saved too.
   * Returns the text drawn in the themes (empty for `playgroundOwn`).
   */
  capture(card: Locator, name: string, options?: { playgroundOwn?: boolean; themes?: boolean }): Promise<string>;
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
  const sent = recordCards(page);
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
      let themed = '';
      if (!options.playgroundOwn) {
        await assertAccessible(page, card, name);
        // Every card is checked in the dark and high-contrast themes; pictures only of those asked for.
        themed = await captureThemes(context, await sent.shown(card), name, options.themes ? screenshotDir : undefined);
      }
      if (screenshotDir) await picture(page, card, path.join(screenshotDir, `${name}.png`));
      return themed;
    },
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    }
  };
}
