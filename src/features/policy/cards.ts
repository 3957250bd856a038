/** The policy Q&A cards' data: answer, not found, and policy gaps. */
import { renderCard, type AdaptiveCard } from '../../shared/cards.js';
import type { PolicyLink } from '../../store/types.js';
import { OPEN_VERBS as HELP_VERBS } from '../../shared/verbs.js';
import type { PolicyGap } from './gaps.js';
import { OUT_OF_SCOPE, type SectionMatch } from './retrieval.js';

/** Verbs of the policy cards' buttons. The ask verb is the help card's. */
export const POLICY_VERBS = {
  ask: HELP_VERBS.ask,
  vote: 'policy.vote',
  section: 'policy.section',
  gaps: 'policy.gaps',
  link: 'policy.link',
  save: 'policy.link.save',
  unlink: 'policy.unlink'
} as const;

/** The policy gaps card lists this many of the latest links; the rest stay in force. */
export const MAX_LINKS_SHOWN = 10;

/** The link to one section of the full policy: `POLICY_URL#section-id`. */
export function sectionLink(policyUrl: string, sectionId: string): string {
  const url = new URL(policyUrl);
  url.hash = sectionId;
  return url.toString();
}

/** A section a card offers to show. */
export type OfferedSection = Pick<SectionMatch, 'sectionId' | 'sectionTitle'>;

export interface AnswerCardInput {
  policyTitle: string;
  policyUrl: string;
  /** True while the bot runs on the sample policy, so the card says so. */
  sample: boolean;
  sectionId: string;
  sectionTitle: string;
  passage: string;
  /** The question, shown back to the asker; empty when the card just shows a section. */
  question: string;
  /** The stored question: the Yes/No buttons vote on it, and the other sections are shown for it. Absent: no vote. */
  feedbackId?: string;
  /** False when the card shows another section than the one that answered, as the vote is on the answer. */
  askVote?: boolean;
  /** Other sections for the question, offered one press away (see verdict.ts `offered`). */
  alsoClose?: OfferedSection[];
  /**
   * Why they are offered: `close` to the answer (the default), `instead` of an answer the
   * asker said did not help, or `also` beside another section the asker opened.
   */
  offeredAs?: 'close' | 'instead' | 'also';
  showDeviceProblem: boolean;
  /** After a vote: what was recorded. */
  voteMessage?: string;
  /** After a refused vote: why. */
  voteProblem?: string;
}

/** The answer card: the passage, its section, a link to the full policy, and "Did this answer your question?". */
export function answerCard(input: AnswerCardInput): AdaptiveCard {
  return renderCard('policy.answer', {
    question: input.question,
    sectionTitle: input.sectionTitle,
    paragraphs: input.passage.split(/\n{2,}/).filter(Boolean),
    policyTitle: input.policyTitle,
    sample: input.sample,
    link: sectionLink(input.policyUrl, input.sectionId),
    feedbackId: input.feedbackId ?? '',
    showVote: Boolean(input.feedbackId) && input.askVote !== false && !input.voteMessage && !input.voteProblem,
    alsoClose: (input.alsoClose ?? []).map((m) => ({ sectionId: m.sectionId, sectionTitle: m.sectionTitle })),
    alsoCloseText: offerText(input.offeredAs ?? 'close', input.alsoClose?.length ?? 0),
    voteMessage: input.voteMessage ?? '',
    voteProblem: input.voteProblem ?? '',
    showDeviceProblem: input.showDeviceProblem,
    verbs: { vote: POLICY_VERBS.vote, section: POLICY_VERBS.section, complaint: HELP_VERBS.complaint }
  });
}

export interface NotFoundCardInput {
  policyTitle: string;
  policyUrl: string;
  question: string;
  /** The closest sections to offer (two at most are shown): none for a question about another topic (see verdict.ts `offered`). */
  closest: SectionMatch[];
  /** The stored question, for which an offered section is shown. */
  feedbackId?: string;
  ictContact: string;
  showDeviceProblem: boolean;
  /**
   * The topic the question is about when it is one the policy does not cover (pay, leave...),
   * and where to ask; an empty title for questions the policy owner marked out of scope.
   */
  otherTopic?: { title: string; where: string };
}

/**
 * Says plainly the policy does not cover the question, offers the closest sections and
 * ICT; for a question about another topic (pay, leave...), says so and where to ask.
 */
