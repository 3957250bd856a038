/** Policy links held in memory. */
import { normalisedQuestion, type PolicyLinkStore } from '../policy-links.js';
import type { PolicyLink } from '../types.js';
import { change, copy, upsert, type Collection } from './collection.js';

export class MemoryPolicyLinks implements PolicyLinkStore {
  readonly #links: Collection<PolicyLink>;
  /** Counts changes; one instance holds the data (the lowdb lock sees to that), so a counter is enough. */
  #changes = 0;

  constructor(links: Collection<PolicyLink>) {
    this.#links = links;
  }

  async list(): Promise<PolicyLink[]> {
    return copy(this.#links.items);
  }

  async get(id: string): Promise<PolicyLink | undefined> {
    return copy(this.#links.items.find((l) => l.id === id));
  }

  save(link: PolicyLink): Promise<void> {
    const question = normalisedQuestion(link.question);
    this.#changes++;
    return change(this.#links, (items) => upsert(items, copy(link), (l) => normalisedQuestion(l.question) === question));
  }

  remove(id: string): Promise<PolicyLink | undefined> {
    return change(this.#links, (items) => {
      const at = items.findIndex((l) => l.id === id);
      if (at < 0) return undefined;
      this.#changes++;
      return items.splice(at, 1)[0];
    });
  }

  async revision(): Promise<string> {
    return `${this.#links.items.length}:${this.#changes}`;
  }
}
