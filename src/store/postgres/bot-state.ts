/**
 * Bot Framework state (teams-ai's conversation and user scopes) in the `bot_state` table,
 * so a conversation can move between instances, with the eTag rules of ../bot-state.ts.
 */
import type pg from 'pg';
import { eTagConflict, type BotStateStore, type StateItem } from '../bot-state.js';
import { jsonb } from './tables.js';

export class PostgresBotState implements BotStateStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (keys.length === 0) return {};
    const { rows } = await this.#pool.query<{ key: string; etag: string; data: Record<string, unknown> }>(
      'SELECT key, etag, data FROM bot_state WHERE key = ANY($1)',
      [keys]
    );
    return Object.fromEntries(rows.map((row) => [row.key, { ...row.data, eTag: row.etag }]));
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = item ?? {};
      if (eTag && eTag !== '*') {
        const updated = await this.#pool.query(
          'UPDATE bot_state SET data = $2, etag = etag + 1, updated_at = now() WHERE key = $1 AND etag::text = $3',
          [key, jsonb(data), eTag]
        );
        if (updated.rowCount === 1) continue;
        const inserted = await this.#pool.query('INSERT INTO bot_state (key, etag, data) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING', [key, jsonb(data)]);
        if (inserted.rowCount === 1) continue;
        throw eTagConflict(key);
      }
      await this.#pool.query(
        `INSERT INTO bot_state (key, etag, data) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = bot_state.etag + 1, updated_at = now()`,
        [key, jsonb(data)]
      );
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.#pool.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
