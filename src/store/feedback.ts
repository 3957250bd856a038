/** Policy feedback: each question asked, whether the policy answered it, and the asker's vote. */
import type { PolicyFeedback } from './types.js';

export interface FeedbackStore {
  add(entry: PolicyFeedback): Promise<void>;
  get(id: string): Promise<PolicyFeedback | undefined>;
  /** Records the asker's vote; undefined when there is no such question. */
  setHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined>;
  /** The questions the policy did not answer, or whose answer did not help, in the order asked. */
  listUnansweredOrUnhelpful(): Promise<PolicyFeedback[]>;
}

/** Whether a question belongs in {@link FeedbackStore.listUnansweredOrUnhelpful}. */
export function isUnansweredOrUnhelpful(entry: PolicyFeedback): boolean {
  return !entry.answered || entry.helpful === false;
}
