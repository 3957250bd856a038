import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { figuresCsv, figuresXlsx, SHEET_NAMES } from '../../../src/features/foi/exports.js';
import { figureRows, type FigureRow } from '../../../src/features/foi/tables.js';
import { computeFigures } from '../../helpers/figures.js';
import { draftLetter } from '../../../src/features/foi/letter.js';
import type { Organisation } from '../../../src/features/foi/organisation.js';
import { isSuppressed, publish } from '../../../src/features/foi/suppression.js';
import { complaint, employee, sharing } from './builders.js';

const ORGANISATION: Organisation = {
  councilName: 'Test Borough Council',
  foiContact: 'foi@test.example',
  tasksOnCouncilDevices: { a: true, b: false, c: true, d: true, e: true, f: true, g: true, h: false },
  personalDevices: { answer: 'conditions', note: 'Only through the managed app.' }
};

/** 12 cohort staff; 7 complained (3 of them about tablets); 2 shared numbers; 1 unnamed report. */
function sample(organisation: Organisation = ORGANISATION) {
  const employees = Array.from({ length: 12 }, (_, i) => employee(`E${i + 1}`, { devices: ['laptop'] }));
  const reports = [
    ...Array.from({ length: 7 }, (_, i) => complaint({ source: 'import', reporterId: `E${i + 1}`, device: i < 3 ? 'tablet' : 'laptop', cause: 'device-problem' })),
    sharing({ source: 'import', reporterId: 'E1' }),
    sharing({ source: 'import', reporterId: 'E2' }),
    sharing({ source: 'import', reporterId: 'E3', subject: 'colleague' })
  ];
  return computeFigures({ asOf: '2020-02-11', timeZone: 'Europe/London', employees, profiles: [], reports, organisation });
}

describe('FOI small-number suppression', () => {
  it('shows 1 to 4 as "fewer than 5", leaves 0 and 5 or more, and lists what it hid', () => {
    const { figures, suppressed, threshold } = publish(sample(), 5);
    assert.equal(threshold, 5);
    assert.equal(figures.e.employees, 7);
    assert.equal(figures.e.byDevice.tablet, 'fewer than 5');
    assert.equal(figures.e.byDevice.desktop, 0);
    assert.equal(figures.g.employees, 'fewer than 5');
    assert.equal(figures.g.unattributedReports, 'fewer than 5');
    assert.equal(figures.g.aware, true);
    assert.deepEqual(suppressed.sort(), ['e.byDevice.laptop', 'e.byDevice.tablet', 'g.employees', 'g.qualifyingReports', 'g.unattributedReports']);
  });

  it('can be turned off (threshold 0) or moved (threshold 10)', () => {
    const off = publish(sample(), 0);
    assert.equal(off.figures.g.employees, 2);
    assert.deepEqual(off.suppressed, []);
    assert.equal(off.threshold, 0);
    const ten = publish(sample(), 10);
    assert.equal(ten.figures.e.employees, 'fewer than 10');
    assert.equal(ten.figures.a.employees, 12);
  });

  it('shows a count equal to the threshold, and treats a threshold of 1 as off', () => {
    assert.deepEqual([0, 1, 4, 5, 6].map((count) => isSuppressed(count, 5)), [false, true, true, false, false]);
    const one = publish({ complaints: 1 }, 1);
    assert.deepEqual(one, { figures: { complaints: 1 }, suppressed: [], threshold: 0 });
  });

  it('suppresses counts inside lists and names them by position, and leaves other values as they are', () => {
    const published = publish({ byMonth: [3, 7, 0], e: { byCause: { training: 2 } }, note: null, councilName: 'Test Borough Council', recorded: true }, 5);
    assert.deepEqual(published.figures, { byMonth: ['fewer than 5', 7, 0], e: { byCause: { training: 'fewer than 5' } }, note: null, councilName: 'Test Borough Council', recorded: true });
    assert.deepEqual(published.suppressed, ['byMonth.0', 'e.byCause.training']);
  });
});

/** A row as one line: question, measure, exact figure, published figure, and whether it is suppressed. */
const line = (row: FigureRow) => `${row.question} | ${row.measure} | ${row.exact} | ${row.published}${row.suppressed ? ' | suppressed' : ''}`;

