/**
 * How each collection maps to its table: the bulk insert that stores a list of records
 * (one JSON array parameter, in order) and the query that reads them back in order.
 * Shared by the store, its rewrite and the copy from a lowdb data directory.
 */
import type { CollectionName } from '../stored-data.js';

export type { CollectionName };

/**
 * A value as JSON for a jsonb parameter. jsonb refuses the NUL character and unpaired
 * surrogates (half an emoji cut off), both of which a JavaScript string may hold: NUL is
 * dropped and an unpaired surrogate becomes U+FFFD, so such text is stored, not refused.
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => storable(item));
}

/** A value as jsonb keeps it: see {@link jsonb}. */
export function storable(item: unknown): unknown {
  return typeof item === 'string' ? (item as string & { toWellFormed(): string }).toWellFormed().replaceAll('\u0000', '') : item;
}

/**
 * A link's question key from its JSON record: the question in lower case without surrounding
 * spaces, tabs or line breaks, as `normalisedQuestion` (../policy-links.ts) makes it for the
 * other stores (questions are stored trimmed, so the two agree).
 */
export const QUESTION_KEY = (record: string) => `lower(btrim(${record}->>'question', E' \\t\\n\\r'))`;

/** The records of `$1` (a JSON array), with their position `n`, in order. */
const ELEMENTS = 'jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)';

interface TableSql {
  /** Tables the collection lives in, children first (for deletes). */
  tables: string[];
  /** Inserts `$1`'s records; `conflict` is appended to each insert. */
  insert: (conflict: string) => string[];
  /** Reads every record, in stored order, as `data`. */
  select: string;
}

function simple(table: string, columns: Record<string, string>): TableSql {
  const names = Object.keys(columns);
  return {
    tables: [table],
    insert: (conflict) => [
      `INSERT INTO ${table} (${[...names, 'data'].join(', ')}) SELECT ${[...Object.values(columns), 'e'].join(', ')} FROM ${ELEMENTS} ORDER BY n ${conflict}`
    ],
    select: `SELECT data FROM ${table} ORDER BY seq`
  };
}

export const TABLES: Record<CollectionName, TableSql> = {
  profiles: simple('profiles', { aad_object_id: `e->>'aadObjectId'` }),
  employees: simple('employees', { employee_id: `e->>'employeeId'`, aad_object_id: `e->>'aadObjectId'` }),
  reports: simple('reports', {
    id: `e->>'id'`,
    submission_id: `e->>'submissionId'`,
    kind: `e->>'kind'`,
    reporter_id: `e->>'reporterId'`,
    status: `e->>'status'`,
    submitted_at: `(e->>'submittedAt')::timestamptz`
  }),
  conversations: simple('conversations', { aad_object_id: `e->>'aadObjectId'` }),
  feedback: simple('feedback', { id: `e->>'id'` }),
  policyLinks: simple('policy_links', { id: `e->>'id'`, question_key: QUESTION_KEY('e') }),
  audit: simple('audit', { fingerprint: 'md5(e::text)' }),
  roles: simple('role_grants', { aad_object_id: `e->>'aadObjectId'`, role: `e->>'role'` }),
  summaryRuns: {
    tables: ['summary_deliveries', 'summary_runs'],
    insert: (conflict) => [
      `INSERT INTO summary_runs (run_key, started_at, finished_at) SELECT e->>'runKey', e->>'startedAt', e->>'finishedAt' FROM ${ELEMENTS} ORDER BY n ${conflict}`,
      `INSERT INTO summary_deliveries (run_key, manager_id, data)
       SELECT e->>'runKey', d->>'managerId', d FROM ${ELEMENTS}, jsonb_array_elements(e->'deliveries') WITH ORDINALITY AS ds(d, m) ORDER BY n, m ${conflict}`
    ],
    select: `SELECT jsonb_strip_nulls(jsonb_build_object('runKey', r.run_key, 'startedAt', r.started_at, 'finishedAt', r.finished_at))
                    || jsonb_build_object('deliveries', coalesce(jsonb_agg(d.data ORDER BY d.seq) FILTER (WHERE d.run_key IS NOT NULL), '[]'::jsonb)) AS data
             FROM summary_runs r LEFT JOIN summary_deliveries d USING (run_key) GROUP BY r.run_key ORDER BY r.seq`
  }
};

export const COLLECTIONS = Object.keys(TABLES) as CollectionName[];

/** Every table the collections live in, children first. */
export const DATA_TABLES = COLLECTIONS.flatMap((name) => TABLES[name].tables);

/** After reports are stored with their references, reference numbers carry on from the highest. */
export const CATCH_UP_SEQUENCES = `
  INSERT INTO report_sequences (series, last_number)
  SELECT substring(id from '^(.*)-[0-9]+$'), max(substring(id from '-([0-9]+)$')::integer) FROM reports GROUP BY 1
  ON CONFLICT (series) DO UPDATE SET last_number = greatest(report_sequences.last_number, EXCLUDED.last_number)`;
