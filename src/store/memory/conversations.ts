/** Conversation references held in memory. */
import type { ConversationStore } from '../conversations.js';
import type { ConversationRecord } from '../types.js';
import { change, copy, upsert, type Collection } from './collection.js';

export class MemoryConversations implements ConversationStore {
  readonly #conversations: Collection<ConversationRecord>;

  constructor(conversations: Collection<ConversationRecord>) {
    this.#conversations = conversations;
  }

  async get(aadObjectId: string): Promise<ConversationRecord | undefined> {
    return copy(this.#conversations.items.find((c) => c.aadObjectId === aadObjectId));
  }

  save(record: ConversationRecord): Promise<void> {
    return change(this.#conversations, (items) => upsert(items, copy(record), (c) => c.aadObjectId === record.aadObjectId));
  }
}
