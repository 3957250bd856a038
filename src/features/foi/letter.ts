/**
 * The draft reply to the FOI request: Markdown, answering a to g in order in the
 * council's voice, with small numbers suppressed and a note where they were.
 */
import { COMPLAINT_CAUSES, DEVICES, TASK_CODES } from '../../store/types.js';
import type { FoiFigures } from './figures.js';
import { PERSONAL_DEVICE_LABELS } from './organisation.js';
import { suppressionNotes } from './exports.js';
import { publish } from './suppression.js';
import { CAUSE_LABELS, DEVICE_LABELS } from '../../shared/report-labels.js';
import { figureRows, QUESTION_D_TASKS, QUESTION_TITLES } from './tables.js';

const TO_COMPLETE = '**To complete before sending:** this answer is not recorded in the organisation file (`ORGANISATION_FILE`).';

/** Markdown table cells cannot hold a bare pipe or a line break. */
function cell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(header: [string, string], rows: Array<[string, string | number]>): string {
  return [`| ${header[0]} | ${header[1]} |`, '| --- | --- |', ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)].join('\n');
}

/**
 * The draft letter.
 * @param threshold suppression threshold applied to every count; 0 for none.
 */
export function draftLetter(figures: FoiFigures, threshold: number): string {
  const { figures: p } = publish(figures, threshold);
  const council = figures.councilName;
  const provided = DEVICES.filter((d) => figures.c.provided.includes(d));
  const parts: string[] = [];
  const section = (question: keyof typeof QUESTION_TITLES, ...body: string[]) =>
    parts.push(`## ${question}. ${QUESTION_TITLES[question]}\n\n${body.filter(Boolean).join('\n\n')}`);

  parts.push(
    `# Freedom of Information request: employees who work with children or vulnerable people\n\n` +
      `_Draft reply from ${council}, figures as at ${figures.asOf}._\n\n` +
      `Thank you for your request for information under the Freedom of Information Act 2000. ` +
      `We have answered your questions in the order you asked them. The figures come from our staff records ` +
      `and from the reports our staff make through our ICT reporting service; reports that were withdrawn or found ` +
      `to be made in error are not counted.`
  );

  section(
    'a',
    `${p.a.employees} of our employees work with children or vulnerable people.`,
    figures.a.notKnown > 0 ? `We do not hold this information for a further ${p.a.notKnown} employees.` : ''
  );
  section(
    'b',
    `Of the employees in our answer to question a, ${p.b.employees} are remote or flexible workers.`,
    figures.b.notKnown > 0 ? `We do not hold this information for a further ${p.b.notKnown} of them.` : '',
    'Questions c to g are about these employees.'
  );
  section(
    'c',
    provided.length > 0
      ? `Yes. We provide these employees with: ${provided.map((d) => DEVICE_LABELS[d].toLowerCase()).join(', ')}.`
      : 'Our records show none of these devices held by these employees.',
    table(['Device', 'Employees holding one'], DEVICES.map((d) => [DEVICE_LABELS[d], p.c.byDevice[d]]))
  );
  section(
    'd',
    figures.d.recorded
      ? table(['Task on a council-provided device', 'Possible'], TASK_CODES.map((t) => [`${t}. ${QUESTION_D_TASKS[t]}`, figures.d.tasks[t] ? 'Yes' : 'No']))
      : TO_COMPLETE
  );
  section(
    'e',
    `In the 12 months from ${figures.e.window.from} to ${figures.e.window.to}, ${p.e.employees} of these employees told us they could not do work they needed to do on their council-provided device, in ${p.e.complaints} complaints in all.`,
    figures.e.complaints > 0 ? table(['Cause', 'Complaints'], COMPLAINT_CAUSES.map((c) => [CAUSE_LABELS[c], p.e.byCause[c]])) : '',
    figures.e.complaints > 0 ? table(['Device', 'Complaints'], DEVICES.map((d) => [DEVICE_LABELS[d], p.e.byDevice[d]])) : ''
  );
  section('f', figures.f.answer ? `${PERSONAL_DEVICE_LABELS[figures.f.answer]}.${figures.f.note ? ` ${figures.f.note}` : ''}` : TO_COMPLETE);
  const period = figures.g.since ? ` since ${figures.g.since}` : '';
  section(
    'g',
    figures.g.aware
      ? `Yes. We are aware of ${p.g.employees} of these employees sharing their personal mobile number for work purposes${period} after being told not to.`
      : `No. We are not aware of any of these employees sharing their personal mobile number for work purposes${period} after being told not to.`,
    figures.g.unattributedReports > 0
      ? `We also hold ${p.g.unattributedReports} further reports that name no individual; they may concern the employees already counted, so we have not added them to that figure.`
      : ''
  );

  const notes = suppressionNotes(figureRows(figures, threshold), { published: true, threshold });
  parts.push(`## Notes\n\n${notes.map((line) => `- ${line}`).join('\n')}`);
  const contact = figures.foiContact ? ` by writing to ${figures.foiContact}` : '';
  parts.push(
    `If you are unhappy with this response you may ask us for an internal review${contact}. If you remain unhappy after that, ` +
      `you may complain to the Information Commissioner's Office.\n\nYours sincerely,\n\nInformation Governance, ${council}`
  );
  return `${parts.join('\n\n')}\n`;
}
