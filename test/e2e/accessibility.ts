/**
 * Accessibility measured in the browser: axe-core runs on each card as the Playground draws
 * it, and any serious or critical violation inside the card fails the scenario. Only the
 * card is analysed (the Playground's own page around it is not the product); what the
 * Playground's renderer adds inside a card and the product cannot change is listed below
 * by rule and selector.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

/** WCAG 2.0 to 2.2, levels A and AA: the UK public-sector standard. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Rules that fire on the Playground's own markup, never on what a card says: each with the
 * selector of the nodes it may leave out. Nothing else is excluded.
 */
export const PLAYGROUND_OWN: ReadonlyArray<{ rule: string; selector: RegExp; why: string }> = [
  {
    rule: 'aria-allowed-attr',
    selector: /\.ac-pushButton-content/,
    why: 'the renderer puts aria-expanded on the inner <div> of an Action.ShowCard button rather than on the button'
  },
  {
    rule: 'aria-hidden-focus',
    selector: /^(#sectors|\.fui-Overflow) > i:nth-child\(\d+\)$/,
    why: 'the chart library the Playground draws Teams charts with brackets a chart with focus-trap <i> elements that are aria-hidden yet focusable'
  }
];

/** What the run found, for the closing line: how many cards were checked, and where. */
export const checkedCards: string[] = [];

let nextMark = 1;

/** A violation in one card: the rule, its impact, and the nodes it names. */
export interface CardViolation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe on `card` and returns its serious and critical violations, leaving out
 * {@link PLAYGROUND_OWN}'s nodes.
 * @param name what the card is, for the count and the failure message.
 */
export async function cardViolations(page: Page, card: Locator, name: string): Promise<CardViolation[]> {
  const mark = String(nextMark++);
  await card.evaluate((element, value) => element.setAttribute('data-axe-card', value), mark);
  try {
    const results = await new AxeBuilder({ page }).include(`[data-axe-card="${mark}"]`).withTags(WCAG_TAGS).analyze();
    checkedCards.push(name);
    return results.violations
      .filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes
          .map((n) => n.target.join(' '))
          .filter((target) => !PLAYGROUND_OWN.some((own) => own.rule === v.id && own.selector.test(target)))
      }))
      .filter((v) => v.targets.length > 0);
  } finally {
    await card.evaluate((element) => element.removeAttribute('data-axe-card')).catch(() => undefined);
  }
}

/** Fails with every serious or critical violation axe finds in `card`. */
export async function assertAccessible(page: Page, card: Locator, name: string): Promise<void> {
  const violations = await cardViolations(page, card, name);
  if (violations.length === 0) return;
  const lines = violations.map((v) => `  ${v.rule} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`);
  throw new Error(`The "${name}" card has ${violations.length} serious or critical accessibility problem(s):\n${lines.join('\n')}`);
}
