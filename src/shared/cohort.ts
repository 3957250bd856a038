/**
 * The two cohort answers ("works with children or vulnerable people", "works remotely or
 * flexibly") for the person a report is about, as known when it is submitted: from the
 * roster or their profile when those say yes or no, else from what the card was told.
 */
import { z } from 'zod';
import { cardChoice } from './validation.js';
import type { CohortAnswer, CohortAnswers, Employee, Profile } from '../store/types.js';

export const COHORT_FIELDS = ['worksWithChildrenOrVulnerable', 'remoteOrFlexible'] as const;
export type CohortField = (typeof COHORT_FIELDS)[number];

/** Nothing known yet. */
export const UNKNOWN_COHORT: CohortAnswers = { worksWithChildrenOrVulnerable: 'unknown', remoteOrFlexible: 'unknown' };

/** What a card says when a cohort question is not answered. */
export const COHORT_ANSWER_MESSAGE = 'Choose yes, no or don\u2019t know.';

/** A card's yes / no / don't know answer ('unknown' is "don't know"). */
export const cardCohortAnswer = cardChoice(['yes', 'no', 'unknown'], COHORT_ANSWER_MESSAGE);
/** The same answer where the question may be left alone. */
export const optionalCohortAnswer = z.preprocess((v) => (v === '' || v === null ? undefined : v), cardCohortAnswer.optional());

/** A question the card did not ask: whatever comes back for it is ignored. */
const notAsked = z.unknown().transform(() => undefined);

/**
 * The schema of the reporter's cohort answers on a report form: `answer` for each question
 * the card asked, and nothing for those the records already answer.
 */
export function askedCohortAnswers<A extends z.ZodTypeAny>(ask: CohortQuestions, answer: A) {
  return {
    worksWithChildrenOrVulnerable: ask.worksWithChildrenOrVulnerable ? answer : notAsked,
    remoteOrFlexible: ask.remoteOrFlexible ? answer : notAsked
  };
}

const isKnown = (answer: CohortAnswer | undefined): answer is 'yes' | 'no' => answer === 'yes' || answer === 'no';

/**
 * What the records already say: the roster first (an FOI officer imported it), then the
 * person's own profile, field by field; 'unknown' where neither says yes or no.
 */
export function knownCohort(profile: Profile | undefined, employee?: Employee): CohortAnswers {
  const pick = (field: CohortField): CohortAnswer => {
    if (employee && isKnown(employee[field])) return employee[field];
    if (profile && isKnown(profile[field])) return profile[field];
    return 'unknown';
  };
  return { worksWithChildrenOrVulnerable: pick('worksWithChildrenOrVulnerable'), remoteOrFlexible: pick('remoteOrFlexible') };
}

/** Which cohort questions a card asks: true for each answer the records do not know. */
export type CohortQuestions = Record<CohortField, boolean>;

/** The questions a card must ask: the answers the records do not know. */
export function cohortQuestions(known: CohortAnswers): CohortQuestions {
  return { worksWithChildrenOrVulnerable: !isKnown(known.worksWithChildrenOrVulnerable), remoteOrFlexible: !isKnown(known.remoteOrFlexible) };
}

/** Known yes/no answers win; the card's answers fill the gaps. */
export function mergeCohort(known: CohortAnswers, answered: Partial<CohortAnswers> = {}): CohortAnswers {
  const pick = (field: CohortField): CohortAnswer => (isKnown(known[field]) ? known[field] : answered[field] ?? 'unknown');
  return { worksWithChildrenOrVulnerable: pick('worksWithChildrenOrVulnerable'), remoteOrFlexible: pick('remoteOrFlexible') };
}

/**
 * The reporter's profile with the answers they gave on a card, or undefined when nothing
 * would change. A known yes or no is never replaced by "don't know".
 */
export function profileWithAnswers(profile: Profile | undefined, aadObjectId: string, answered: Partial<CohortAnswers>, at: string): Profile | undefined {
  const current = profile ?? { aadObjectId, ...UNKNOWN_COHORT, devices: [], updatedAt: at };
  const next = { ...current };
  let changed = false;
  for (const field of COHORT_FIELDS) {
    const answer = answered[field];
    // "Don't know" adds nothing to what the profile holds, and never replaces a yes or no.
    if (answer === undefined || answer === 'unknown' || answer === current[field]) continue;
    next[field] = answer;
    changed = true;
  }
  return changed ? { ...next, updatedAt: at } : undefined;
}
