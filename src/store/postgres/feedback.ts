/** Policy feedback in PostgreSQL. */
import type { FeedbackStore } from '../feedback.js';
import type { PolicyFeedback } from '../types.js';
import type { Database } from './database.js';
import { jsonb } from './tables.js';

export class PostgresFeedback implements FeedbackStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async add(entry: PolicyFeedback): Promise<void> {
    await this.#db.query('INSERT INTO feedback (id, data) VALUES ($1, $2)', [entry.id, jsonb(entry)]);
  }

  get(id: string): Promise<PolicyFeedback | undefined> {
    return this.#db.record('feedback', 'SELECT data FROM feedback WHERE id = $1', [id]);
  }

  setHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined> {
    return this.#db.record('feedback', `UPDATE feedback SET data = jsonb_set(data, '{helpful}', to_jsonb($2::boolean)) WHERE id = $1 RETURNING data`, [id, helpful]);
  }

  setOpened(id: string, sectionId: string): Promise<PolicyFeedback | undefined> {
    return this.#db.record('feedback', `UPDATE feedback SET data = jsonb_set(data, '{openedSectionId}', to_jsonb($2::text)) WHERE id = $1 RETURNING data`, [id, sectionId]);
  }

  /** The same rule as isGap (feedback.ts). */
  listGaps(): Promise<PolicyFeedback[]> {
    return this.#db.records(
      'feedback',
      `SELECT data FROM feedback
        WHERE NOT coalesce((data->>'answered')::boolean, false)
           OR data->'helpful' = 'false'
           OR (data ? 'openedSectionId' AND data->'helpful' IS DISTINCT FROM 'true')
        ORDER BY seq`
    );
  }
}
