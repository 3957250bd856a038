/**
 * What the retention purge removes, by the time that dates each kind of record: reports by
 * when they were submitted; policy feedback and audit entries by when they were recorded;
 * summary runs by when they started; conversation references by when the person removed the
 * app (one still in use has no such time and stays). Profiles, the roster and role grants
 * describe people as they are now and are not purged; erasure is how one person's go. Policy
 * links are the policy owner's curation of the policy, not records about the person who
 * asked, and are kept.
 */
import type { StoredData } from './stored-data.js';

export const RETENTION_DATES = {
  reports: 'submittedAt',
  feedback: 'at',
  audit: 'at',
  conversations: 'goneAt',
  summaryRuns: 'startedAt'
} as const;

export type PurgedCollection = keyof typeof RETENTION_DATES;

/** How many records of each kind a purge removes (or would remove). */
export type PurgeCounts = Record<PurgedCollection, number>;

/** Total records in a purge's counts. */
export function purgedTotal(counts: PurgeCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * What a purge keeps of `data` and how many records it removes: those dated before `cutoff`
 * (an ISO date-time in UTC, as every stored time is, so the text compares as the time does).
 */
export function purge(data: Pick<StoredData, PurgedCollection>, cutoff: string): { kept: Pick<StoredData, PurgedCollection>; counts: PurgeCounts } {
  const kept = {} as Record<PurgedCollection, unknown[]>;
  const counts = {} as PurgeCounts;
  for (const [name, field] of Object.entries(RETENTION_DATES) as Array<[PurgedCollection, string]>) {
    const items = data[name] as unknown as Array<Record<string, string | undefined>>;
    kept[name] = items.filter((item) => !(item[field] !== undefined && item[field] < cutoff));
    counts[name] = items.length - kept[name].length;
  }
  return { kept: kept as unknown as Pick<StoredData, PurgedCollection>, counts };
}
