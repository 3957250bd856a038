/**
 * The official Adaptive Cards renderer (its UMD build under jsdom), used to prove a card
 * parses and renders as Teams would see it: no errors, no warnings, version 1.5.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AdaptiveCardsModule = any;
let loaded: AdaptiveCardsModule | undefined;

function adaptiveCards(): AdaptiveCardsModule {
  if (!loaded) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true });
    dom.window.eval(readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'));
    loaded = (dom.window as unknown as { AdaptiveCards: AdaptiveCardsModule }).AdaptiveCards;
    // Teams renders Markdown in TextBlocks; say so, as Teams does, rather than let the renderer complain.
    loaded.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
      result.outputHtml = text;
      result.didProcess = true;
    };
  }
  return loaded;
}

/**
 * Teams chart elements: Teams renders them, the reference renderer does not know them. A
 * card may use one only with a `fallback` element for clients without charts; the renderer
 * then renders (and checks) the fallback, so its "unknown element" notice is expected.
 */
const TEAMS_CHART_ELEMENTS = new Set([
  'Chart.Donut',
  'Chart.Pie',
  'Chart.Gauge',
  'Chart.Line',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked'
]);

/** Problems with Teams chart elements the renderer cannot see: a missing fallback or data. */
function chartProblems(json: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && TEAMS_CHART_ELEMENTS.has(record.type)) {
      if (typeof record.fallback !== 'object' || record.fallback === null) problems.push(`teams: ${record.type} needs a fallback element for clients without charts`);
      if (record.type !== 'Chart.Gauge' && !Array.isArray(record.data)) problems.push(`teams: ${record.type} needs a data array`);
    }
    Object.values(record).forEach(walk);
  };
  walk(json);
  return problems;
}

const UNKNOWN_ELEMENT = /^Unknown element type "([^"]+)"\. Fallback will be used if present\.$/;

export interface RenderCheck {
  problems: string[];
  version: string;
  bytes: number;
  rendered: boolean;
}

/** Parses, validates and renders a card; `problems` lists every error and warning. */
export function checkCard(json: unknown): RenderCheck {
  const AC = adaptiveCards();
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = chartProblems(json);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const unknown = UNKNOWN_ELEMENT.exec(event.message);
    // A Teams chart with a fallback is checked by chartProblems; the renderer uses the fallback.
    if (unknown && TEAMS_CHART_ELEMENTS.has(unknown[1])) continue;
    problems.push(`parse: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const element = card.render();
  return {
    problems,
    version: String((json as { version?: string }).version),
    bytes: Buffer.byteLength(JSON.stringify(json)),
    rendered: Boolean(element)
  };
}