export function notFoundCard(input: NotFoundCardInput): AdaptiveCard {
  return renderCard('policy.not-found', {
    question: input.question,
    policyTitle: input.policyTitle,
    outside: !input.otherTopic
      ? ''
      : input.otherTopic.title
        ? `This looks like a question about ${input.otherTopic.title.toLowerCase()}, which this policy does not cover, so I won't guess.`
        : 'The policy owner has noted that questions like this are not covered by this policy, so I won\u2019t guess.',
    where: input.otherTopic?.where ?? '',
    closest: input.closest.slice(0, 2).map((m) => ({ sectionId: m.sectionId, sectionTitle: m.sectionTitle, link: sectionLink(input.policyUrl, m.sectionId) })),
    feedbackId: input.feedbackId ?? '',
    ictContact: input.ictContact,
    showDeviceProblem: input.showDeviceProblem,
    verbs: { section: POLICY_VERBS.section, complaint: HELP_VERBS.complaint }
  });
}

type Sections = ReadonlyArray<{ id: string; title: string }>;

/** What the policy gaps card shows. */
export interface GapsCardInput {
  gaps: PolicyGap[];
  /** How many questions are gaps in all (see store/feedback.ts `isGap`). */
  total: number;
  sections: Sections;
  /** Every link, in the order stored. */
  links: readonly PolicyLink[];
  notice?: { text: string; problem?: boolean };
}

/** The title a link's target goes by on the card. */
export function targetTitle(sections: Sections, target: string): string {
  if (target === OUT_OF_SCOPE) return 'Not covered by this policy';
  return sections.find((s) => s.id === target)?.title ?? `${target} (no longer in the policy)`;
}

/**
 * The admins' "policy gaps" card: each gap can be linked to the section that answers it (or
 * marked not covered), and each link removed; retrieval uses a link from the next question.
 */
export function gapsCard(input: GapsCardInput): AdaptiveCard {
  return renderCard('policy.gaps', {
    total: input.total,
    notice: input.notice?.text ?? '',
    gaps: input.gaps.map((gap) => ({ question: gap.question, summary: gapSummary(gap, input.sections), suggested: gap.opened ?? '' })),
    links: input.links
      .slice(-MAX_LINKS_SHOWN)
      .reverse()
      .map((link) => ({ id: link.id, question: link.question, target: targetTitle(input.sections, link.target), linkedOn: link.linkedAt.slice(0, 10) })),
    linkCount: input.links.length,
    verbs: { link: POLICY_VERBS.link, unlink: POLICY_VERBS.unlink }
  });
}

/**
 * Linking one question: the section choice (every section, then "not covered by this
 * policy"), starting at `suggested`, and why the last press saved nothing, if it did not.
 */
export function linkCard(input: { question: string; sections: Sections; suggested?: string; problem?: string }): AdaptiveCard {
  return renderCard('policy.link', {
    question: input.question,
    targets: [...input.sections.map((s) => ({ title: s.title, value: s.id })), { title: targetTitle(input.sections, OUT_OF_SCOPE), value: OUT_OF_SCOPE }],
    suggested: input.suggested ?? '',
    problem: input.problem ?? '',
    verbs: { save: POLICY_VERBS.save, gaps: POLICY_VERBS.gaps }
  });
}

function offerText(offeredAs: NonNullable<AnswerCardInput['offeredAs']>, count: number): string {
  const these = count === 1 ? 'This section' : 'These sections';
  if (offeredAs === 'instead') return `${these} might answer it instead:`;
  if (offeredAs === 'also') return 'Also for your question:';
  return `Not quite what you asked? ${these} ${count === 1 ? 'is' : 'are'} close too:`;
}

function gapSummary(gap: PolicyGap, sections: Sections): string {
  const parts: string[] = [];
  if (gap.unanswered > 0) parts.push(`not answered ${times(gap.unanswered)}`);
  if (gap.notHelpful > 0) parts.push(`answer did not help ${times(gap.notHelpful)}`);
  if (gap.openedInstead > 0) parts.push(`another section opened instead ${times(gap.openedInstead)}`);
  const wordings = gap.wordings > 1 ? `, ${gap.wordings} wordings` : '';
  const opened = gap.opened ? ` Staff opened \u201c${targetTitle(sections, gap.opened)}\u201d.` : '';
  return `Asked ${times(gap.count)} (${parts.join(', ')})${wordings}; last on ${gap.lastAskedOn}.${opened}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
