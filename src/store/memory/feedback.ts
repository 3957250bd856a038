/** Policy feedback held in memory. */
import { isUnansweredOrUnhelpful, type FeedbackStore } from '../feedback.js';
import type { PolicyFeedback } from '../types.js';
import { change, copy, type Collection } from './collection.js';

export class MemoryFeedback implements FeedbackStore {
  readonly #feedback: Collection<PolicyFeedback>;

  constructor(feedback: Collection<PolicyFeedback>) {
    this.#feedback = feedback;
  }

  add(entry: PolicyFeedback): Promise<void> {
    return change(this.#feedback, (items) => {
      items.push(copy(entry));
    });
  }

  async get(id: string): Promise<PolicyFeedback | undefined> {
    return copy(this.#feedback.items.find((f) => f.id === id));
  }

  setHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined> {
    return change(this.#feedback, (items) => {
      const entry = items.find((f) => f.id === id);
      if (entry) entry.helpful = helpful;
      return copy(entry);
    });
  }

  async listUnansweredOrUnhelpful(): Promise<PolicyFeedback[]> {
    return copy(this.#feedback.items.filter(isUnansweredOrUnhelpful));
  }
}
