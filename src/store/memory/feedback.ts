/** Policy feedback held in memory, in partitions (see entries.ts), found by question id. */
import { isGap, type FeedbackStore } from '../feedback.js';
import type { PolicyFeedback } from '../types.js';
import { copy } from './collection.js';
import type { PartitionedEntries } from './entries.js';

export class MemoryFeedback implements FeedbackStore {
  readonly #feedback: PartitionedEntries<PolicyFeedback>;

  constructor(feedback: PartitionedEntries<PolicyFeedback>) {
    this.#feedback = feedback;
  }

  add(entry: PolicyFeedback): Promise<void> {
    return this.#feedback.append(copy(entry));
  }

  async get(id: string): Promise<PolicyFeedback | undefined> {
    return copy(this.#feedback.find(id));
  }

  async setHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined> {
    const entry = await this.#feedback.update(id, (held) => {
      held.helpful = helpful;
    });
    return copy(entry);
  }

  async setOpened(id: string, sectionId: string): Promise<PolicyFeedback | undefined> {
    const entry = await this.#feedback.update(id, (held) => {
      held.openedSectionId = sectionId;
    });
    return copy(entry);
  }

  async listGaps(): Promise<PolicyFeedback[]> {
    return copy(this.#feedback.all().filter(isGap));
  }
}
