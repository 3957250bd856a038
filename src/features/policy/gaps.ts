/**
 * "Policy gaps" for the policy owner: questions the policy could not answer, answers staff
 * said did not help, and answers beside which the asker opened another section, with
 * near-identical wordings counted together. A question the policy owner has since linked to
 * a section (or marked out of scope) is no longer a gap: askings before the link are left
 * out, later ones (say, a down-vote of the linked answer) count again.
 */
import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOPWORDS } from 'stopword';
import { isGap } from '../../store/feedback.js';
import type { PolicyFeedback, PolicyLink } from '../../store/types.js';

export interface PolicyGap {
  /** The most recent wording of the question. */
  question: string;
  count: number;
  unanswered: number;
  notHelpful: number;
  /** Answered, not voted on, and the asker opened another section the card offered. */
  openedInstead: number;
  /** The section askers opened most often instead of the answer (or for want of one): likely the one that answers. */
  opened?: string;
  /** How many different wordings were counted together. */
  wordings: number;
  /** The date (YYYY-MM-DD) it was last asked. */
  lastAskedOn: string;
}

const STOPWORDS = new Set(ENGLISH_STOPWORDS);

/** The words that carry a question's meaning, stemmed and sorted: "Can I use Gmail?" and "gmail - can i use it" agree. */
export function questionKey(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => stemmer(w));
  return [...new Set(words)].sort().join(' ');
}

/** Keys this close (a typo or two) are the same question. */
function sameQuestion(a: string, b: string): boolean {
  if (a === b) return true;
  const longest = Math.max(a.length, b.length);
  return longest >= 8 && distance(a, b) <= Math.min(2, Math.floor(longest / 8));
}

/**
 * Groups unanswered and not-helpful questions, most frequent first (then most recent).
 * @param links the policy owner's links: askings of a linked question up to the link are settled.
 * @param limit how many groups to return.
 */
export function policyGaps(feedback: readonly PolicyFeedback[], links: readonly PolicyLink[] = [], limit = 10): PolicyGap[] {
  const linkedAt = new Map<string, string>();
  for (const link of links) {
    const key = questionKey(link.question);
    if ((linkedAt.get(key) ?? '') < link.linkedAt) linkedAt.set(key, link.linkedAt);
  }
  const settled = (entry: PolicyFeedback) => entry.at <= (linkedAt.get(questionKey(entry.question)) ?? '');
  const groups: Array<{ key: string; entries: PolicyFeedback[] }> = [];
  const relevant = feedback.filter((f) => isGap(f) && !settled(f)).sort((a, b) => a.at.localeCompare(b.at));
  for (const entry of relevant) {
    const key = questionKey(entry.question);
    const group = groups.find((g) => sameQuestion(g.key, key));
    if (group) group.entries.push(entry);
    else groups.push({ key, entries: [entry] });
  }
  return groups
    .map(({ entries }) => {
      const latest = entries[entries.length - 1];
      return {
        question: latest.question,
        count: entries.length,
        unanswered: entries.filter((e) => !e.answered).length,
        notHelpful: entries.filter((e) => e.answered && e.helpful === false).length,
        openedInstead: entries.filter((e) => e.answered && e.helpful === undefined && e.openedSectionId !== undefined).length,
        opened: mostCommon(entries.map((e) => e.openedSectionId)),
        wordings: new Set(entries.map((e) => e.question.trim().toLowerCase())).size,
        lastAskedOn: latest.at.slice(0, 10)
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAskedOn.localeCompare(a.lastAskedOn))
    .slice(0, limit);
}

/** The value given most often (the latest of those tied), ignoring undefined; undefined when there is none. */
function mostCommon(values: ReadonlyArray<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const value of values) {
    if (value === undefined) continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (best === undefined || counts.get(value)! >= counts.get(best)!) best = value;
  }
  return best;
}
