/**
 * What the FOI figures need, read straight from a lowdb data directory without opening the
 * store: the staff and their profiles (small files), and the report counts taken a report
 * file at a time. Only one file of reports is held at once, so memory stays bounded however
 * long the history is; opening the store would hold every report. Read-only, so it runs
 * beside the bot without the data directory's lock, as the store's own readers do.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../errors.js';
import { reportFileName, REPORTS_DIR } from '../layout.js';
import { ReportCounter, type FoiCountQuery, type FoiInputs } from '../report-counts.js';
import { parseStoredItem } from '../schemas.js';
import { COMPLAINT_CAUSES, DEVICES, REPORT_STATUSES, TOLD_NOT_TO, type CohortAnswer, type Employee, type Profile, type Report } from '../types.js';
import { checkCollectionFile, readCollectionFile } from './collection-file.js';
import { reportFileNumbers, singleFileLeft } from './report-files.js';

const oneOf = (values: readonly string[]) => {
  const allowed = new Set(values);
  return (value: unknown) => typeof value === 'string' && allowed.has(value);
};
const isStatus = oneOf(REPORT_STATUSES);
const isSource = oneOf(['teams', 'import']);
const isAnswer = oneOf(['yes', 'no', 'unknown'] satisfies CohortAnswer[]);
const isCause = oneOf(COMPLAINT_CAUSES);
const isDevice = oneOf(DEVICES);
const isToldNotTo = oneOf(TOLD_NOT_TO);
const isSubject = oneOf(['self', 'colleague']);

/**
 * True when the fields the counting reads are what the bot writes: a quick check in place of
 * the whole record's schema, which would cost more than the counting at a million reports. A
 * record failing it is parsed in full, which names what is wrong.
 */
function countable(item: unknown): item is Report {
  const report = item as Record<string, unknown> | null;
  if (typeof report !== 'object' || report === null) return false;
  const cohort = report.cohort as Record<string, unknown> | null;
  if (!isStatus(report.status) || !isSource(report.source) || typeof report.submittedAt !== 'string' || typeof report.reporterId !== 'string') return false;
  if (typeof cohort !== 'object' || cohort === null || !isAnswer(cohort.worksWithChildrenOrVulnerable) || !isAnswer(cohort.remoteOrFlexible)) return false;
  if (report.kind === 'device-complaint') return isCause(report.cause) && isDevice(report.device);
  return report.kind === 'number-sharing' && isToldNotTo(report.toldNotTo) && isSubject(report.subject) && (report.sharerId === undefined || typeof report.sharerId === 'string');
}

/** The JSON in `file`, parsed; undefined when there is no such file. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}. It has not been changed.`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreError(`cannot read ${file}: ${(error as Error).message}. Fix or restore the file; it has not been changed.`, { cause: error });
  }
}

async function readWhole<T>(dataDir: string, name: 'employees' | 'profiles'): Promise<T[]> {
  const file = path.join(dataDir, `${name}.json`);
  const data = await readCollectionFile(() => readJson(file), file, name);
  return (data?.items ?? []) as T[];
}

/**
 * The FOI inputs from the files in `dataDir`, each report's counted fields checked.
 * @returns undefined when the reports are still in the earlier single-file layout, which only
 *   opening the store moves; the caller opens the store then.
 * @throws StoreError naming the file (and record) that cannot be read; nothing is written.
 */
export async function readFoiInputs(dataDir: string, query: FoiCountQuery): Promise<FoiInputs | undefined> {
  if (singleFileLeft(dataDir, 'reports')) return undefined;
  const [employees, profiles] = await Promise.all([readWhole<Employee>(dataDir, 'employees'), readWhole<Profile>(dataDir, 'profiles')]);
  const counter = new ReportCounter(query);
  const dir = path.join(dataDir, REPORTS_DIR);
  for (const number of await reportFileNumbers(dir)) {
    const file = path.join(dir, reportFileName(number));
    const data = await readJson(file);
    checkCollectionFile(data, file);
    data.items.forEach((item, index) => counter.add(countable(item) ? item : (parseStoredItem('reports', item, `${file} item ${index}`) as Report)));
  }
  return { employees, profiles, counts: counter.counts() };
}
