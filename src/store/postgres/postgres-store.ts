/**
 * The store over PostgreSQL, for several bot instances sharing one database. Each record
 * is kept whole as JSON beside the columns that queries and unique keys need (see
 * `migrations/postgres/`). Every change is one statement or one transaction, so instances
 * never overwrite each other's work: a submission is stored once whichever instance
 * receives it (its submission id is a unique key), reference numbers come from one row per
 * series, and a status change appends to the history in place.
 */
import pg, { type PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import { PLAIN_SCHEMA_NAME } from '../../config.js';
import { backupTo } from '../backup-files.js';
import type { PurgeCounts, PurgedCollection } from '../purge.js';
import { REFERENCE_PREFIX, StoreError, type ReportFilter, type Store, type StoreStatus, type StoredData } from '../store.js';
import type {
  AuditEntry,
  ConversationRecord,
  Employee,
  GrantableRole,
  NewReport,
  PolicyFeedback,
  Profile,
  Report,
  ReportStatus,
  RoleGrant,
  SummaryDelivery,
  SummaryRun
} from '../types.js';
import { appliedMigrations, migrate } from './migrations.js';
import { rewriteCollections } from './rewrite.js';
import { COLLECTIONS, DATA_TABLES, jsonb, TABLES } from './tables.js';

/** Reports read per round trip when streaming. */
const STREAM_BATCH = 500;
/** How long to wait for a connection (a new one, or one from a busy pool) before failing the request. */
const CONNECT_TIMEOUT_MS = 10_000;
/** PostgreSQL's code for a foreign key that points nowhere. */
const FOREIGN_KEY_VIOLATION = '23503';

export interface PostgresStoreOptions {
  /** A `postgres://` connection string. */
  url: string;
  /** The schema the tables live in (created when missing). */
  schema?: string;
  /** Connections the pool may open. */
  poolSize?: number;
  /** Where migration progress and dropped connections are told; silent by default. */
  log?: (message: string) => void;
}

const ALREADY_STORED = Symbol('already stored');

/**
 * The records dated before `$1` (see purge.ts for the dates). Stored times are ISO text in UTC,
 * so comparing the text is comparing the times, as the lowdb store does; reports use their
 * indexed column. A summary run's deliveries go with it.
 */
const DATED_BEFORE: Record<PurgedCollection, string> = {
  reports: 'FROM reports WHERE submitted_at < $1::timestamptz',
  feedback: "FROM feedback WHERE data->>'at' < $1",
  audit: "FROM audit WHERE data->>'at' < $1",
  conversations: "FROM conversations WHERE data->>'goneAt' < $1",
  summaryRuns: 'FROM summary_runs WHERE started_at < $1'
};

/** Builds the WHERE clause for a report filter. */
function reportWhere(filter: ReportFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => conditions.push(sql.replace('?', `$${params.push(value)}`));
  if (filter.kind) add('kind = ?', filter.kind);
  if (filter.reporterId) add('reporter_id = ?', filter.reporterId);
  if (filter.statuses) add('status = ANY(?)', [...filter.statuses]);
  if (filter.submittedFrom) add('submitted_at >= ?', filter.submittedFrom);
  if (filter.submittedBefore) add('submitted_at < ?', filter.submittedBefore);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  readonly #location: string;

  constructor(pool: pg.Pool, location: string) {
    this.#pool = pool;
    this.#location = location;
  }

  /** The connection pool, for the conversation state kept in the same database. */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async #rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.#pool.query(sql, params)).rows as T[];
  }

  async #data<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.#rows<{ data: T }>(sql, params))[0]?.data;
  }

  /**
   * A connection of its own, for several statements. The pool listens for errors only on idle
   * connections: without a listener here, a server that goes away mid-use would end the process.
   * `release(true)` (or any error seen) discards the connection instead of reusing it.
   */
  async #checkout(): Promise<{ client: PoolClient; release: (discard?: boolean) => void }> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    return {
      client,
      release: (discard = false) => {
        client.off('error', onError);
        client.release(broken ?? discard);
      }
    };
  }

  /** Runs `work` in one transaction on one connection. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const { client, release } = await this.#checkout();
    let discard = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (discard = true));
      throw error;
    } finally {
      release(discard);
    }
  }

  async status(): Promise<StoreStatus> {
    const counts: Record<string, number> = {};
    try {
      const sql = COLLECTIONS.map((name) => `SELECT '${name}' AS name, count(*)::integer AS count FROM ${TABLES[name].tables.at(-1)}`).join(' UNION ALL ');
      for (const row of await this.#rows<{ name: string; count: number }>(sql)) counts[row.name] = row.count;
      return { kind: 'postgres', ok: true, schemaVersion: await appliedMigrations(this.#pool), location: this.#location, counts };
    } catch {
      return { kind: 'postgres', ok: false, schemaVersion: 0, location: this.#location, counts };
    }
  }

  getProfile(aadObjectId: string): Promise<Profile | undefined> {
    return this.#data('SELECT data FROM profiles WHERE aad_object_id = $1', [aadObjectId]);
  }

  async saveProfile(profile: Profile): Promise<void> {
    await this.#pool.query('INSERT INTO profiles (aad_object_id, data) VALUES ($1, $2) ON CONFLICT (aad_object_id) DO UPDATE SET data = EXCLUDED.data', [
      profile.aadObjectId,
      jsonb(profile)
    ]);
  }

  async listProfiles(): Promise<Profile[]> {
    return (await this.#rows<{ data: Profile }>(TABLES.profiles.select)).map((row) => row.data);
  }

  async addReport(draft: NewReport): Promise<{ report: Report; created: boolean }> {
    const existing = await this.getReportBySubmission(draft.submissionId);
    if (existing) return { report: existing, created: false };
    const series = `${REFERENCE_PREFIX[draft.kind]}-${draft.submittedAt.slice(0, 4)}`;
    try {
      const report = await this.transaction(async (client) => {
        // The series row is locked until commit, so numbers are given one at a time.
        const { rows } = await client.query<{ last_number: number }>(
          `INSERT INTO report_sequences (series, last_number) VALUES ($1, 1)
           ON CONFLICT (series) DO UPDATE SET last_number = report_sequences.last_number + 1 RETURNING last_number`,
          [series]
        );
        const report = { ...draft, id: `${series}-${String(rows[0].last_number).padStart(6, '0')}` } as Report;
        const inserted = await client.query(`${TABLES.reports.insert('ON CONFLICT (submission_id) DO NOTHING')[0]}`, [jsonb([report])]);
        // Another instance stored this submission meanwhile: roll back, so its number is not used up.
        if (inserted.rowCount === 0) throw ALREADY_STORED;
        return report;
      });
      return { report, created: true };
    } catch (error) {
      if (error !== ALREADY_STORED) throw error;
      const stored = await this.getReportBySubmission(draft.submissionId);
      if (!stored) throw new StoreError(`submission ${draft.submissionId} was stored and then removed while being stored again`);
      return { report: stored, created: false };
    }
  }

  getReport(id: string): Promise<Report | undefined> {
    return this.#data('SELECT data FROM reports WHERE id = $1', [id]);
  }

  getReportBySubmission(submissionId: string): Promise<Report | undefined> {
    return this.#data('SELECT data FROM reports WHERE submission_id = $1', [submissionId]);
  }

  async listReports(filter: ReportFilter = {}): Promise<Report[]> {
    const { where, params } = reportWhere(filter);
    return (await this.#rows<{ data: Report }>(`SELECT data FROM reports ${where} ORDER BY seq`, params)).map((row) => row.data);
  }

  async *streamReports(filter: ReportFilter = {}): AsyncIterable<Report> {
    const { where, params } = reportWhere(filter);
    const { client, release } = await this.#checkout();
    const cursor = client.query(new Cursor<{ data: Report }>(`SELECT data FROM reports ${where} ORDER BY seq`, params));
    let failed = false;
    try {
      for (let rows = await cursor.read(STREAM_BATCH); rows.length > 0; rows = await cursor.read(STREAM_BATCH)) {
        for (const row of rows) yield row.data;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // Closing a failed cursor would wait for an answer a dead connection never gives: discard it instead.
      if (!failed) await cursor.close().catch(() => (failed = true));
      release(failed);
    }
  }

  setReportStatus(id: string, status: ReportStatus, by: string, at: string): Promise<Report | undefined> {
    return this.#data(
      `UPDATE reports SET status = $2,
         data = jsonb_set(jsonb_set(data, '{status}', to_jsonb($2::text)), '{history}', coalesce(data->'history', '[]'::jsonb) || jsonb_build_array($3::jsonb))
       WHERE id = $1 RETURNING data`,
      [id, status, jsonb({ status, at, by })]
    );
  }

  async upsertEmployees(employees: Employee[]): Promise<{ added: number; updated: number }> {
    // A row already on the roster keeps the fields the new one leaves out (e.g. its Teams link).
    const rows = await this.#rows<{ added: boolean }>(
      `${TABLES.employees.insert(`ON CONFLICT (employee_id) DO UPDATE SET data = employees.data || EXCLUDED.data,
         aad_object_id = (employees.data || EXCLUDED.data)->>'aadObjectId'`)[0]} RETURNING (xmax = 0) AS added`,
      [jsonb(dedupeByLast(employees, (e) => e.employeeId))]
    );
    const added = rows.filter((row) => row.added).length;
    return { added, updated: employees.length - added };
  }

  async linkEmployee(employeeId: string, aadObjectId: string): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE employees SET aad_object_id = $2, data = jsonb_set(data, '{aadObjectId}', to_jsonb($2::text))
       WHERE employee_id = $1 AND aad_object_id IS NULL`,
      [employeeId, aadObjectId]
    );
    return result.rowCount === 1;
  }

  async listEmployees(): Promise<Employee[]> {
    return (await this.#rows<{ data: Employee }>(TABLES.employees.select)).map((row) => row.data);
  }

  getEmployee(employeeId: string): Promise<Employee | undefined> {
    return this.#data('SELECT data FROM employees WHERE employee_id = $1', [employeeId]);
  }

  getEmployeeByAadObjectId(aadObjectId: string): Promise<Employee | undefined> {
    return this.#data('SELECT data FROM employees WHERE lower(aad_object_id) = lower($1) ORDER BY seq LIMIT 1', [aadObjectId]);
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    await this.#pool.query('INSERT INTO conversations (aad_object_id, data) VALUES ($1, $2) ON CONFLICT (aad_object_id) DO UPDATE SET data = EXCLUDED.data', [
      record.aadObjectId,
      jsonb(record)
    ]);
  }

  getConversation(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return this.#data('SELECT data FROM conversations WHERE aad_object_id = $1', [aadObjectId]);
  }

  async listConversations(): Promise<ConversationRecord[]> {
    return (await this.#rows<{ data: ConversationRecord }>(TABLES.conversations.select)).map((row) => row.data);
  }

  async addFeedback(entry: PolicyFeedback): Promise<void> {
    await this.#pool.query('INSERT INTO feedback (id, data) VALUES ($1, $2)', [entry.id, jsonb(entry)]);
  }

  setFeedbackHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined> {
    return this.#data(`UPDATE feedback SET data = jsonb_set(data, '{helpful}', to_jsonb($2::boolean)) WHERE id = $1 RETURNING data`, [id, helpful]);
  }

  async listFeedback(): Promise<PolicyFeedback[]> {
    return (await this.#rows<{ data: PolicyFeedback }>(TABLES.feedback.select)).map((row) => row.data);
  }

  async listRoleGrants(): Promise<RoleGrant[]> {
    return (await this.#rows<{ data: RoleGrant }>(TABLES.roles.select)).map((row) => row.data);
  }

  async addRoleGrant(grant: RoleGrant): Promise<boolean> {
    const result = await this.#pool.query('INSERT INTO role_grants (aad_object_id, role, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      grant.aadObjectId,
      grant.role,
      jsonb(grant)
    ]);
    return result.rowCount === 1;
  }

  async removeRoleGrant(aadObjectId: string, role: GrantableRole): Promise<boolean> {
    return (await this.#pool.query('DELETE FROM role_grants WHERE aad_object_id = $1 AND role = $2', [aadObjectId, role])).rowCount === 1;
  }

  async startSummaryRun(runKey: string, at: string): Promise<SummaryRun> {
    await this.#pool.query('INSERT INTO summary_runs (run_key, started_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [runKey, at]);
    return (await this.#summaryRun(runKey))!;
  }

  async #summaryRun(runKey: string): Promise<SummaryRun | undefined> {
    return this.#data(TABLES.summaryRuns.select.replace('GROUP BY', 'WHERE r.run_key = $1 GROUP BY'), [runKey]);
  }

  async claimSummaryDelivery(runKey: string, managerId: string, at: string): Promise<boolean> {
    const delivery: SummaryDelivery = { managerId, outcome: 'sending', at };
    const result = await this.#forRun(runKey, 'INSERT INTO summary_deliveries (run_key, manager_id, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      runKey,
      managerId,
      jsonb(delivery)
    ]);
    return result.rowCount === 1;
  }

  async recordSummaryDelivery(runKey: string, delivery: SummaryDelivery): Promise<void> {
    await this.#forRun(
      runKey,
      'INSERT INTO summary_deliveries (run_key, manager_id, data) VALUES ($1, $2, $3) ON CONFLICT (run_key, manager_id) DO UPDATE SET data = EXCLUDED.data',
      [runKey, delivery.managerId, jsonb(delivery)]
    );
  }

  async #forRun(runKey: string, sql: string, params: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.#pool.query(sql, params);
    } catch (error) {
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new StoreError(`no summary run ${runKey}`, { cause: error });
      throw error;
    }
  }

  async finishSummaryRun(runKey: string, at: string): Promise<void> {
    await this.#pool.query('UPDATE summary_runs SET finished_at = $2 WHERE run_key = $1', [runKey, at]);
  }

  async listSummaryRuns(): Promise<SummaryRun[]> {
    return (await this.#rows<{ data: SummaryRun }>(TABLES.summaryRuns.select)).map((row) => row.data);
  }

  async addAudit(entry: AuditEntry): Promise<void> {
    await this.#pool.query('INSERT INTO audit (fingerprint, data) VALUES (md5($1::jsonb::text), $1::jsonb)', [jsonb(entry)]);
  }

  async listAudit(): Promise<AuditEntry[]> {
    return (await this.#rows<{ data: AuditEntry }>(TABLES.audit.select)).map((row) => row.data);
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
    return this.transaction((client) => readAll(client), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
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
    await this.#pool.end();
  }
}

/** Every collection, read on one connection (in one transaction, for a consistent copy). */
export async function readAll(client: PoolClient): Promise<StoredData> {
  const data: Partial<StoredData> = {};
  for (const name of COLLECTIONS) data[name] = (await client.query(TABLES[name].select)).rows.map((row: { data: unknown }) => row.data) as never;
  return data as StoredData;
}

