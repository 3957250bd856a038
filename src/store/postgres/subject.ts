/**
 * One person's records, read from PostgreSQL with the rules of ../subject.ts: the roster
 * links their ids, then each table gives the rows naming one of them (in any case).
 */
import type { PoolClient } from 'pg';
import type { StoredData } from '../stored-data.js';
import { linkedIds, recordsNaming } from '../subject.js';
import { rowRecord } from './database.js';
import { TABLES, type CollectionName } from './tables.js';

/** Per collection, the rows naming one of `$1` (lower-case ids). */
const NAMING: Record<CollectionName, string> = {
  employees: 'SELECT data FROM employees WHERE lower(employee_id) = ANY($1) OR lower(aad_object_id) = ANY($1) ORDER BY seq',
  profiles: 'SELECT data FROM profiles WHERE lower(aad_object_id) = ANY($1) ORDER BY seq',
  reports: `SELECT data FROM reports WHERE lower(reporter_id) = ANY($1) OR (kind = 'number-sharing' AND lower(data->>'sharerId') = ANY($1)) ORDER BY seq`,
  conversations: 'SELECT data FROM conversations WHERE lower(aad_object_id) = ANY($1) ORDER BY seq',
  roles: 'SELECT data FROM role_grants WHERE lower(aad_object_id) = ANY($1) ORDER BY seq',
  summaryRuns: TABLES.summaryRuns.select.replace('GROUP BY', 'WHERE r.run_key IN (SELECT run_key FROM summary_deliveries WHERE lower(manager_id) = ANY($1)) GROUP BY'),
  audit: `SELECT data FROM audit WHERE lower(data->>'actorId') = ANY($1) OR lower(data->>'target') = ANY($1) ORDER BY seq`,
  feedback: `SELECT data FROM feedback WHERE lower(data->>'askerId') = ANY($1) ORDER BY seq`,
  policyLinks: `SELECT data FROM policy_links WHERE lower(data->>'linkedBy') = ANY($1) ORDER BY seq`
};

/** What the database holds about the person `id`, read on `client` (in one transaction, for a consistent answer). */
export async function readSubject(client: PoolClient, id: string): Promise<StoredData> {
  const roster = await client.query<{ employeeId: string; aadObjectId: string | undefined }>(
    'SELECT employee_id AS "employeeId", aad_object_id AS "aadObjectId" FROM employees ORDER BY seq'
  );
  const ids = linkedIds(
    roster.rows.map((row) => ({ employeeId: row.employeeId, aadObjectId: row.aadObjectId ?? undefined })),
    id
  );
  const data: Partial<StoredData> = {};
  for (const [name, sql] of Object.entries(NAMING) as Array<[CollectionName, string]>) {
    data[name] = (await client.query(sql, [[...ids]])).rows.map((row: { data: unknown }) => rowRecord(name, row.data)) as never;
  }
  // A summary run comes whole from the query: keep only this person's deliveries.
  return recordsNaming(data as StoredData, ids);
}
