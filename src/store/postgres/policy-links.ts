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
    return this.#db.records('SELECT data FROM policy_links ORDER BY seq');
  }

  get(id: string): Promise<PolicyLink | undefined> {
    return this.#db.record('SELECT data FROM policy_links WHERE id = $1', [id]);
  }

  async save(link: PolicyLink): Promise<void> {
    await this.#db.query(
      `INSERT INTO policy_links (id, question_key, data) VALUES ($1, ${QUESTION_KEY('$2::jsonb')}, $2)
       ON CONFLICT (question_key) DO UPDATE SET id = EXCLUDED.id, data = EXCLUDED.data, revision = nextval('policy_links_revision')`,
      [link.id, jsonb(link)]
    );
  }

  remove(id: string): Promise<PolicyLink | undefined> {
    return this.#db.record('DELETE FROM policy_links WHERE id = $1 RETURNING data', [id]);
  }

  /** The count and the highest revision: a removal lowers the count, a save raises the revision past any before. */
  async revision(): Promise<string> {
    const { rows } = await this.#db.query(`SELECT count(*) || ':' || coalesce(max(revision), 0) AS revision FROM policy_links`);
    return rows[0].revision as string;
  }
}
