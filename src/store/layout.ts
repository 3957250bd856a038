/**
 * The data directory's layout, which the lowdb store keeps and every store's backup writes:
 * one `{ "schemaVersion": 1, "items": [...] }` file per collection, except the collections
 * that grow with history (reports, policy feedback, the audit trail), which are kept in
 * numbered files of bounded size in a folder each (`reports/000001.json`, `feedback/...`,
 * `audit/...`), so adding a record rewrites one small file however long the history is.
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

/** Policy questions or audit entries per file: each is a few hundred bytes, so a file stays well under 100 KB. */
export const ENTRIES_PER_FILE = 250;

/** The collections kept in numbered files, each in the folder of its name. */
export const PARTITIONED_COLLECTIONS = ['reports', 'feedback', 'audit'] as const;
export type PartitionedCollection = (typeof PARTITIONED_COLLECTIONS)[number];

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
