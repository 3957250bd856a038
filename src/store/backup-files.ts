/**
 * A backup in the lowdb layout (see layout.ts), so any backup, from either store, opens as a
 * lowdb data directory.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunk, ENTRIES_PER_FILE, PARTITIONED_COLLECTIONS, reportFileName, REPORTS_PER_FILE, SCHEMA_VERSION, type PartitionedCollection } from './layout.js';
import type { StoredData } from './stored-data.js';

/**
 * Writes `data` into `dir` (created). Never overwrites: a file already there is an error.
 * @param files the partitioned collections (reports, feedback, audit) grouped into files as
 *   the store holds them; any not given is written in files of {@link REPORTS_PER_FILE} or
 *   {@link ENTRIES_PER_FILE}.
 * @returns the files written.
 */
export async function backupTo(dir: string, data: StoredData, files: Partial<Record<PartitionedCollection, unknown[][]>> = {}): Promise<string[]> {
  const written: string[] = [];
  const write = async (file: string, items: unknown[]) => {
    // 'wx': a backup never overwrites another.
    await writeFile(file, JSON.stringify({ schemaVersion: SCHEMA_VERSION, items }), { flag: 'wx' });
    written.push(file);
  };
  const partitioned = new Set<string>(PARTITIONED_COLLECTIONS);
  await mkdir(dir, { recursive: true });
  for (const [name, items] of Object.entries(data)) if (!partitioned.has(name)) await write(path.join(dir, `${name}.json`), items as unknown[]);
  for (const name of PARTITIONED_COLLECTIONS) {
    await mkdir(path.join(dir, name), { recursive: true });
    const groups = files[name] ?? chunk(data[name] as unknown[], name === 'reports' ? REPORTS_PER_FILE : ENTRIES_PER_FILE);
    for (const [index, items] of groups.entries()) await write(path.join(dir, name, reportFileName(index + 1)), items);
  }
  return written;
}
