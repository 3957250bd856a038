/**
 * Summary runs in PostgreSQL: a row per run and one per manager's delivery, whose key
 * (run, manager) lets only one instance claim each delivery.
 */
import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { SummaryRunStore } from '../summary-runs.js';
import type { SummaryDelivery, SummaryRun } from '../types.js';
import type { Database } from './database.js';
import { jsonb, TABLES } from './tables.js';

/** PostgreSQL's code for a foreign key that points nowhere. */
const FOREIGN_KEY_VIOLATION = '23503';

export class PostgresSummaryRuns implements SummaryRunStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async start(runKey: string, at: string): Promise<SummaryRun> {
    await this.#db.query('INSERT INTO summary_runs (run_key, started_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [runKey, at]);
    return (await this.get(runKey))!;
  }

  get(runKey: string): Promise<SummaryRun | undefined> {
    return this.#db.record('summaryRuns', TABLES.summaryRuns.select.replace('GROUP BY', 'WHERE r.run_key = $1 GROUP BY'), [runKey]);
  }

  async claimDelivery(runKey: string, managerId: string, at: string): Promise<boolean> {
    const delivery: SummaryDelivery = { managerId, outcome: 'sending', at };
    const result = await this.#forRun(runKey, 'INSERT INTO summary_deliveries (run_key, manager_id, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      runKey,
      managerId,
      jsonb(delivery)
    ]);
    return result.rowCount === 1;
  }

  async recordDelivery(runKey: string, delivery: SummaryDelivery): Promise<void> {
    await this.#forRun(
      runKey,
      'INSERT INTO summary_deliveries (run_key, manager_id, data) VALUES ($1, $2, $3) ON CONFLICT (run_key, manager_id) DO UPDATE SET data = EXCLUDED.data',
      [runKey, delivery.managerId, jsonb(delivery)]
    );
  }

  async #forRun(runKey: string, sql: string, params: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.#db.query(sql, params);
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new StoreError(`no summary run ${runKey}`, { cause: error });
      throw error;
    }
  }

  async finish(runKey: string, at: string): Promise<void> {
    await this.#db.query('UPDATE summary_runs SET finished_at = $2 WHERE run_key = $1', [runKey, at]);
  }
}
