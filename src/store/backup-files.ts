/**
 * A backup in the lowdb layout (see layout.ts), so any backup, from either store, opens as a
 * lowdb data directory.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunk, reportFileName, REPORTS_DIR, REPORTS_PER_FILE, SCHEMA_VERSION } from './layout.js';
import type { StoredData } from './stored-data.js';
import type { Report } from './types.js';

/**
 * Writes `data` into `dir` (created). Never overwrites: a file already there is an error.
 * @param reportFiles the reports grouped into files; by default in files of {@link REPORTS_PER_FILE}.
 * @returns the files written.
 */
export async function backupTo(dir: string, data: StoredData, reportFiles: Report[][] = chunk(data.reports, REPORTS_PER_FILE)): Promise<string[]> {
  await mkdir(path.join(dir, REPORTS_DIR), { recursive: true });
  const written: string[] = [];
  const write = async (file: string, items: unknown[]) => {
    // 'wx': a backup never overwrites another.
    await writeFile(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, items }), { flag: 'wx' });
    written.push(file);
  };
  for (const [name, items] of Object.entries(data)) if (name !== 'reports') await write(path.join(dir, `${name}.json`), items as unknown[]);
  for (const [index, items] of reportFiles.entries()) await write(path.join(dir, REPORTS_DIR, reportFileName(index + 1)), items);
  return written;
}
