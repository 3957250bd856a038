/**
 * The store over PostgreSQL, for several bot instances sharing one database: each aggregate
 * in its own file beside this one, and what concerns the whole store here. Each record is
 * kept whole as JSON beside the columns that queries and unique keys need (see
 * `migrations/postgres/`). Every change is one statement or one transaction, so instances
 * never overwrite each other's work.
 */
import pg, { type PoolClient } from 'pg';
import { backupTo } from '../backup-files.js';
import type { PurgeCounts, PurgedCollection } from '../purge.js';
import type { Store, StoreStatus } from '../store.js';
import type { StoredData } from '../stored-data.js';
import { PostgresAudit } from './audit.js';
import { PostgresBotState } from './bot-state.js';
import { PostgresConversations } from './conversations.js';
import { Database, rowRecord } from './database.js';
import { PostgresFeedback } from './feedback.js';
import { appliedMigrations } from './migrations.js';
import { PostgresPeople } from './people.js';
import { PostgresPolicyLinks } from './policy-links.js';
import { PostgresReports } from './reports.js';
import { rewriteCollections } from './rewrite.js';
import { PostgresRoles } from './roles.js';
import { readSubject } from './subject.js';
import { PostgresSummaryRuns } from './summary-runs.js';
import { COLLECTIONS, DATA_TABLES, TABLES } from './tables.js';

/**
 * The records dated before `$1` (see ../purge.ts for the dates). Stored times are ISO text in
 * UTC, so comparing the text is comparing the times, as the memory store does; reports use
 * their indexed column. A summary run's deliveries go with it.
 */
const DATED_BEFORE: Record<PurgedCollection, string> = {
  reports: 'FROM reports WHERE submitted_at < $1::timestamptz',
  feedback: "FROM feedback WHERE data->>'at' < $1",
  audit: "FROM audit WHERE data->>'at' < $1",
  conversations: "FROM conversations WHERE data->>'goneAt' < $1",
  summaryRuns: 'FROM summary_runs WHERE started_at < $1'
};

/** A consistent read of several statements. */
const READ_ONLY = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

export class PostgresStore implements Store {
  readonly reports: PostgresReports;
  readonly people: PostgresPeople;
  readonly feedback: PostgresFeedback;
  readonly policyLinks: PostgresPolicyLinks;
  readonly audit: PostgresAudit;
  readonly roles: PostgresRoles;
  readonly conversations: PostgresConversations;
  readonly summaryRuns: PostgresSummaryRuns;
  readonly botState: PostgresBotState;
  readonly #db: Database;
  readonly #location: string;

  /** @param location where the database is, for `/healthz`, without the password. */
  constructor(pool: pg.Pool, location: string) {
    const db = new Database(pool);
    this.#db = db;
    this.#location = location;
    this.reports = new PostgresReports(db);
    this.people = new PostgresPeople(db);
    this.feedback = new PostgresFeedback(db);
    this.policyLinks = new PostgresPolicyLinks(db);
    this.audit = new PostgresAudit(db);
    this.roles = new PostgresRoles(db);
    this.conversations = new PostgresConversations(db);
    this.summaryRuns = new PostgresSummaryRuns(db);
    this.botState = new PostgresBotState(pool);
  }

  /** The connection pool, for what else lives in the same database (the shared rate limits). */
  get pool(): pg.Pool {
    return this.#db.pool;
  }

  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.#db.transaction(work, begin);
  }

  async status(): Promise<StoreStatus> {
    const counts: Record<string, number> = {};
    try {
      const sql = COLLECTIONS.map((name) => `SELECT '${name}' AS name, count(*)::integer AS count FROM ${TABLES[name].tables.at(-1)}`).join(' UNION ALL ');
      for (const row of await this.#db.rows<{ name: string; count: number }>(sql)) counts[row.name] = row.count;
      return { kind: 'postgres', ok: true, schemaVersion: await appliedMigrations(this.pool), location: this.#location, counts };
    } catch {
      return { kind: 'postgres', ok: false, schemaVersion: 0, location: this.#location, counts };
    }
  }

  subjectData(id: string): Promise<StoredData> {
    return this.transaction((client) => readSubject(client, id), READ_ONLY);
  }

  async purgeBefore(cutoff: string, dryRun = false): Promise<PurgeCounts> {
    return this.transaction(async (client) => {
      const counts = {} as PurgeCounts;
      for (const [name, from] of Object.entries(DATED_BEFORE) as Array<[PurgedCollection, string]>) {
        counts[name] = dryRun
          ? (await client.query<{ count: number }>(`SELECT count(*)::integer AS count ${from}`, [cutoff])).rows[0].count
          : ((await client.query(`DELETE ${from}`, [cutoff])).rowCount ?? 0);
      }
      return counts;
    });
  }

  snapshot(): Promise<StoredData> {
    return this.transaction((client) => readAll(client), READ_ONLY);
  }

  rewrite(change: (data: StoredData) => Partial<StoredData>): Promise<void> {
    return this.transaction(async (client) => {
      // Other instances may read meanwhile, but not write: nothing falls between snapshot and apply.
      await client.query(`LOCK TABLE ${DATA_TABLES.join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
      const before = await readAll(client);
      await rewriteCollections(client, before, change(structuredClone(before)));
    });
  }

  async backupTo(dir: string): Promise<string[]> {
    return backupTo(dir, await this.snapshot());
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Every collection, read on one connection (in one transaction, for a consistent copy). */
export async function readAll(client: PoolClient): Promise<StoredData> {
  const data: Partial<StoredData> = {};
  for (const name of COLLECTIONS) data[name] = (await client.query(TABLES[name].select)).rows.map((row: { data: unknown }) => rowRecord(name, row.data)) as never;
  return data as StoredData;
}
