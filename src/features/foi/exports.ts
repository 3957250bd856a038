/**
 * The FOI figures as files: CSV and XLSX (exact for the FOI officer, or as published).
 * Both are drawn from {@link figureRows}.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { FoiFigures } from './figures.js';
import { suppressedText } from './suppression.js';
import { figureRows, QUESTION_TITLES, QUESTIONS, type FigureRow } from './tables.js';

export interface ExportOptions {
  /** Show published figures (small numbers suppressed) instead of exact ones. */
  published: boolean;
  /** Suppression threshold; 0 turns suppression off. */
  threshold: number;
}

function shown(row: FigureRow, options: ExportOptions): number | string {
  return options.published ? row.published : row.exact;
}

/** CSV with a header `question,measure,figure,suppressed`. */
export function figuresCsv(figures: FoiFigures, options: ExportOptions): string {
  const rows = figureRows(figures, options.threshold).map((row) => [row.question, row.measure, shown(row, options), row.suppressed ? 'yes' : 'no']);
  return stringify([['question', 'measure', 'figure', 'suppressed'], ...rows]);
}

/** Sheet names, at most 31 characters as Excel requires. */
export const SHEET_NAMES: Record<(typeof QUESTIONS)[number], string> = {
  a: 'a Employees',
  b: 'b Remote or flexible',
  c: 'c Devices',
  d: 'd Tasks on devices',
  e: 'e Complaints',
  f: 'f Personal devices',
  g: 'g Number sharing'
};

/** What the notes sheet and the letter say about suppression. */
export function suppressionNotes(rows: FigureRow[], options: ExportOptions): string[] {
  if (options.threshold <= 1) return ['Small-number suppression is turned off: every figure is exact.'];
  const hidden = rows.filter((row) => row.suppressed);
  const verb = options.published ? 'are shown as' : 'would be published as';
  const intro = `Counts from 1 to ${options.threshold - 1} ${verb} "${suppressedText(options.threshold)}" so that no individual can be identified.`;
  if (hidden.length === 0) return [intro, 'No figure needed suppressing.'];
  return [intro, ...hidden.map((row) => `Question ${row.question}: ${row.measure}${options.published ? '' : ` (exact: ${row.exact})`}`)];
}

/** The workbook: one sheet per question (a to g) and a Notes sheet. */
export async function figuresXlsx(figures: FoiFigures, options: ExportOptions, generatedAt: Date): Promise<Buffer> {
  const rows = figureRows(figures, options.threshold);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = figures.councilName;
  workbook.created = generatedAt;
  for (const question of QUESTIONS) {
    const sheet = workbook.addWorksheet(SHEET_NAMES[question]);
    sheet.columns = [{ width: 70 }, { width: 18 }, { width: 14 }];
    sheet.addRow([`${question}. ${QUESTION_TITLES[question]}`]).font = { bold: true };
    sheet.addRow(['Measure', options.published ? 'Figure' : 'Exact figure', 'Suppressed']).font = { bold: true };
    for (const row of rows.filter((r) => r.question === question)) {
      sheet.addRow([row.measure, shown(row, options), row.suppressed ? 'yes' : '']);
    }
  }
  const notes = workbook.addWorksheet('Notes');
  notes.columns = [{ width: 110 }];
  notes.addRow(['Notes']).font = { bold: true };
  notes.addRow([`Figures as of ${figures.asOf} (dates in ${figures.timeZone}); question e covers ${figures.e.window.from} to ${figures.e.window.to}.`]);
  notes.addRow([options.published ? 'These are the published figures.' : 'These are exact figures for the FOI officer; do not send them as they are.']);
  notes.addRow(['Withdrawn and voided reports, and reports submitted after the as-of date, are not counted.']);
  for (const line of suppressionNotes(rows, options)) notes.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
