/** The data the policy templates read (cards/policy.*.json), as cards.ts builds it. */
import type { POLICY_VERBS } from './cards.js';

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
  voteMessage: string;
  voteProblem: string;
  showDeviceProblem: boolean;
  verbs: { vote: typeof POLICY_VERBS.vote; complaint: string };
}

export interface PolicyNotFoundCardData {
  question: string;
  policyTitle: string;
  /** Why the question is not the policy's business (another topic), or empty when it just was not found. */
  outside: string;
  /** Where questions on that other topic go; may be empty. */
  where: string;
  closest: Array<{ sectionId: string; sectionTitle: string; link: string }>;
  ictContact: string;
  showDeviceProblem: boolean;
  verbs: { section: typeof POLICY_VERBS.section; complaint: string };
}

export interface PolicyGapsCardData {
  total: number;
  gaps: Array<{ question: string; summary: string }>;
}

declare module '../../shared/cards.js' {
  interface CardData {
    'policy.answer': PolicyAnswerCardData;
    'policy.not-found': PolicyNotFoundCardData;
    'policy.gaps': PolicyGapsCardData;
  }
}
