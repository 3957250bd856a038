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

export const THEMES = [
  { name: 'dark', hostConfig: DARK, css: readFileSync(path.join(THEMES_DIR, 'teams-dark.css'), 'utf8') + 'body { background: #1f1f1f; }' + DARK_FILTERED_LIST },
  { name: 'high-contrast', hostConfig: highContrast(), css: readFileSync(path.join(THEMES_DIR, 'teams-dark.css'), 'utf8') + HIGH_CONTRAST_CSS }
];

/**
 * Draws `card` (the JSON the bot sent) in each theme, fails if any of its text is below
 * WCAG AA contrast there (axe's colour-contrast rule), and, given `dir`, saves
 * `<name>-<theme>.png` in it.
 */
export async function captureThemes(context: BrowserContext, card: unknown, name: string, dir?: string): Promise<void> {
  const page = await context.newPage();
  const problems: string[] = [];
  try {
    await page.setViewportSize({ width: 520, height: 800 });
    for (const theme of THEMES) {
      await page.setContent(`<!doctype html><html lang="en"><head><title>${name}</title><style>${theme.css}</style></head><body><main><div class="teams-frame"><div class="teams-inner-frame" id="card"></div></div></main></body></html>`);
      await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
      await page.evaluate(
        ({ json, hostConfig }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const AC = (window as any).AdaptiveCards;
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig(hostConfig);
          adaptive.parse(json);
          document.getElementById('card')!.appendChild(adaptive.render());
        },
        { json: card, hostConfig: theme.hostConfig }
      );
      // Colour is what a theme changes; the Playground run checks the card's other rules.
      const results = await new AxeBuilder({ page }).include('#card').withRules(['color-contrast']).analyze();
      for (const violation of results.violations) {
        for (const node of violation.nodes) problems.push(`  ${theme.name}: ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`);
      }
      if (dir) await page.locator('#card').screenshot({ path: path.join(dir, `${name}-${theme.name}.png`), animations: 'disabled', caret: 'hide' });
    }
  } finally {
    await page.close();
  }
  if (problems.length > 0) throw new Error(`The "${name}" card has text below AA contrast:\n${problems.join('\n')}`);
}
