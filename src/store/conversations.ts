/** Conversation references: where to send a proactive card to one person. */
import type { ConversationRecord } from './types.js';

export interface ConversationStore {
  get(aadObjectId: string): Promise<ConversationRecord | undefined>;
  /** Saves a person's reference, replacing their earlier one. */
  save(record: ConversationRecord): Promise<void>;
}
