/**
 * Copies everything a lowdb data directory holds into the PostgreSQL store, in one
 * transaction: all of it or nothing. Records keep their ids and references, so a second
 * copy adds nothing, and reference numbers carry on from the highest copied.
 */
import { StoreError, type StoredData } from '../store.js';
import type { PostgresStore } from './postgres-store.js';
import { batches } from './rewrite.js';
import { CATCH_UP_SEQUENCES, COLLECTIONS, TABLES, type CollectionName } from './tables.js';

export interface CopyCount {
  copied: number;
  /** Already in the database (from an earlier copy, or stored there since); kept as they are. */
  alreadyThere: number;
}

export type CopyOutcome = Record<CollectionName, CopyCount>;

/** Given reports (`$1`) whose reference or submission id belongs to a different stored report. */
const CLASHES = `
  SELECT e->>'id' AS id FROM jsonb_array_elements($1::jsonb) AS t(e)
  WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = e->>'id' AND r.submission_id = e->>'submissionId')`;

/**
 * @throws StoreError, with nothing copied, when a report's reference is already used in the
 *   database by a different submission (the bots stored reports there before the copy).
 */
export async function copyIntoPostgres(target: PostgresStore, data: StoredData): Promise<CopyOutcome> {
  return target.transaction(async (client) => {
    const outcome = {} as CopyOutcome;
    for (const name of COLLECTIONS) {
      const count: CopyCount = { copied: 0, alreadyThere: 0 };
      for (const batch of batches(data[name] as unknown[])) {
        const [first, ...rest] = TABLES[name].insert('ON CONFLICT DO NOTHING');
        const inserted = (await client.query(first, [JSON.stringify(batch)])).rowCount ?? 0;
        // Summary deliveries belong to their run: counted with it.
        for (const sql of rest) await client.query(sql, [JSON.stringify(batch)]);
        count.copied += inserted;
        count.alreadyThere += batch.length - inserted;
        if (name === 'reports' && inserted < batch.length) {
          const clashes = (await client.query<{ id: string }>(CLASHES, [JSON.stringify(batch)])).rows.map((row) => row.id);
          if (clashes.length) {
            throw new StoreError(
              `the database already holds different reports under ${clashes.length} of these references (${clashes.slice(0, 5).join(', ')}${clashes.length > 5 ? ', …' : ''}), ` +
                'so the bots have stored reports there before this copy; nothing has been copied. Copy into an empty database (or schema) before the bots start on it.'
            );
          }
        }
      }
      outcome[name] = count;
    }
    await client.query(CATCH_UP_SEQUENCES);
    return outcome;
  });
}