/** The last of each key wins, as when rows are upserted one after another. */
function dedupeByLast<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

/** Where the database is, for messages and `/healthz`, without the password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres';
  }
}

/**
 * The connection settings: the schema to use, and UTC for any time read without an offset.
 * Settings a URL gives in `?options=` would replace these, so they are joined instead.
 */
function connectionConfig(url: string, schema: string): pg.ClientConfig {
  let connectionString = url;
  let given = '';
  try {
    const parsed = new URL(url);
    given = parsed.searchParams.get('options') ?? '';
    parsed.searchParams.delete('options');
    connectionString = parsed.toString();
  } catch {
    // Not a URL pg can read either: connecting says so.
  }
  return { connectionString, options: [given, `-c search_path=${schema}`, '-c TimeZone=UTC'].filter(Boolean).join(' ') };
}

/**
 * Connects, brings the schema up to date and returns the store.
 * @throws StoreError when the database cannot be reached or its schema is newer than this bot's.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!PLAIN_SCHEMA_NAME.test(schema)) throw new StoreError(`the schema name "${schema}" is not a plain name (lower-case letters, digits and _)`);
  const log = options.log ?? (() => undefined);
  const connection = connectionConfig(options.url, schema);
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that drops is replaced on the next query; it must not end the process.
  pool.on('error', (error) => log(`a database connection dropped: ${error.message}`));
  try {
    await pool.query('SELECT 1');
    await migrate(connection, schema, pool, log);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot use the database at ${describe(options.url)}: ${(error as Error).message}`, { cause: error });
  }
  return new PostgresStore(pool, describe(options.url));
}
