/** How the PostgreSQL store connects: the schema it works in, the session's settings, and where it is, for messages. */
import type pg from 'pg';

/** A PostgreSQL schema name that needs no quoting; config checks DATABASE_SCHEMA against the same pattern before the store is opened. */
export const PLAIN_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How long to wait for a connection (a new one, or one from a busy pool) before failing the request. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Where the database is, for messages and `/healthz`, without the password. */
export function describe(url: string): string {
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
export function connectionConfig(url: string, schema: string): pg.ClientConfig {
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
