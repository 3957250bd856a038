/**
 * The data directory's layout, which the lowdb store keeps and every store's backup writes:
 * one `{ "schemaVersion": 1, "items": [...] }` file per collection, and the reports in
 * numbered files of {@link REPORTS_PER_FILE} in `reports/` (`000001.json`, `000002.json`, ...).
 */

export const SCHEMA_VERSION = 1;

/** What each data file holds. */
export interface CollectionFile<T> {
  schemaVersion: number;
  items: T[];
}

/** Reports per file: small enough (about 180 KB) to rewrite in a millisecond or two. */
export const REPORTS_PER_FILE = 250;
export const REPORTS_DIR = 'reports';

/** `000001.json` for 1. */
export function reportFileName(number: number): string {
  return `${String(number).padStart(6, '0')}.json`;
}

/** `items` in runs of `size`: reports into files, records into statements. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
