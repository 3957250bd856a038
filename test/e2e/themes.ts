/**
 * The main cards in Teams' dark and high-contrast themes, drawn by the official Adaptive
 * Cards renderer with Teams' host configuration (the Playground is light only), for the
 * README's pictures. See themes/README.md for where the theme files come from.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext } from 'playwright-core';

const require = createRequire(import.meta.url);
const THEMES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'e2e', 'themes');

type HostConfig = Record<string, unknown> & { containerStyles: Record<string, { backgroundColor: string; foregroundColors: Record<string, unknown> }> };

const DARK: HostConfig = JSON.parse(readFileSync(path.join(THEMES_DIR, 'teams-dark.hostconfig.json'), 'utf8'));

/** Teams' high-contrast palette over the dark configuration: black, white, yellow and cyan. */
function highContrast(): HostConfig {
  const config: HostConfig = structuredClone(DARK);
  const colour = (value: string) => ({ default: value, subtle: value });
  for (const style of Object.values(config.containerStyles)) {
    style.backgroundColor = '#000000';
    style.foregroundColors = {
      default: colour('#ffffff'),
      dark: colour('#ffffff'),
      light: colour('#ffffff'),
      accent: colour('#ffff00'),
      good: colour('#3ff23f'),
      warning: colour('#ffff00'),
      attention: colour('#ffff00')
    };
  }
  return config;
}

const HIGH_CONTRAST_CSS = `
  body, .teams-inner-frame { background: #000 !important; color: #fff; }
  .ac-pushButton, .ac-input, .ac-input select, .ac-textInput, .ac-multichoiceInput { background: #000 !important; color: #fff !important; border: 1px solid #fff !important; }
  .ac-pushButton:focus, .ac-input:focus, input:focus, select:focus, textarea:focus { outline: 2px solid #1aebff !important; }
  label, .ac-choiceSetInput-expanded label { color: #fff !important; }`;

// The designer's dark CSS predates the searchable choice list and leaves its box white under light text.
const DARK_FILTERED_LIST = '.ac-choiceSetInput-filtered-textbox { background: #292828 !important; color: #ffffff !important; }';

/**
 * The error line the renderer draws under an input a press found wrong is the host's (its
 * colour is the host configuration's, which a card cannot choose). The designer's Teams dark
 * configuration draws it in #d74654 on #2d2c2c, 3.24:1; so in the dark theme those lines,
 * and nothing else, are left out of the contrast check. High contrast checks them.
 */
const HOST_ERROR = '[data-host-error]';

export const THEMES = [
  { name: 'dark', hostConfig: DARK, css: readFileSync(path.join(THEMES_DIR, 'teams-dark.css'), 'utf8') + 'body { background: #1f1f1f; }' + DARK_FILTERED_LIST, unchecked: HOST_ERROR },
  { name: 'high-contrast', hostConfig: highContrast(), css: readFileSync(path.join(THEMES_DIR, 'teams-dark.css'), 'utf8') + HIGH_CONTRAST_CSS, unchecked: undefined }
];

/** What a person has done to a card's inputs so far: each input's value, and whether it shows its error. */
export interface InputState {
  id: string;
  value: unknown;
  failed: boolean;
}

/** The card as the Playground shows it now: the latest version the bot sent, and its inputs as left. */
export interface ShownCard {
  json: unknown;
  inputs: InputState[];
}

/** `json` with each input's `value` (nested cards' too) set to what the person has chosen or typed. */
function withValues(json: unknown, inputs: InputState[]): unknown {
  const values = new Map(inputs.map((input) => [input.id, input.value]));
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
    if (typeof copy.type === 'string' && copy.type.startsWith('Input.') && typeof copy.id === 'string' && values.get(copy.id) !== undefined) copy.value = values.get(copy.id);
    return copy;
  };
  return visit(json);
}

/**
 * Draws `card` (the latest version the bot sent, with the inputs as the person left them
 * and the errors the Playground shows) in each theme, fails if any of its text is below
 * WCAG AA contrast there (axe's colour-contrast rule), and, given `dir`, saves
 * `<name>-<theme>.png` in it. Returns the text drawn, the same in every theme.
 */
export async function captureThemes(context: BrowserContext, card: ShownCard, name: string, dir?: string): Promise<string> {
  const page = await context.newPage();
  const problems: string[] = [];
  const texts = new Set<string>();
  const json = withValues(card.json, card.inputs);
  const failed = card.inputs.filter((input) => input.failed).map((input) => input.id);
  try {
    await page.setViewportSize({ width: 520, height: 800 });
    for (const theme of THEMES) {
      await page.setContent(`<!doctype html><html lang="en"><head><title>${name}</title><style>${theme.css}</style></head><body><main><div class="teams-frame"><div class="teams-inner-frame" id="card"></div></div></main></body></html>`);
      await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
      await page.evaluate(
        ({ json, hostConfig, failed }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const AC = (window as any).AdaptiveCards;
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig(hostConfig);
          adaptive.parse(json);
          document.getElementById('card')!.appendChild(adaptive.render());
          // The errors the Playground shows, drawn the way the renderer draws them on a press.
          for (const input of adaptive.getAllInputs() as Array<{ id: string; validateValue(): boolean; _renderedErrorMessageElement?: HTMLElement }>) {
            if (!failed.includes(input.id)) continue;
            input.validateValue();
            input._renderedErrorMessageElement?.setAttribute('data-host-error', '');
          }
        },
        { json, hostConfig: theme.hostConfig, failed }
      );
      texts.add(await page.locator('#card').innerText());
      // Colour is what a theme changes; the Playground run checks the card's other rules.
      const axe = new AxeBuilder({ page }).include('#card').withRules(['color-contrast']);
      if (theme.unchecked) axe.exclude(theme.unchecked);
      const results = await axe.analyze();
      for (const violation of results.violations) {
        for (const node of violation.nodes) problems.push(`  ${theme.name}: ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`);
      }
      if (dir) await page.locator('#card').screenshot({ path: path.join(dir, `${name}-${theme.name}.png`), animations: 'disabled', caret: 'hide' });
    }
  } finally {
    await page.close();
  }
  if (problems.length > 0) throw new Error(`The "${name}" card has text below AA contrast:\n${problems.join('\n')}`);
  if (texts.size !== 1) throw new Error(`The "${name}" card says different things in different themes`);
  return [...texts][0];
}
