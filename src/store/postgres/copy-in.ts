/**
 * Copies everything a lowdb data directory holds into the PostgreSQL store, in one
 * transaction: all of it or nothing. Records keep their ids and references, and reference
 * numbers carry on from the highest copied. Records the database already holds exactly are
 * not copied again, so a second copy adds nothing; a database holding anything else (the
 * bots have used it, or it has a copy of an earlier state of the directory) is refused, so
 * nothing there is ever overwritten or left behind by mistake.
 */
import { StoreError } from '../errors.js';
import type { StoredData } from '../stored-data.js';
import type { AuditEntry } from '../types.js';
import { readAll, type PostgresStore } from './store.js';
import { batches } from './rewrite.js';
import { CATCH_UP_SEQUENCES, COLLECTIONS, DATA_TABLES, jsonb, storable, TABLES, type CollectionName } from './tables.js';

export interface CopyCount {
  copied: number;
  /** Already in the database exactly as in the data directory (from an earlier copy). */
  alreadyThere: number;
}

export type CopyOutcome = Record<CollectionName, CopyCount>;

/** The audit action recording a copy; the database's own, so not compared with the directory. */
export const COPY_AUDIT_ACTION = 'store.migrate';

/** A record as text that is equal for equal records, whatever order jsonb gave their keys. */
function canonical(record: unknown): string {
  return JSON.stringify(record, (_key, item: unknown) => {
    const value = storable(item);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
  });
}

/** The records the database lacks, and those it holds that the directory does not (equal records paired off one for one). */
function compare<T>(records: T[], present: T[]): { missing: T[]; foreign: T[] } {
  const unmatched = new Map<string, T[]>();
  for (const record of present) {
    const key = canonical(record);
    const same = unmatched.get(key);
    if (same) same.push(record);
    else unmatched.set(key, [record]);
  }
  const missing = records.filter((record) => {
    const same = unmatched.get(canonical(record));
    return !same?.pop();
  });
  return { missing, foreign: [...unmatched.values()].flat() };
}

/** What the database holds beyond the directory, per collection, naming reports by reference. */
function describeForeign(foreign: Array<[CollectionName, unknown[]]>): string {
  return foreign
    .map(([name, records]) => {
      if (name !== 'reports') return `${name} ${records.length}`;
      const ids = (records as Array<{ id: string }>).map((report) => report.id);
      return `reports ${ids.length} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''})`;
    })
    .join(', ');
}

/**
 * @param by who is copying and when, for the audit entry the copy adds.
 * @throws StoreError, with nothing copied, when the database holds records the data
 *   directory does not, or holds differently.
 */
export async function copyIntoPostgres(target: PostgresStore, data: StoredData, by: Pick<AuditEntry, 'actorId' | 'at'>): Promise<CopyOutcome> {
  return target.transaction(async (client) => {
    // The bots may read meanwhile, not write: what is compared is what is filled.
    await client.query(`LOCK TABLE ${DATA_TABLES.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    const present = await readAll(client);
    present.audit = present.audit.filter((entry) => entry.action !== COPY_AUDIT_ACTION);
    const plan = COLLECTIONS.map((name) => ({ name, ...compare<unknown>(data[name], present[name]) }));

    const foreign = plan.filter((step) => step.foreign.length > 0).map((step): [CollectionName, unknown[]] => [step.name, step.foreign]);
    if (foreign.length > 0) {
      throw new StoreError(
        `the database already holds records the data directory does not have, or has differently: ${describeForeign(foreign)}. ` +
          'The bots have used it, or it holds a copy of an earlier state of the data directory. Nothing has been copied, so nothing there is overwritten. ' +
          'Copy into an empty schema (DATABASE_SCHEMA) before the bots start on it.'
      );
    }

    for (const { name, missing } of plan) {
      for (const batch of batches(missing)) {
        for (const sql of TABLES[name].insert('')) await client.query(sql, [jsonb(batch)]);
      }
    }
    await client.query(CATCH_UP_SEQUENCES);
    const outcome = Object.fromEntries(plan.map(({ name, missing }) => [name, { copied: missing.length, alreadyThere: data[name].length - missing.length }])) as CopyOutcome;
    const entry: AuditEntry = {
      ...by,
      action: COPY_AUDIT_ACTION,
      outcome: 'done',
      detail: `from lowdb: ${outcome.reports.copied} reports copied, ${outcome.reports.alreadyThere} already there`
    };
    await client.query(TABLES.audit.insert('')[0], [jsonb([entry])]);
    return outcome;
  });
}
