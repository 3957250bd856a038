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
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
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
