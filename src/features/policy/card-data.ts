/** The data the policy templates read (cards/policy.*.json), as cards.ts builds it. */
import type { MAX_LINKS_SHOWN, POLICY_VERBS } from './cards.js';

export interface PolicyAnswerCardData {
  question: string;
  sectionTitle: string;
  paragraphs: string[];
  policyTitle: string;
  /** True while the bot runs on the sample policy. */
  sample: boolean;
  link: string;
  feedbackId: string;
  showVote: boolean;
  /** Other sections close to the question, each a button that shows it. */
  alsoClose: Array<{ sectionId: string; sectionTitle: string }>;
  /** The line above them, saying why they are offered. */
  alsoCloseText: string;
  voteMessage: string;
  voteProblem: string;
  showDeviceProblem: boolean;
  verbs: { vote: typeof POLICY_VERBS.vote; section: typeof POLICY_VERBS.section; complaint: string };
}

export interface PolicyNotFoundCardData {
  question: string;
  policyTitle: string;
  /** Why the question is not the policy's business (another topic), or empty when it just was not found. */
  outside: string;
  /** Where questions on that other topic go; may be empty. */
  where: string;
  closest: Array<{ sectionId: string; sectionTitle: string; link: string }>;
  /** The stored question the offered sections are shown for; empty when there is none. */
  feedbackId: string;
  ictContact: string;
  showDeviceProblem: boolean;
  verbs: { section: typeof POLICY_VERBS.section; complaint: string };
}

export interface PolicyGapsCardData {
  total: number;
  /** What the last link or removal did; empty on a fresh card. */
  notice: string;
  /** Each gap, with the section the link card starts at when askers opened one (else empty). */
  gaps: Array<{ question: string; summary: string; suggested: string }>;
  /** The links made so far, latest first (at most {@link MAX_LINKS_SHOWN}). */
  links: Array<{ id: string; question: string; target: string; linkedOn: string }>;
  linkCount: number;
  verbs: { link: typeof POLICY_VERBS.link; unlink: typeof POLICY_VERBS.unlink };
}

/** Linking one question from the policy gaps card. */
export interface PolicyLinkCardData {
  question: string;
  /** What a question can be linked to: every section, then "not covered by this policy". */
  targets: Array<{ title: string; value: string }>;
  /** The choice shown at first: the admin's last choice, or the section retrieval thinks closest. */
  suggested: string;
  /** Why the last press saved nothing; empty at first. */
  problem: string;
  verbs: { save: typeof POLICY_VERBS.save; gaps: typeof POLICY_VERBS.gaps };
}

declare module '../../shared/cards.js' {
  interface CardData {
    'policy.answer': PolicyAnswerCardData;
    'policy.not-found': PolicyNotFoundCardData;
    'policy.gaps': PolicyGapsCardData;
    'policy.link': PolicyLinkCardData;
  }
}
