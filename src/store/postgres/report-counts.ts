/**
 * The FOI counts in SQL (see ../report-counts.ts): one statement, so both questions see one
 * snapshot, served by the partial indexes of migration 0005. It returns a row per cause and
 * device and a row per distinct person counted: a few thousand rows however long the history.
 */
import { COMPLAINT_CAUSES, DEVICES, type ComplaintCause, type Device, type Report } from '../types.js';
import { zeroes, type CountedPerson, type FoiCountQuery, type FoiCounts } from '../report-counts.js';
import type { Database } from './database.js';

/** `grouping` tells a complaint's cause-and-device row (0) from its person row (3); sharing rows are all per person. */
const FOI_COUNTS = `
  SELECT 'e' AS question, GROUPING(cause, device) AS grouping, cause, device, source, person_key AS person, count(*)::integer AS n
  FROM reports
  WHERE kind = 'device-complaint' AND in_cohort AND status = ANY($1) AND submitted_at >= $2 AND submitted_at < $3
  GROUP BY GROUPING SETS ((cause, device), (source, person_key))
  UNION ALL
  SELECT 'g', 3, NULL, NULL, source, person_key, count(*)::integer
  FROM reports
  WHERE kind = 'number-sharing' AND in_cohort AND told_not_to = 'yes' AND status = ANY($1) AND submitted_at < $3
    AND ($4::timestamptz IS NULL OR submitted_at >= $4)
  GROUP BY source, person_key`;

interface CountRow {
  question: 'e' | 'g';
  grouping: number;
  cause: ComplaintCause | null;
  device: Device | null;
  source: Report['source'] | null;
  person: string | null;
  n: number;
}

/** Asks PostgreSQL for the counts behind FOI questions e and g. */
export async function postgresFoiCounts(db: Database, query: FoiCountQuery): Promise<FoiCounts> {
  const rows = await db.rows<CountRow>(FOI_COUNTS, [[...query.statuses], query.complaintsFrom, query.submittedBefore, query.sharingFrom ?? null]);
  const counts: FoiCounts = { complaints: 0, byCause: zeroes(COMPLAINT_CAUSES), byDevice: zeroes(DEVICES), complainants: [], sharingReports: 0, unnamedSharingReports: 0, sharers: [] };
  const person = (row: CountRow): CountedPerson => ({ source: row.source === 'import' ? 'import' : 'teams', id: row.person! });
  for (const row of rows) {
    if (row.question === 'e' && row.grouping === 0) {
      counts.complaints += row.n;
      counts.byCause[row.cause!] += row.n;
      counts.byDevice[row.device!] += row.n;
    } else if (row.question === 'e') {
      counts.complainants.push(person(row));
    } else {
      counts.sharingReports += row.n;
      if (row.person === null) counts.unnamedSharingReports += row.n;
      else counts.sharers.push(person(row));
    }
  }
  return counts;
}
