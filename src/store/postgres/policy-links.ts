/**
 * Policy links in PostgreSQL. The unique question key (see tables.ts) keeps one link per
 * question whichever instance stores it; a second link replaces the first in its place.
 */
import type { PolicyLinkStore } from '../policy-links.js';
import type { PolicyLink } from '../types.js';
import type { Database } from './database.js';
import { jsonb, QUESTION_KEY } from './tables.js';

export class PostgresPolicyLinks implements PolicyLinkStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  list(): Promise<PolicyLink[]> {
    return this.#db.records('policyLinks', 'SELECT data FROM policy_links ORDER BY seq');
  }

  get(id: string): Promise<PolicyLink | undefined> {
    return this.#db.record('policyLinks', 'SELECT data FROM policy_links WHERE id = $1', [id]);
  }

  async save(link: PolicyLink): Promise<void> {
    await this.#db.query(
      `INSERT INTO policy_links (id, question_key, data) VALUES ($1, ${QUESTION_KEY('$2::jsonb')}, $2)
       ON CONFLICT (question_key) DO UPDATE SET id = EXCLUDED.id, data = EXCLUDED.data, revision = nextval('policy_links_revision')`,
      [link.id, jsonb(link)]
    );
  }

  remove(id: string): Promise<PolicyLink | undefined> {
    // A removal takes a number from the revision sequence too, in the same statement.
    return this.#db.record('policyLinks', `WITH gone AS (DELETE FROM policy_links WHERE id = $1 RETURNING data) SELECT data, nextval('policy_links_revision') FROM gone`, [id]);
  }

  /** The revision sequence's last number: every save, replacement and removal takes a new one. */
  async revision(): Promise<string> {
    const { rows } = await this.#db.query(`SELECT last_value || ':' || is_called AS revision FROM policy_links_revision`);
    return rows[0].revision as string;
  }
}
