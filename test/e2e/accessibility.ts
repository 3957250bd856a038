/**
 * Accessibility measured in the browser: axe-core runs on each card as the Playground draws
 * it, and any serious or critical violation inside the card fails the scenario. Only the
 * card is analysed (the Playground's own page around it is not the product); what the
 * Playground's renderer adds inside a card and the product cannot change is listed below
 * by rule and selector.
 */
import path from 'node:path';
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

/** Every card axe has checked in this run, by name, in order (a name twice if checked twice). */
export const checkedCards: string[] = [];

/**
 * The cards each scenario file must check: every card a member of staff, a manager or an
 * admin is shown, each report form with and without its errors, and each card that replaces
 * another in place. 21 in all.
 */
export const EXPECTED_CARDS: Readonly<Record<string, readonly string[]>> = {
  'help-and-profile.test.js': ['help', 'profile', 'profile-errors', 'profile-saved'],
  'reports.test.js': [
    'complaint-form',
    'complaint-missing-device',
    'complaint-confirmation',
    'sharing-form',
    'sharing-form-errors',
    'sharing-confirmation',
    'my-reports',
    'my-reports-withdrawn'
  ],
  'policy.test.js': ['policy-answer', 'policy-not-found'],
  'manager.test.js': ['notification', 'notification-acknowledged', 'summary', 'foi', 'policy-gaps', 'policy-link'],
  'message-extension.test.js': ['compose-inserted-card']
};

function allTests(suite: Mocha.Suite): Mocha.Test[] {
  return [...suite.tests, ...suite.suites.flatMap(allTests)];
}

/**
 * After the whole run (a root hook, registered once when the first scenario file loads
 * this module): prints how many distinct cards axe checked, and fails if a scenario file
 * that ran whole, and passed, left out a card it must check.
 */
after(function () {
  const root = this.test?.parent;
  if (!root) return;
  const checked = new Set(checkedCards);
  process.stdout.write(`\n  axe-core checked ${checked.size} distinct cards (${checkedCards.length} checks): ${[...checked].join(', ') || 'none'}\n`);
  if (allTests(root).some((test) => test.state === 'failed')) return;
  // A file whose tests did not all run (mocha -g) is not held to its whole list.
  const files = new Set(root.suites.filter((suite) => allTests(suite).every((test) => test.state === 'passed')).map((suite) => path.basename(suite.file ?? '')));
  const missing = Object.entries(EXPECTED_CARDS)
    .filter(([file]) => files.has(file))
    .flatMap(([, cards]) => cards.filter((card) => !checked.has(card)));
  if (missing.length > 0) throw new Error(`axe-core never checked these cards: ${missing.join(', ')}`);
});

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
