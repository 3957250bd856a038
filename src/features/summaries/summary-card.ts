/** The summary card's data, built from the figures; the layout is `cards/summary.json`. */
import { renderCard, type AdaptiveCard } from '../../shared/cards.js';
import { CAUSE_LABELS } from '../../shared/report-labels.js';
import { COMPLAINT_CAUSES } from '../../store/types.js';
import { summaryTables, type SummaryFigures, type SummaryRow, type Window } from './summary.js';

export const SUMMARY_VERBS = { refresh: 'summary.refresh' } as const;

export interface SummaryCardInput {
  /** "team" for a manager's direct reports, "council" for FOI officers and admins. */
  scope: { kind: 'team'; size: number } | { kind: 'council' };
  windows: { current: Window; previous: Window };
  days: number;
  figures: SummaryFigures;
  timeZone: string;
}

export interface SummaryCardData {
  title: string;
  scope: string;
  currentLabel: string;
  previousLabel: string;
  chart: { show: boolean; title: string; data: Array<{ legend: string; value: number }> };
  tables: Array<{ title: string; rows: SummaryRow[] }>;
  note: string;
  verb: string;
  /** The period's length, sent back by the refresh button. */
  days: string;
}

declare module '../../shared/cards.js' {
  interface CardData {
    summary: SummaryCardData;
  }
}

/** A period as people read it, e.g. "16 Nov 2026 to 22 Nov 2026", in the council's time zone. */
export function windowLabel(window: Window, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone });
  const last = new Date(window.to.getTime() - 1);
  return `${format.format(window.from)} to ${format.format(last)}`;
}

/** The data the card template expands; tables may be replaced to test the card with many rows. */
export function summaryCardData(input: SummaryCardInput, tables: Array<{ title: string; rows: SummaryRow[] }> = summaryTables(input.figures)): SummaryCardData {
  const { current } = input.figures;
  const chartData = COMPLAINT_CAUSES.filter((cause) => current.byCause[cause] > 0).map((cause) => ({ legend: CAUSE_LABELS[cause], value: current.byCause[cause] }));
  return {
    title: input.scope.kind === 'team' ? 'Your team\u2019s device and number-sharing reports' : 'Council-wide device and number-sharing reports',
    scope:
      input.scope.kind === 'team'
        ? `Reports by your ${input.scope.size} direct report${input.scope.size === 1 ? '' : 's'}, over ${input.days} days.`
        : `Reports by everyone in the council, over ${input.days} days.`,
    currentLabel: windowLabel(input.windows.current, input.timeZone),
    previousLabel: windowLabel(input.windows.previous, input.timeZone),
    chart: { show: chartData.length > 0, title: 'Complaints by cause, this period', data: chartData },
    tables: tables.map((table) => ({ ...table, rows: table.rows.length > 0 ? table.rows : [{ label: 'None reported', current: 0, previous: 0 }] })),
    note: 'Counts are reports made in each period; status is as it stands now. Number-sharing reports are counted only: the bot never shows who made them or who they are about. Withdrawn reports are left out.',
    verb: SUMMARY_VERBS.refresh,
    days: String(input.days)
  };
}

/** The summary card. */
export function summaryCard(input: SummaryCardInput): AdaptiveCard {
  return renderCard('summary', summaryCardData(input));
}
