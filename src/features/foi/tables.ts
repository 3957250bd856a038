/**
 * The figures as rows, one list per question, in the request's words. The card, the CSV
 * and the spreadsheet are all drawn from these rows, so they always agree.
 */
import { CAUSE_LABELS, DEVICE_LABELS } from '../../shared/report-labels.js';
import { COMPLAINT_CAUSES, DEVICES, TASK_CODES, type TaskCode } from '../../store/types.js';
import type { FoiFigures } from './figures.js';
import { PERSONAL_DEVICE_LABELS } from './organisation.js';
import { publish } from './suppression.js';

export const QUESTIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type Question = (typeof QUESTIONS)[number];

/** Short titles of the request's questions. */
export const QUESTION_TITLES: Record<Question, string> = {
  a: 'Employees who work with children or vulnerable people',
  b: 'Of those, remote or flexible workers',
  c: 'Council devices provided to these employees',
  d: 'Tasks possible on council-provided devices',
  e: 'Complaints that work could not be done on a council device (12 months)',
  f: 'Use of personal devices for work',
  g: 'Personal mobile numbers shared for work when told not to'
};

/**
 * Question d's task list, a to h, in the request's own third-person wording: the reply answers
 * the requester's list, while the report cards speak to staff in the first person.
 */
export const QUESTION_D_TASKS: Record<TaskCode, string> = {
  a: 'Access centrally stored information on the individuals they are dealing with',
  b: 'Save information on their cases or specific individuals to the device',
  c: 'Save information to central storage that isn\u2019t on the device (e.g. through a VPN connection)',
  d: 'Communicate with colleagues over email',
  e: 'Use collaboration tools (e.g. Microsoft Teams)',
  f: 'Communicate with the specific children or vulnerable people they are working with',
  g: 'Communicate with people who work outside the organisation',
  h: 'Personal tasks (e.g. non-work websites or personal email)'
};

/** One line of a question's answer. */
export interface FigureRow {
  question: Question;
  measure: string;
  exact: number | string;
  published: number | string;
  /** True when the published figure hides a small count. */
  suppressed: boolean;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function at(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], source);
}

/**
 * Every figure as a row, questions a to g in order.
 * @param threshold the suppression threshold for the `published` column; 0 for none.
 */
export function figureRows(figures: FoiFigures, threshold: number): FigureRow[] {
  const published = publish(figures, threshold);
  const suppressed = new Set(published.suppressed);
  const rows: FigureRow[] = [];
  const count = (question: Question, measure: string, path: string) =>
    rows.push({ question, measure, exact: at(figures, path) as number, published: at(published.figures, path) as number | string, suppressed: suppressed.has(path) });
  const fact = (question: Question, measure: string, value: string) => rows.push({ question, measure, exact: value, published: value, suppressed: false });

  count('a', 'Employees who work with children or vulnerable people', 'a.employees');
  count('a', 'People whose answer is not known', 'a.notKnown');
  count('b', 'Of those, remote or flexible workers', 'b.employees');
  count('b', 'Of those, people whose answer is not known', 'b.notKnown');
  for (const device of DEVICES) {
    fact('c', `${DEVICE_LABELS[device]}: provided`, yesNo(figures.c.provided.includes(device)));
    count('c', `${DEVICE_LABELS[device]}: employees holding one`, `c.byDevice.${device}`);
  }
  for (const task of TASK_CODES) {
    const value = figures.d.tasks[task];
    fact('d', `${task}. ${QUESTION_D_TASKS[task]}`, value === undefined ? 'Not recorded' : yesNo(value));
  }
  fact('e', 'Period', `${figures.e.window.from} to ${figures.e.window.to}`);
  count('e', 'Employees who complained', 'e.employees');
  count('e', 'Complaints', 'e.complaints');
  for (const cause of COMPLAINT_CAUSES) count('e', `Complaints by cause: ${CAUSE_LABELS[cause]}`, `e.byCause.${cause}`);
  for (const device of DEVICES) count('e', `Complaints by device: ${DEVICE_LABELS[device]}`, `e.byDevice.${device}`);
  fact('f', 'Answer', figures.f.answer ? PERSONAL_DEVICE_LABELS[figures.f.answer] : 'Not recorded');
  if (figures.f.note) fact('f', 'Note', figures.f.note);
  fact('g', 'Aware of any', yesNo(figures.g.aware));
  if (figures.g.since) fact('g', 'Reports from', figures.g.since);
  count('g', 'Employees who did so', 'g.employees');
  count('g', 'Further reports naming no individual (may overlap)', 'g.unattributedReports');
  return rows;
}
