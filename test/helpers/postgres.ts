/**
 * The PostgreSQL test database. `TEST_DATABASE_URL` names a database the tests may create
 * schemas in (`.ci/run` starts Debian's postgresql and makes a throw-away one); each test
 * gets a fresh schema of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import { type PostgresStore } from '../../src/store/postgres/store.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface TestSchema {
  url: string;
  schema: string;
  /** Opens a store on this schema (several may be open at once, like several bot instances). */
  open(): Promise<PostgresStore>;
  /** Runs SQL in this schema, for looking underneath the store. */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Closes what `open` opened and drops the schema. */
  drop(): Promise<void>;
}

function databaseUrl(): string {
  if (!TEST_DATABASE_URL) {
    throw new Error(
      'TEST_DATABASE_URL is not set. The PostgreSQL store tests need a database they may create schemas in, e.g. ' +
        'TEST_DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DATABASE. `bash .ci/run` starts Debian\'s postgresql and sets one up.'
    );
  }
  return TEST_DATABASE_URL;
}

/** Creates an empty schema for one test. */
export async function freshSchema(): Promise<TestSchema> {
  const url = databaseUrl();
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const opened: PostgresStore[] = [];
  return {
    url,
    schema,
    async open() {
      const store = await openPostgresStore({ url, schema, poolSize: 4 });
      opened.push(store);
      return store;
    },
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      const client = await admin.connect();
      try {
        await client.query(`SET search_path TO ${schema}`);
        return (await client.query<T>(sql, params)).rows;
      } finally {
        client.release();
      }
    },
    async drop() {
      await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  };
}
