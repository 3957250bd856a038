/**
 * "Policy gaps" for the policy owner: questions the policy could not answer and answers
 * staff said did not help, with near-identical wordings counted together.
 */
import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOPWORDS } from 'stopword';
import type { PolicyFeedback } from '../../store/types.js';

export interface PolicyGap {
  /** The most recent wording of the question. */
  question: string;
  count: number;
  unanswered: number;
  notHelpful: number;
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
 * @param limit how many groups to return.
 */
export function policyGaps(feedback: readonly PolicyFeedback[], limit = 10): PolicyGap[] {
  const groups: Array<{ key: string; entries: PolicyFeedback[] }> = [];
  const relevant = feedback.filter((f) => !f.answered || f.helpful === false).sort((a, b) => a.at.localeCompare(b.at));
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
        wordings: new Set(entries.map((e) => e.question.trim().toLowerCase())).size,
        lastAskedOn: latest.at.slice(0, 10)
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAskedOn.localeCompare(a.lastAskedOn))
    .slice(0, limit);
}
