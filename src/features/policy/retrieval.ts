/**
 * Finding the policy section that answers a question: full-text search (MiniSearch,
 * BM25 with the title boosted) over the sections, then the paragraphs of the best
 * section that answer it. Built once at start; answering is a pure function of the
 * question.
 */
import MiniSearch from 'minisearch';
import { TermAnalyser, type SynonymFile } from './analysis.js';
import type { PolicyDocument, PolicySection } from './policy-document.js';

/**
 * The least confidence (see {@link PolicyIndex.rank}) that counts as an answer. Chosen
 * on `test/fixtures/policy-eval.json` with `npm run eval -- --sweep`: 0.37 and 0.38 both
 * answer 91.7% of the in-scope questions and turn away 89.3% of the out-of-scope ones;
 * 0.36 lets more out-of-scope questions through, 0.39 and above lose real answers without
 * turning more away. 0.38 is the safer end of that plateau. Re-run the sweep after
 * changing the policy, the synonyms or the questions.
 */
export const ANSWER_THRESHOLD = 0.38;

/** How much a word the policy does not use counts, as if this many sections used it (see {@link PolicyIndex.rank}). */
const UNKNOWN_WORD_SECTIONS = 1;
/** A question word found only once in a section, and not in its title, counts this much: it is probably incidental there. */
const PASSING_MENTION = 0.6;
/** How much the search rank (against the best section's) weighs in the score; the rest is word coverage. */
const RANK_WEIGHT = 0.4;

/** A section whose text is at most this long is quoted whole; a longer one by its best paragraphs. */
const WHOLE_SECTION_CHARS = 520;
/** The passage quoted from a long section stays under this many characters where it can. */
const PASSAGE_CHARS = 700;

export interface SectionMatch {
  sectionId: string;
  sectionTitle: string;
  /** 0 to 1: how sure the match is; compare with {@link ANSWER_THRESHOLD}. */
  score: number;
}

export interface PolicyAnswer {
  answered: boolean;
  /** The section that answers (answered) or the closest one (not answered). */
  best?: SectionMatch;
  /** The passage that answers, quoted from the section; empty when not answered. */
  passage: string;
  /** The closest sections, best first (up to three). */
  closest: SectionMatch[];
}

interface SectionDoc {
  id: string;
  title: string;
  text: string;
}

interface ParagraphDoc {
  id: string;
  sectionId: string;
  text: string;
}

export class PolicyIndex {
  readonly document: PolicyDocument;
  readonly analyser: TermAnalyser;
  readonly #sections: MiniSearch<SectionDoc>;
  readonly #paragraphs: MiniSearch<ParagraphDoc>;
  readonly #byId = new Map<string, PolicySection>();
  readonly #sectionTerms = new Map<string, Map<string, number>>();
  readonly #titleTerms = new Map<string, Map<string, number>>();

