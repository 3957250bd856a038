/** Opens the PostgreSQL store: connects, brings the schema up to date, and hands back the store. */
import pg from 'pg';
import { StoreError } from '../errors.js';
import { connectionConfig, CONNECT_TIMEOUT_MS, describe, PLAIN_SCHEMA_NAME } from './connection.js';
import { migrate } from './migrations.js';
import { PostgresStore } from './store.js';

export interface PostgresStoreOptions {
  /** A `postgres://` connection string. */
  url: string;
  /** The schema the tables live in (created when missing); a plain name, see {@link PLAIN_SCHEMA_NAME}. */
  schema?: string;
  /** Connections the pool may open. */
  poolSize?: number;
  /** Where migration progress and dropped connections are told; silent by default. */
  log?: (message: string) => void;
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
