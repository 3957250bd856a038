/**
 * How policy text and staff questions are turned into search terms: the same way for
 * both, so that "hotmail" in a question meets "webmail" in the policy. Words are
 * stemmed (Porter), common words dropped, and every word or phrase of a synonym group
 * also counts as the group's term. Small typing slips in a question are corrected
 * against the words the policy and the synonym list know.
 */
import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';
import { eng as ENGLISH_STOPWORDS } from 'stopword';
import { z } from 'zod';
import { KeptAnswers } from './kept-answers.js';

/** The synonym file's shape (`policy/synonyms.json`). */
export const synonymFileSchema = z.object({
  groups: z.array(z.object({ term: z.string().regex(/^[a-z]+$/, 'a group term is one lower-case word'), words: z.array(z.string().min(1)).min(1) })),
  ignore: z.array(z.string()).default([])
});
export type SynonymFile = z.infer<typeof synonymFileSchema>;

/** Lower case, apostrophes dropped, punctuation to spaces (keeping dots and hyphens inside words). */
export function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/[^a-z0-9.\-]+/g, ' ')
    .replace(/(^|\s)[.\-]+|[.\-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** How many typo corrections are remembered (each is a scan of the known words). */
const CORRECTIONS_KEPT = 50_000;

/** Turns text into search terms; built once from the synonym file and the policy's own words. */
export class TermAnalyser {
  /** Synonym phrases (several words, or a word with dots or hyphens) by their words joined with spaces. */
  readonly #phrases = new Map<string, string>();
  /** For each word that starts a phrase, the most words a phrase starting with it has. */
  readonly #phraseStarts = new Map<string, number>();
  readonly #corrections = new KeptAnswers<string>(CORRECTIONS_KEPT);
  readonly #termsByStem = new Map<string, Set<string>>();
  readonly #ignored: Set<string>;
  readonly #vocabulary = new Set<string>();
  readonly #groupTerms = new Set<string>();

  constructor(synonyms: SynonymFile) {
    this.#ignored = new Set([...ENGLISH_STOPWORDS, ...synonyms.ignore.map((w) => normaliseText(w).trim())]);
    for (const group of synonyms.groups) {
      this.#groupTerms.add(group.term);
      for (const word of group.words) {
        const normal = normaliseText(word).trim();
        if (normal.includes(' ') || /[.\-]/.test(normal)) {
          if (!this.#phrases.has(normal)) this.#phrases.set(normal, group.term);
          const words = normal.split(' ');
          this.#phraseStarts.set(words[0], Math.max(this.#phraseStarts.get(words[0]) ?? 0, words.length));
          for (const part of normal.split(/[\s.\-]+/)) this.#vocabulary.add(part);
        } else {
          const stem = stemmer(normal);
          const terms = this.#termsByStem.get(stem) ?? new Set<string>();
          terms.add(group.term);
          this.#termsByStem.set(stem, terms);
          this.#vocabulary.add(normal);
        }
      }
    }
  }

  /** Adds words the policy uses, so typo correction can aim at them. */
  learnWords(text: string): void {
    for (const word of normaliseText(text).trim().split(/[\s.\-]+/)) {
      if (word.length > 1) this.#vocabulary.add(word);
    }
  }

  /**
   * Splits text into tokens. A synonym phrase is kept and followed by its group term,
   * so "lunch break" yields "lunch", "break" and "owntime".
   */
  tokenize = (text: string): string[] => this.#segments(text).flatMap((s) => (s.group ? [...s.words, s.group] : s.words));

  /**
   * Words and synonym phrases in order; a phrase is one segment carrying its group term.
   * At each word the longest phrase starting there wins, so "personal mobile number" is
   * taken whole rather than as "mobile".
   */
  #segments(text: string): Array<{ words: string[]; group?: string }> {
    const tokens = normaliseText(text).trim().split(' ').filter(Boolean);
    const segments: Array<{ words: string[]; group?: string }> = [];
    for (let i = 0; i < tokens.length; ) {
      let taken = 0;
      for (let n = Math.min(this.#phraseStarts.get(tokens[i]) ?? 0, tokens.length - i); n >= 1 && !taken; n--) {
        const phrase = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
        const group = this.#phrases.get(phrase);
        if (group) {
          segments.push({ words: phrase.split(/[\s.\-]+/).filter(Boolean), group });
          taken = n;
        }
      }
      if (!taken) {
        for (const word of tokens[i].split(/[.\-]+/)) if (word) segments.push({ words: [word] });
        taken = 1;
      }
      i += taken;
    }
    return segments;
  }

  /** The search terms for one token: its stem and its synonym groups' terms, or none for a common word. */
  processTerm = (token: string): string[] | null => {
    if (this.#groupTerms.has(token)) return [token];
    if (this.#ignored.has(token)) return null;
    const stem = stemmer(token);
    const groups = this.#termsByStem.get(stem);
    if (token.length < 2 && !groups) return null;
    return [stem, ...(groups ?? [])];
  };

  /** Like {@link processTerm}, but first corrects a word the policy does not know to a close one it does. */
  processQueryTerm = (token: string): string[] | null => this.processTerm(this.correct(token));

  /** A close known word for an unknown one ("hotmial" -> "hotmail"), else the word itself. */
  correct(token: string): string {
    if (token.length < 5 || this.#vocabulary.has(token) || this.#ignored.has(token) || this.#groupTerms.has(token) || /\d/.test(token)) return token;
    return this.#corrections.get(token, (unknown) => this.#closestKnown(unknown));
  }

  #closestKnown(token: string): string {
    let best: { word: string; distance: number } | undefined;
    for (const word of this.#vocabulary) {
      if (Math.abs(word.length - token.length) > 2 || word[0] !== token[0]) continue;
      const d = distance(token, word);
      // One slip, or two when they are a swap of neighbouring letters ("hotmial").
      const close = d === 1 || (d === 2 && token.length >= 6 && isSwap(token, word));
      if (close && (!best || d < best.distance)) best = { word, distance: d };
    }
    return best?.word ?? token;
  }

  /** The question's concepts: for each meaningful word or synonym phrase, the terms it stands for. */
  concepts(text: string): string[][] {
    const concepts: string[][] = [];
    for (const segment of this.#segments(text)) {
      const terms = segment.group ? [segment.group] : this.processQueryTerm(segment.words[0]);
      if (terms) concepts.push(terms);
    }
    return concepts;
  }

  /** How often each term occurs in a text (for coverage checks). */
  termCounts(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const token of this.tokenize(text)) for (const term of this.processTerm(token) ?? []) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  }
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
  return diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]];
}
