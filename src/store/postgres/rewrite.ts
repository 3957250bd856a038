/**
 * Applies a rewrite (retention, erasure) inside the caller's transaction. Reports are
 * changed in place, only those that differ, so a purge of old reports does not rewrite the
 * rest; the smaller collections are replaced whole, in order.
 */
import type { PoolClient } from 'pg';
import { StoreError } from '../errors.js';
import { chunk } from '../layout.js';
import type { StoredData } from '../stored-data.js';
import type { Report } from '../types.js';
import { COLLECTIONS, jsonb, TABLES } from './tables.js';

/** Records per statement, so no parameter grows with the history. */
export const BATCH = 1000;

export function batches<T>(items: T[]): T[][] {
  return chunk(items, BATCH);
}

export async function rewriteCollections(client: PoolClient, before: StoredData, after: Partial<StoredData>): Promise<void> {
  for (const name of COLLECTIONS) {
    const items = after[name];
    if (!items) continue;
    if (name === 'reports') {
      await rewriteReports(client, before.reports, items as Report[]);
      continue;
    }
    if (JSON.stringify(items) === JSON.stringify(before[name])) continue;
    for (const table of TABLES[name].tables) await client.query(`DELETE FROM ${table}`);
    for (const batch of batches(items as unknown[])) {
      for (const sql of TABLES[name].insert('')) await client.query(sql, [jsonb(batch)]);
    }
  }
}

async function rewriteReports(client: PoolClient, before: Report[], after: Report[]): Promise<void> {
  const earlier = new Map(before.map((report) => [report.id, JSON.stringify(report)]));
  if (after.some((report) => !earlier.has(report.id))) throw new StoreError('a rewrite cannot add reports; use reports.add');
  const kept = new Set(after.map((report) => report.id));
  const removed = before.filter((report) => !kept.has(report.id)).map((report) => report.id);
  const changed = after.filter((report) => JSON.stringify(report) !== earlier.get(report.id));
  for (const ids of batches(removed)) await client.query('DELETE FROM reports WHERE id = ANY($1)', [ids]);
  for (const batch of batches(changed)) {
    await client.query(
      `UPDATE reports r SET data = t.e, status = t.e->>'status', reporter_id = t.e->>'reporterId'
       FROM jsonb_array_elements($1::jsonb) AS t(e) WHERE r.id = t.e->>'id'`,
      [jsonb(batch)]
    );
  }
}
