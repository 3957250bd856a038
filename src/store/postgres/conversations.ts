/** Conversation references in PostgreSQL. */
import type { ConversationStore } from '../conversations.js';
import type { ConversationRecord } from '../types.js';
import type { Database } from './database.js';
import { jsonb } from './tables.js';

export class PostgresConversations implements ConversationStore {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  get(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return this.#db.record('conversations', 'SELECT data FROM conversations WHERE aad_object_id = $1', [aadObjectId]);
  }

  async save(record: ConversationRecord): Promise<void> {
    await this.#db.query('INSERT INTO conversations (aad_object_id, data) VALUES ($1, $2) ON CONFLICT (aad_object_id) DO UPDATE SET data = EXCLUDED.data', [
      record.aadObjectId,
      jsonb(record)
    ]);
  }
}
