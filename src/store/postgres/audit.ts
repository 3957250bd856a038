/** The audit trail in PostgreSQL. */
import type { AuditStore } from '../audit.js';
import type { AuditEntry } from '../types.js';
import type { Database } from './database.js';
import { jsonb } from './tables.js';

export class PostgresAudit implements AuditStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async add(entry: AuditEntry): Promise<void> {
    await this.#db.query('INSERT INTO audit (fingerprint, data) VALUES (md5($1::jsonb::text), $1::jsonb)', [jsonb(entry)]);
  }
}
