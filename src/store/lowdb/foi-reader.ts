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
import type { Employee, Profile, Report } from '../types.js';
import { checkCollectionFile, readCollectionFile } from './collection-file.js';
import { reportFileNumbers, singleFileLeft } from './report-files.js';

/** The parsed file at `file`, checked as one of the bot's; undefined when it does not exist. */
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
 * The FOI inputs from the files in `dataDir`, each report checked as the store checks it.
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
    data.items.forEach((item, index) => counter.add(parseStoredItem('reports', item, `${file} item ${index}`) as Report));
  }
  return { employees, profiles, counts: counter.counts() };
}