describe('FOI figure rows (what the card, the CSV and the spreadsheet show)', () => {
  it('answers a to g in order, each measure in the request\u2019s words, exact and published', () => {
    assert.deepEqual(figureRows(sample(), 5).map(line), [
      "a | Employees who work with children or vulnerable people | 12 | 12",
      "a | People whose answer is not known | 0 | 0",
      "b | Of those, remote or flexible workers | 12 | 12",
      "b | Of those, people whose answer is not known | 0 | 0",
      "c | Basic mobile phone: provided | No | No",
      "c | Basic mobile phone: employees holding one | 0 | 0",
      "c | Smartphone: provided | No | No",
      "c | Smartphone: employees holding one | 0 | 0",
      "c | Tablet: provided | No | No",
      "c | Tablet: employees holding one | 0 | 0",
      "c | Laptop computer: provided | Yes | Yes",
      "c | Laptop computer: employees holding one | 12 | 12",
      "c | Desktop computer: provided | No | No",
      "c | Desktop computer: employees holding one | 0 | 0",
      "d | a. Access centrally stored information on the individuals they are dealing with | Yes | Yes",
      "d | b. Save information on their cases or specific individuals to the device | No | No",
      "d | c. Save information to central storage that isn’t on the device (e.g. through a VPN connection) | Yes | Yes",
      "d | d. Communicate with colleagues over email | Yes | Yes",
      "d | e. Use collaboration tools (e.g. Microsoft Teams) | Yes | Yes",
      "d | f. Communicate with the specific children or vulnerable people they are working with | Yes | Yes",
      "d | g. Communicate with people who work outside the organisation | Yes | Yes",
      "d | h. Personal tasks (e.g. non-work websites or personal email) | No | No",
      "e | Period | 2019-02-12 to 2020-02-11 | 2019-02-12 to 2020-02-11",
      "e | Employees who complained | 7 | 7",
      "e | Complaints | 7 | 7",
      "e | Complaints by cause: A problem with the device | 7 | 7",
      "e | Complaints by cause: Difficulty accessing information | 0 | 0",
      "e | Complaints by cause: Lack of training | 0 | 0",
      "e | Complaints by cause: Something else | 0 | 0",
      "e | Complaints by device: Basic mobile phone | 0 | 0",
      "e | Complaints by device: Smartphone | 0 | 0",
      "e | Complaints by device: Tablet | 3 | fewer than 5 | suppressed",
      "e | Complaints by device: Laptop computer | 4 | fewer than 5 | suppressed",
      "e | Complaints by device: Desktop computer | 0 | 0",
      "f | Answer | No, but they have to take specific actions (e.g. installing security on their device, using specific vetted applications) | No, but they have to take specific actions (e.g. installing security on their device, using specific vetted applications)",
      "f | Note | Only through the managed app. | Only through the managed app.",
      "g | Aware of any | Yes | Yes",
      "g | Employees who did so | 2 | fewer than 5 | suppressed",
      "g | Further reports naming no individual (may overlap) | 1 | fewer than 5 | suppressed"
    ]);
  });

  it('says "Not recorded" for d and f without an organisation file, and gives g\u2019s first date when there is one', () => {
    const figures = sample({ councilName: 'Test Borough Council' });
    const rows = figureRows({ ...figures, g: { ...figures.g, since: '2019-01-01' } }, 0);
    assert.deepEqual(rows.filter((row) => ['d', 'f', 'g'].includes(row.question)).map(line), [
      "d | a. Access centrally stored information on the individuals they are dealing with | Not recorded | Not recorded",
      "d | b. Save information on their cases or specific individuals to the device | Not recorded | Not recorded",
      "d | c. Save information to central storage that isn’t on the device (e.g. through a VPN connection) | Not recorded | Not recorded",
      "d | d. Communicate with colleagues over email | Not recorded | Not recorded",
      "d | e. Use collaboration tools (e.g. Microsoft Teams) | Not recorded | Not recorded",
      "d | f. Communicate with the specific children or vulnerable people they are working with | Not recorded | Not recorded",
      "d | g. Communicate with people who work outside the organisation | Not recorded | Not recorded",
      "d | h. Personal tasks (e.g. non-work websites or personal email) | Not recorded | Not recorded",
      "f | Answer | Not recorded | Not recorded",
      "g | Aware of any | Yes | Yes",
      "g | Reports from | 2019-01-01 | 2019-01-01",
      "g | Employees who did so | 2 | 2",
      "g | Further reports naming no individual (may overlap) | 1 | 1"
    ]);
  });
});