  /** Indexes the policy once; cheap enough to do at start, never per question. */
  constructor(document: PolicyDocument, synonyms: SynonymFile) {
    this.document = document;
    this.analyser = new TermAnalyser(synonyms);
    const analyser = this.analyser;
    for (const section of document.sections) {
      this.#byId.set(section.id, section);
      const text = [section.title, ...section.paragraphs].join('\n');
      analyser.learnWords(text);
      this.#sectionTerms.set(section.id, analyser.termCounts(text));
      this.#titleTerms.set(section.id, analyser.termCounts(section.title));
    }
    const options = {
      tokenize: analyser.tokenize,
      processTerm: analyser.processTerm,
      searchOptions: { tokenize: analyser.tokenize, processTerm: analyser.processQueryTerm }
    };
    this.#sections = new MiniSearch<SectionDoc>({ ...options, fields: ['title', 'text'], storeFields: ['id'] });
    this.#sections.addAll(document.sections.map((s) => ({ id: s.id, title: s.title, text: s.paragraphs.join('\n') })));
    this.#paragraphs = new MiniSearch<ParagraphDoc>({ ...options, fields: ['text'], storeFields: ['sectionId'] });
    this.#paragraphs.addAll(
      document.sections.flatMap((s) => s.paragraphs.map((text, i) => ({ id: `${s.id}#${i}`, sectionId: s.id, text })))
    );
  }

  section(id: string): PolicySection | undefined {
    return this.#byId.get(id);
  }

  /**
   * Every section that shares a word with the question, best first. The score (0 to 1)
   * is the share of the question's meaningful words the section covers, each weighted by
   * how rare it is in the policy (a word no section uses counts as a rare one: it says the
   * question may be about something else) and counting less when the section mentions it
   * only in passing; scaled a little by the section's search rank against the best one.
   */
  rank(question: string): SectionMatch[] {
    const results = this.#sections.search(question, { boost: { title: 3 }, combineWith: 'OR' });
    if (results.length === 0) return [];
    const concepts = this.analyser.concepts(question);
    const sectionCount = this.document.sections.length;
    const weightOf = (terms: string[]) => {
      const containing = this.document.sections.filter((s) => terms.some((t) => this.#sectionTerms.get(s.id)!.has(t))).length;
      return Math.log(1 + sectionCount / ((containing === 0 ? UNKNOWN_WORD_SECTIONS : containing) + 0.5));
    };
    const weights = concepts.map(weightOf);
    const total = weights.reduce((a, b) => a + b, 0);
    const top = results[0].score;
    return results.map((result) => {
      const terms = this.#sectionTerms.get(result.id)!;
      const title = this.#titleTerms.get(result.id)!;
      const centrality = (concept: string[]) => {
        if (concept.some((t) => title.has(t))) return 1;
        const count = Math.max(0, ...concept.map((t) => terms.get(t) ?? 0));
        return count === 0 ? 0 : count === 1 ? PASSING_MENTION : 1;
      };
      const covered = concepts.reduce((sum, c, i) => sum + weights[i] * centrality(c), 0);
      const coverage = total > 0 ? covered / total : 0;
      const relative = result.score / top;
      return { sectionId: result.id, sectionTitle: this.#byId.get(result.id)!.title, score: round(coverage * (1 - RANK_WEIGHT + RANK_WEIGHT * relative)) };
    }).sort((a, b) => b.score - a.score);
  }

  /** Answers a question from the policy, or says it is not there. Never makes anything up. */
  answer(question: string): PolicyAnswer {
    const ranked = this.rank(question);
    const closest = ranked.slice(0, 3);
    const best = ranked[0];
    if (!best || best.score < ANSWER_THRESHOLD) return { answered: false, best, passage: '', closest };
    return { answered: true, best, passage: this.passage(best.sectionId, question), closest };
  }

  /**
   * The part of a section that answers the question: the whole section when short,
   * else its best-matching paragraphs (in the policy's order) up to about {@link PASSAGE_CHARS}.
   */
  passage(sectionId: string, question: string): string {
    const section = this.#byId.get(sectionId);
    if (!section) return '';
    const whole = section.paragraphs.join('\n\n');
    if (whole.length <= WHOLE_SECTION_CHARS) return whole;
    const hits = this.#paragraphs.search(question, { filter: (r) => r.sectionId === sectionId });
    const chosen = new Set<number>();
    let length = 0;
    for (const hit of hits) {
      const index = Number(String(hit.id).split('#')[1]);
      const size = section.paragraphs[index].length;
      if (chosen.size > 0 && length + size > PASSAGE_CHARS) break;
      chosen.add(index);
      length += size;
    }
    if (chosen.size === 0) chosen.add(0);
    return [...chosen].sort((a, b) => a - b).map((i) => section.paragraphs[i]).join('\n\n');
  }
}

/** Terms that, together, say a question is about a device or phone not working. */
const DEVICE_TERMS = ['device', 'phone'];
const FAULT_TERM = 'broken';

/** True when the question is about a council device or phone not working ("my laptop won't turn on"). */
export function isDeviceProblem(index: PolicyIndex, question: string): boolean {
  const terms = new Set(index.analyser.concepts(question).flat());
  return terms.has(FAULT_TERM) && DEVICE_TERMS.some((t) => terms.has(t));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
