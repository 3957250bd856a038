/**
 * Reports in PostgreSQL. A submission is stored once whichever instance receives it (its
 * submission id is a unique key), reference numbers come from one row per series, and a
 * status change appends to the history in place.
 */
import Cursor from 'pg-cursor';
import { StoreError } from '../errors.js';
import { reference, referenceSeries, type ReportFilter, type ReportStore, type StatusUpdate, type StatusUpdateOutcome } from '../reports.js';
import type { FoiCountQuery, FoiCounts } from '../report-counts.js';
import type { NewReport, Report } from '../types.js';
import { rowRecord, type Database } from './database.js';
import { postgresFoiCounts } from './report-counts.js';
import { jsonb, TABLES } from './tables.js';

/** Reports read per round trip when streaming. */
const STREAM_BATCH = 500;

const ALREADY_STORED = Symbol('already stored');

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

export class PostgresReports implements ReportStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async add(draft: NewReport): Promise<{ report: Report; created: boolean }> {
    const existing = await this.getBySubmission(draft.submissionId);
    if (existing) return { report: existing, created: false };
    const series = referenceSeries(draft);
    try {
      const report = await this.#db.transaction(async (client) => {
        // The series row is locked until commit, so numbers are given one at a time.
        const { rows } = await client.query<{ last_number: number }>(
          `INSERT INTO report_sequences (series, last_number) VALUES ($1, 1)
           ON CONFLICT (series) DO UPDATE SET last_number = report_sequences.last_number + 1 RETURNING last_number`,
          [series]
        );
        const report = { ...draft, id: reference(series, rows[0].last_number) } as Report;
        const inserted = await client.query(`${TABLES.reports.insert('ON CONFLICT (submission_id) DO NOTHING')[0]}`, [jsonb([report])]);
        // Another instance stored this submission meanwhile: roll back, so its number is not used up.
        if (inserted.rowCount === 0) throw ALREADY_STORED;
        return report;
      });
      return { report, created: true };
    } catch (error) {
      if (error !== ALREADY_STORED) throw error;
      const stored = await this.getBySubmission(draft.submissionId);
      if (!stored) throw new StoreError(`submission ${draft.submissionId} was stored and then removed while being stored again`);
      return { report: stored, created: false };
    }
  }

  get(id: string): Promise<Report | undefined> {
    return this.#db.record('reports', 'SELECT data FROM reports WHERE id = $1', [id]);
  }

  getBySubmission(submissionId: string): Promise<Report | undefined> {
    return this.#db.record('reports', 'SELECT data FROM reports WHERE submission_id = $1', [submissionId]);
  }

  list(filter: ReportFilter = {}): Promise<Report[]> {
    const { where, params } = reportWhere(filter);
    return this.#db.records('reports', `SELECT data FROM reports ${where} ORDER BY seq`, params);
  }

  async *stream(filter: ReportFilter = {}): AsyncIterable<Report> {
    const { where, params } = reportWhere(filter);
    const { client, release } = await this.#db.checkout();
    const cursor = client.query(new Cursor<{ data: unknown }>(`SELECT data FROM reports ${where} ORDER BY seq`, params));
    let failed = false;
    try {
      for (let rows = await cursor.read(STREAM_BATCH); rows.length > 0; rows = await cursor.read(STREAM_BATCH)) {
        for (const row of rows) yield rowRecord('reports', row.data);
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

  countForFoi(query: FoiCountQuery): Promise<FoiCounts> {
    return postgresFoiCounts(this.#db, query);
  }

  async setStatus(id: string, { from, to, by, at }: StatusUpdate): Promise<StatusUpdateOutcome> {
    // One statement checks the status and changes it: a change another instance committed
    // first makes the row fail the check when this one gets its lock, so it is not made.
    const changed = await this.#db.record(
      'reports',
      `UPDATE reports SET status = $2,
         data = jsonb_set(jsonb_set(data, '{status}', to_jsonb($2::text)), '{history}', coalesce(data->'history', '[]'::jsonb) || jsonb_build_array($3::jsonb))
       WHERE id = $1 AND status = $4 RETURNING data`,
      [id, to, jsonb({ status: to, at, by }), from]
    );
    if (changed) return { outcome: 'changed', report: changed };
    const current = await this.get(id);
    return current ? { outcome: 'conflict', report: current } : { outcome: 'not-found' };
  }
}