describe('FOI outputs', () => {
  it('CSV: exact figures for the officer, published ones on request, with the suppressed rows marked', () => {
    const exact = parse(figuresCsv(sample(), { published: false, threshold: 5 }), { columns: true }) as Array<Record<string, string>>;
    const row = (rows: typeof exact, measure: string) => rows.find((r) => r.measure === measure)!;
    assert.deepEqual(Object.keys(exact[0]), ['question', 'measure', 'figure', 'suppressed']);
    assert.deepEqual(row(exact, 'Employees who did so'), { question: 'g', measure: 'Employees who did so', figure: '2', suppressed: 'yes' });
    const published = parse(figuresCsv(sample(), { published: true, threshold: 5 }), { columns: true }) as Array<Record<string, string>>;
    assert.equal(row(published, 'Employees who did so').figure, 'fewer than 5');
    assert.equal(row(published, 'Employees who complained').figure, '7');
    assert.equal(row(published, 'Answer').figure, 'No, but they have to take specific actions (e.g. installing security on their device, using specific vetted applications)');
  });

  it('XLSX: one sheet per question and a Notes sheet saying where suppression applied', async () => {
    const buffer = await figuresXlsx(sample(), { published: true, threshold: 5 }, new Date('2020-02-12T09:00:00Z'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), [...Object.values(SHEET_NAMES), 'Notes']);
    const e = workbook.getWorksheet(SHEET_NAMES.e)!;
    assert.equal(e.getCell('A1').value, 'e. Complaints that work could not be done on a council device (12 months)');
    assert.deepEqual((e.getRow(2).values as unknown[]).slice(1), ['Measure', 'Figure', 'Suppressed']);
    const rows = e.getSheetValues().slice(3) as unknown[][];
    assert.deepEqual(rows.find((r) => r[1] === 'Employees who complained')?.slice(1), ['Employees who complained', 7, '']);
    assert.deepEqual(rows.find((r) => r[1] === 'Complaints by device: Tablet')?.slice(1), ['Complaints by device: Tablet', 'fewer than 5', 'yes']);
    const d = workbook.getWorksheet(SHEET_NAMES.d)!.getSheetValues().slice(3) as unknown[][];
    assert.equal(d.length, 8);
    assert.equal(d[1][2], 'No');
    const notes = (workbook.getWorksheet('Notes')!.getSheetValues().slice(1) as unknown[][]).map((r) => r[1]).join('\n');
    assert.match(notes, /as of 2020-02-11/);
    assert.match(notes, /Counts from 1 to 4 are shown as "fewer than 5"/);
    assert.match(notes, /Question e: Complaints by device: Tablet/);
    assert.match(notes, /Question g: Employees who did so/);
  });

  it('XLSX exact: keeps the numbers and notes what would be suppressed', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await figuresXlsx(sample(), { published: false, threshold: 5 }, new Date())) as unknown as ArrayBuffer);
    const g = workbook.getWorksheet(SHEET_NAMES.g)!.getSheetValues().slice(3) as unknown[][];
    assert.equal(g.find((r) => r[1] === 'Employees who did so')?.[2], 2);
    const notes = (workbook.getWorksheet('Notes')!.getSheetValues().slice(1) as unknown[][]).map((r) => r[1]).join('\n');
    assert.match(notes, /exact figures for the FOI officer/);
    assert.match(notes, /Employees who did so \(exact: 2\)/);
  });

  it('the letter answers a to g in order in the council\u2019s voice, suppressed, with a note', () => {
    const letter = draftLetter(sample(), 5);
    const headings = [...letter.matchAll(/^## ([a-g])\./gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    assert.match(letter, /12 of our employees work with children or vulnerable people\./);
    assert.match(letter, /Yes\. We provide these employees with: laptop computer\./);
    assert.match(letter, /\| b\. Save information on their cases or specific individuals to the device \| No \|/);
    assert.match(letter, /from 2019-02-12 to 2020-02-11, 7 of these employees told us/);
    assert.match(letter, /\| Tablet \| fewer than 5 \|/);
    assert.match(letter, /No, but they have to take specific actions .*\. Only through the managed app\./);
    assert.match(letter, /Yes\. We are aware of fewer than 5 of these employees sharing/);
    assert.match(letter, /fewer than 5 further reports that name no individual/);
    assert.match(letter, /## Notes\n\n- Counts from 1 to 4 are shown as "fewer than 5"/);
    assert.match(letter, /Information Governance, Test Borough Council/);
    assert.match(letter, /foi@test\.example/);
    assert.doesNotMatch(letter, /\b2 of these employees sharing/);
  });

  it('the letter marks d and f to complete when the organisation file is missing, and says "No" for g when nobody qualifies', () => {
    const figures = computeFigures({ asOf: '2020-02-11', timeZone: 'Europe/London', employees: [], profiles: [], reports: [], organisation: { councilName: 'the council' } });
    const letter = draftLetter(figures, 0);
    assert.equal(letter.match(/To complete before sending/g)?.length, 2);
    assert.match(letter, /No\. We are not aware of any/);
    assert.match(letter, /suppression is turned off/);
  });
});
