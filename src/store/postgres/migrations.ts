/**
 * The PostgreSQL schema, versioned by the SQL files in `migrations/postgres/` and applied
 * with node-pg-migrate when the store opens. Applied migrations are recorded in the
 * `schema_migrations` table; an advisory lock makes instances that start together apply
 * them one at a time. Migrations only add tables, columns and indexes: none drops data.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { ClientConfig, Pool } from 'pg';
import { StoreError } from '../errors.js';

export const MIGRATIONS_TABLE = 'schema_migrations';

/** `migrations/postgres` at the top of the project, found from here whether run from `src/` or `dist/src/`. */
function migrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'migrations', 'postgres');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new StoreError(`cannot find the migrations folder (migrations/postgres) above ${here}`);
  }
}

/** The migrations this version of the bot knows, by name (the file name without `.sql`). */
export async function knownMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir()))
    .filter((name) => name.endsWith('.sql'))
    .map((name) => name.slice(0, -'.sql'.length))
    .sort();
}

/**
 * Applies the migrations not applied yet, in order, in one transaction.
 * @returns the names of the migrations applied now (none when the schema was up to date).
 * @throws StoreError when the database has a migration this bot does not know (a newer
 *   bot has used it): nothing is changed then.
 */
export async function migrate(connection: ClientConfig, schema: string, pool: Pool, log: (message: string) => void): Promise<string[]> {
  const known = await knownMigrations();
  await refuseNewerSchema(pool, known);
  // CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even when it exists, which a
  // role given only its own schema lacks.
  const { rows } = await pool.query<{ missing: boolean }>('SELECT to_regnamespace($1) IS NULL AS missing', [schema]);
  let applied;
  try {
    applied = await runner({
      databaseUrl: connection,
      schema,
      createSchema: rows[0].missing,
      dir: migrationsDir(),
      migrationsTable: MIGRATIONS_TABLE,
      direction: 'up',
      singleTransaction: true,
      checkOrder: true,
      advisoryLockMode: 'wait',
      log
    });
  } catch (error) {
    throw new StoreError(`could not bring the database schema up to date: ${(error as Error).message}`, { cause: error });
  }
  // A newer bot may have migrated while this one waited for the lock.
  await refuseNewerSchema(pool, known);
  return applied.map((migration) => migration.name);
}

/** How many migrations the database has had (0 before the first). */
export async function appliedMigrations(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::integer AS count FROM ${MIGRATIONS_TABLE}`);
  return rows[0].count;
}

async function refuseNewerSchema(pool: Pool, known: string[]): Promise<void> {
  const { rows } = await pool.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS exists`, [MIGRATIONS_TABLE]);
  if (!rows[0].exists) return;
  const applied = await pool.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const unknown = applied.rows.map((row) => row.name).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new StoreError(
      `the database has schema migrations this bot does not know (${unknown.join(', ')}): a newer version has used it. Upgrade the bot; nothing has been changed.`
    );
  }
}
