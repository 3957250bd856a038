/** Policy links: questions the policy owner attached to a section, or marked out of scope. */
import type { PolicyLink } from './types.js';

export interface PolicyLinkStore {
  /** Every link, in the order first stored. */
  list(): Promise<PolicyLink[]>;
  get(id: string): Promise<PolicyLink | undefined>;
  /** Stores a link; a link already held for the same question (see {@link normalisedQuestion}) is replaced, keeping its place. */
  save(link: PolicyLink): Promise<void>;
  /** Removes a link; returns it, or undefined when there was none. */
  remove(id: string): Promise<PolicyLink | undefined>;
  /**
   * A value that differs after any link is stored, replaced or removed, by any instance: a
   * cheap way to know the links must be read again. Compare for equality only.
   */
  revision(): Promise<string>;
}

/** What makes two questions the same one for a link: the text in lower case, without surrounding spaces. */
export function normalisedQuestion(question: string): string {
  return question.trim().toLowerCase();
}
