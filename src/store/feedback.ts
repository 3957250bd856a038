/** Policy feedback: each question asked, whether the policy answered it, the asker's vote, and the section they opened instead. */
import type { PolicyFeedback } from './types.js';

export interface FeedbackStore {
  add(entry: PolicyFeedback): Promise<void>;
  get(id: string): Promise<PolicyFeedback | undefined>;
  /** Records the asker's vote; undefined when there is no such question. */
  setHelpful(id: string, helpful: boolean): Promise<PolicyFeedback | undefined>;
  /** Records the section the asker opened from the card instead of its answer; undefined when there is no such question. */
  setOpened(id: string, sectionId: string): Promise<PolicyFeedback | undefined>;
  /** The questions that are gaps in the policy's answers ({@link isGap}), in the order asked. */
  listGaps(): Promise<PolicyFeedback[]>;
}

/**
 * Whether a question is a gap: the policy did not answer it, the asker said the answer did
 * not help, or the asker opened another section and never said the answer helped.
 */
export function isGap(entry: PolicyFeedback): boolean {
  return !entry.answered || entry.helpful === false || (entry.openedSectionId !== undefined && entry.helpful !== true);
}
