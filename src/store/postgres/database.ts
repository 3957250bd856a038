/**
 * The connection pool as every PostgreSQL aggregate uses it: a query, the `data` of its rows,
 * a connection of its own for a stream, and a transaction on one connection.
 */
import type pg from 'pg';
import { parseStoredItem } from '../schemas.js';
import type { CollectionName, StoredData } from '../stored-data.js';

/**
 * A row's `data` (jsonb) checked against its collection's schema (../schemas.ts), so a row
 * changed by hand or by a faulty copy is refused naming its table rather than cast.
 */
export function rowRecord<K extends CollectionName>(collection: K, data: unknown): StoredData[K][number] {
  return parseStoredItem(collection, data, `a row of PostgreSQL's ${collection}`);
}

export class Database {
  readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql, params);
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** The `data` column of every row, each a record of `collection` (checked). */
  async records<K extends CollectionName>(collection: K, sql: string, params: unknown[] = []): Promise<Array<StoredData[K][number]>> {
    return (await this.rows<{ data: unknown }>(sql, params)).map((row) => rowRecord(collection, row.data));
  }

  /** The `data` column of the first row, if any, a record of `collection` (checked). */
  async record<K extends CollectionName>(collection: K, sql: string, params: unknown[] = []): Promise<StoredData[K][number] | undefined> {
    const [row] = await this.rows<{ data: unknown }>(sql, params);
    return row && rowRecord(collection, row.data);
  }

  /**
   * A connection of its own, for several statements. The pool listens for errors only on idle
   * connections: without a listener here, a server that goes away mid-use would end the process.
   * `release(true)` (or any error seen) discards the connection instead of reusing it.
   */
  async checkout(): Promise<{ client: pg.PoolClient; release: (discard?: boolean) => void }> {
    const client = await this.pool.connect();
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
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const { client, release } = await this.checkout();
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
}
