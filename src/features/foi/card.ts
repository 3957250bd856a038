/** The FOI figures card: exact and published figures for a to g, and the spreadsheet buttons. */
import { renderCard, type AdaptiveCard } from '../../shared/cards.js';
import type { FoiFigures } from './figures.js';
import { figureRows, QUESTION_TITLES, QUESTIONS } from './tables.js';

export const FOI_VERBS = { xlsx: 'foi.xlsx' } as const;

export interface FoiCardData {
  title: string;
  subtitle: string;
  notice: string;
  asOf: string;
  /** Which computation the card shows, so its buttons use the same figures (see kept-figures.ts). */
  requestId: string;
  questions: Array<{ heading: string; rows: Array<{ measure: string; exact: string; published: string; suppressed: boolean }> }>;
  footnote: string;
  verbs: typeof FOI_VERBS;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'foi.figures': FoiCardData;
  }
}

/**
 * The card for FOI officers.
 * @param threshold the suppression threshold for the published column; 0 for none.
 * @param requestId the id its figures are kept under (see kept-figures.ts).
 * @param notice an optional line saying what just happened (e.g. the file was offered).
 */
export function foiCard(figures: FoiFigures, threshold: number, requestId: string, notice = ''): AdaptiveCard {
  const rows = figureRows(figures, threshold);
  const data: FoiCardData = {
    title: `FOI figures as of ${figures.asOf}`,
    subtitle: `Question e covers ${figures.e.window.from} to ${figures.e.window.to}. Withdrawn and voided reports are not counted.`,
    notice,
    asOf: figures.asOf,
    requestId,
    questions: QUESTIONS.map((question) => ({
      heading: `${question}. ${QUESTION_TITLES[question]}`,
      rows: rows
        .filter((row) => row.question === question)
        .map((row) => ({ measure: row.measure, exact: String(row.exact), published: String(row.published), suppressed: row.suppressed }))
    })),
    footnote:
      threshold > 1
        ? `Published figures show counts from 1 to ${threshold - 1} as "fewer than ${threshold}". Exact figures are for you only. The spreadsheet has a sheet per question and notes on suppression.`
        : 'Small-number suppression is off: published figures are exact.',
    verbs: FOI_VERBS
  };
  return renderCard('foi.figures', data);
}
