/**
 * Bot Framework state held in this process's memory, with the same eTag rules as the
 * PostgreSQL store's (see ../bot-state.ts). The memory and lowdb stores serve one instance,
 * so nothing needs sharing; state starts empty when the bot starts.
 */
import { eTagConflict, type BotStateStore, type StateItem } from '../bot-state.js';

export class MemoryBotState implements BotStateStore {
  readonly #items = new Map<string, { eTag: number; json: string }>();

  async read(keys: string[]): Promise<Record<string, StateItem>> {
    const found: Record<string, StateItem> = {};
    for (const key of keys) {
      const item = this.#items.get(key);
      if (item) found[key] = { ...(JSON.parse(item.json) as Record<string, unknown>), eTag: String(item.eTag) };
    }
    return found;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = item ?? {};
      const stored = this.#items.get(key);
      if (stored && eTag && eTag !== '*' && eTag !== String(stored.eTag)) throw eTagConflict(key);
      // Kept as JSON text, as a database keeps it: what is read back is a copy.
      this.#items.set(key, { eTag: (stored?.eTag ?? 0) + 1, json: JSON.stringify(data) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.#items.delete(key);
  }
}
