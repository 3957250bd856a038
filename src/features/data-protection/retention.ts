/**
 * Retention: reports are kept for `RETENTION_MONTHS` after they were submitted (never less
 * than 13, so FOI question e always has its 12 months), then purged with what refers to the
 * same period. Pure functions over the stored data; the store applies the result.
 */
import type { StoredData } from '../../store/store.js';

/** How many records of each kind a purge removes (or would remove). */
export interface PurgeCounts {
  reports: number;
  feedback: number;
  audit: number;
  conversations: number;
  summaryRuns: number;
}

/** The first moment still kept: `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * What a purge keeps. Removed: reports submitted before the cutoff; policy feedback and audit
 * entries recorded before it; summary runs started before it; conversation references of
 * people who removed the app before it. Profiles, the roster and role grants describe people
 * as they are now and are kept; erasure (see subject.ts) is how one person's are removed.
 */
export function purge(data: StoredData, cutoff: Date): { kept: Pick<StoredData, keyof PurgeCounts>; counts: PurgeCounts } {
  const limit = cutoff.toISOString();
  const before = (at: string | undefined) => at !== undefined && at < limit;
  const kept = {
    reports: data.reports.filter((r) => !before(r.submittedAt)),
    feedback: data.feedback.filter((f) => !before(f.at)),
    audit: data.audit.filter((a) => !before(a.at)),
    conversations: data.conversations.filter((c) => !before(c.goneAt)),
    summaryRuns: data.summaryRuns.filter((r) => !before(r.startedAt))
  };
  const counts = {
    reports: data.reports.length - kept.reports.length,
    feedback: data.feedback.length - kept.feedback.length,
    audit: data.audit.length - kept.audit.length,
    conversations: data.conversations.length - kept.conversations.length,
    summaryRuns: data.summaryRuns.length - kept.summaryRuns.length
  };
  return { kept, counts };
}

/** Total records in a purge's counts. */
export function purgedTotal(counts: PurgeCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
