/**
 * Retention: reports are kept for `RETENTION_MONTHS` after they were submitted (never less
 * than 13, so FOI question e always has its 12 months), then purged with what refers to the
 * same period. Which time dates each kind of record, and the purge itself, are the store's
 * (`store/purge.ts`), so a database can purge without reading everything.
 */

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
