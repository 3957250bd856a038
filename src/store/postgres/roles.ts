/** Role grants in PostgreSQL. */
import type { RoleStore } from '../roles.js';
import type { GrantableRole, RoleGrant } from '../types.js';
import type { Database } from './database.js';
import { jsonb } from './tables.js';

export class PostgresRoles implements RoleStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async rolesOf(aadObjectId: string): Promise<GrantableRole[]> {
    const rows = await this.#db.rows<{ role: GrantableRole }>('SELECT role FROM role_grants WHERE lower(aad_object_id) = lower($1) ORDER BY seq', [aadObjectId]);
    return rows.map((row) => row.role);
  }

  list(role?: GrantableRole): Promise<RoleGrant[]> {
    return this.#db.records('roles', 'SELECT data FROM role_grants WHERE $1::text IS NULL OR role = $1 ORDER BY seq', [role ?? null]);
  }

  async add(grant: RoleGrant): Promise<boolean> {
    const result = await this.#db.query('INSERT INTO role_grants (aad_object_id, role, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      grant.aadObjectId,
      grant.role,
      jsonb(grant)
    ]);
    return result.rowCount === 1;
  }

  async remove(aadObjectId: string, role: GrantableRole): Promise<boolean> {
    return (await this.#db.query('DELETE FROM role_grants WHERE aad_object_id = $1 AND role = $2', [aadObjectId, role])).rowCount === 1;
  }
}
