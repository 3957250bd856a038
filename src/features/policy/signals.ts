/**
 * The two signals retrieval combines, for a question against one piece of text (a section,
 * an example question): the words they share (lexical, through the analyser's stems and
 * synonyms) and how close their meanings are (semantic, through sentence vectors, see
 * sentence-meaning.ts). Both are pure functions of prepared text, so the index prepares its
 * texts once at start.
 */
import type { TermAnalyser } from './analysis.js';
import { KeptAnswers } from './kept-answers.js';
import { readMessage } from './message.js';
import { cosine } from './sentence-meaning.js';

/** A meaningful word or synonym phrase: the search terms it stands for, and how much it counts. */
export interface Concept {
  terms: string[];
  weight: number;
}

/** A text made ready for comparison. */
export interface PreparedText {
  concepts: Concept[];
  /** Every term of the text, with how often it occurs. */
  counts: Map<string, number>;
  /** The meaning of the text as a unit vector, once encoded; undefined for a text with none (the out-of-scope label). */
  vector?: Float32Array;
}

/** Turns questions and policy text into {@link PreparedText}, their words only: the index adds the meanings. */
export class TextReader {
  readonly analyser: TermAnalyser;

  constructor(analyser: TermAnalyser) {
    this.analyser = analyser;
  }

  /**
   * Prepares a staff message: each sentence's concepts count as much as the sentence does
   * (see readMessage), so the question outweighs the context around it.
   */
  question(message: string): PreparedText {
    return this.#prepare(readMessage(message).map((s) => ({ text: s.text, weight: s.weight })));
  }

  /** Prepares policy text or an example question: every word counts fully. */
  text(text: string): PreparedText {
    return this.#prepare([{ text, weight: 1 }]);
  }

  #prepare(parts: Array<{ text: string; weight: number }>): PreparedText {
    const byKey = new Map<string, Concept>();
    const counts = new Map<string, number>();
    for (const { text, weight } of parts) {
      for (const terms of this.analyser.concepts(text)) {
        const key = terms.join(' ');
        const known = byKey.get(key);
        if (!known) byKey.set(key, { terms, weight });
        else known.weight = Math.max(known.weight, weight);
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    return { concepts: [...byKey.values()], counts };
  }
}

/** How rare each term is across the labels (sections and other topics) that retrieval chooses between. */
export class Rarity {
  readonly #labelsWith = new Map<string, number>();
  readonly #labels: number;
  readonly #weights = new KeptAnswers<number>(RARITIES_KEPT);

  constructor(labelTerms: ReadonlyArray<Iterable<string>>) {
    this.#labels = labelTerms.length;
    for (const terms of labelTerms) for (const term of new Set(terms)) this.#labelsWith.set(term, (this.#labelsWith.get(term) ?? 0) + 1);
  }

  /** Inverse label frequency of a concept; a word no label uses counts as one label's word. */
  weight(terms: readonly string[]): number {
    return this.#weights.get(terms.join(' '), () => {
      const containing = Math.max(1, ...terms.map((t) => this.#labelsWith.get(t) ?? 0));
      return Math.log(1 + this.#labels / (containing + 0.5));
    });
  }
}

/** How many concepts' rarities are remembered between messages. */
const RARITIES_KEPT = 100_000;

/** A question word found only once in a long text, and not in its title, counts this much: it is probably incidental there. */
const PASSING_MENTION = 0.6;

/** A question's concepts with their weights worked out once: sentence weight times rarity. */
export interface WeighedQuestion {
  text: PreparedText;
  weights: Float64Array;
  total: number;
}

/** Works out each concept's weight in a question once, for all the comparisons that follow. */
export function weigh(question: PreparedText, rarity: Rarity): WeighedQuestion {
  const weights = Float64Array.from(question.concepts, (c) => c.weight * rarity.weight(c.terms));
  return { text: question, weights, total: weights.reduce((a, b) => a + b, 0) };
}

/**
 * The share of the question's weight that a long text covers (a section's text), each
 * concept weighted by its rarity and its sentence, counting less when the text mentions it
 * only in passing.
 */
export function coverage(question: WeighedQuestion, text: PreparedText, title: ReadonlyMap<string, number>): number {
  let covered = 0;
  question.text.concepts.forEach(({ terms }, i) => {
    const w = question.weights[i];
    if (terms.some((t) => title.has(t))) covered += w;
    else {
      let count = 0;
      for (const t of terms) count = Math.max(count, text.counts.get(t) ?? 0);
      covered += count === 0 ? 0 : count === 1 ? w * PASSING_MENTION : w;
    }
  });
  return question.total > 0 ? covered / question.total : 0;
}

/** How well short texts (example questions) and a question share words, each 0 to 1. */
export interface Overlap {
  /** The share of the example's weight the question says. */
  precision: Float64Array;
  /** The share of the question's weight the example says. */
  recall: Float64Array;
}

/**
 * Many short texts (the example questions) indexed by term, so a question is compared with
 * all of them by touching only the ones that share a term with it.
 */
export class ExampleIndex {
  readonly size: number;
  readonly #postings = new Map<string, Array<{ example: number; concept: number }>>();
  readonly #conceptWeights: Float64Array[];
  readonly #totals: Float64Array;
  readonly #conceptStart: Uint32Array;
  /** Every example's unit vector, one after another (zeros for an example without one). */
  readonly #vectors: Float32Array;
  readonly #dimensions: number;

  constructor(examples: readonly PreparedText[], rarity: Rarity) {
    this.size = examples.length;
    this.#dimensions = examples.find((e) => e.vector)?.vector?.length ?? 0;
    this.#vectors = new Float32Array(examples.length * this.#dimensions);
    examples.forEach((e, i) => e.vector && this.#vectors.set(e.vector, i * this.#dimensions));
    this.#conceptWeights = examples.map((e) => Float64Array.from(e.concepts, (c) => rarity.weight(c.terms)));
    this.#totals = Float64Array.from(this.#conceptWeights, (w) => w.reduce((a, b) => a + b, 0));
    this.#conceptStart = new Uint32Array(examples.length + 1);
    examples.forEach((example, e) => {
      this.#conceptStart[e + 1] = this.#conceptStart[e] + example.concepts.length;
      example.concepts.forEach(({ terms }, concept) => {
        for (const term of new Set(terms)) {
          const list = this.#postings.get(term) ?? [];
          list.push({ example: e, concept });
          this.#postings.set(term, list);
        }
      });
    });
  }

  /** Precision and recall of every example against the question. */
  overlap(question: WeighedQuestion): Overlap {
    const said = new Float64Array(this.size);
    const heard = new Float64Array(this.size);
    // Which question concept last counted for each example, and which example concepts are said already.
    const heardBy = new Int32Array(this.size).fill(-1);
    const saidAlready = new Uint8Array(this.#conceptStart[this.size]);
    question.text.concepts.forEach(({ terms }, c) => {
      for (const term of terms) {
        for (const { example, concept } of this.#postings.get(term) ?? []) {
          if (heardBy[example] !== c) {
            heardBy[example] = c;
            heard[example] += question.weights[c];
          }
          const at = this.#conceptStart[example] + concept;
          if (!saidAlready[at]) {
            saidAlready[at] = 1;
            said[example] += this.#conceptWeights[example][concept];
          }
        }
      }
    });
    for (let e = 0; e < this.size; e++) {
      said[e] = this.#totals[e] > 0 ? said[e] / this.#totals[e] : 0;
      heard[e] = question.total > 0 ? heard[e] / question.total : 0;
    }
    return { precision: said, recall: heard };
  }

  /** The cosine of the question's vector with every example's, in one pass over the packed vectors. */
  closeness(question: PreparedText): Float32Array {
    const out = new Float32Array(this.size);
    const vector = question.vector;
    if (!vector || this.#dimensions === 0) return out;
    const dims = this.#dimensions;
    // Locals, not fields, inside the loop: this runs for every example on every message.
    const table = this.#vectors;
    for (let e = 0; e < this.size; e++) {
      let sum = 0;
      const offset = e * dims;
      for (let d = 0; d < dims; d++) sum += vector[d] * table[offset + d];
      out[e] = sum;
    }
    return out;
  }
}

/** How close two texts' meanings are, -1 to 1. */
export function closeness(a: PreparedText, b: PreparedText): number {
  return a.vector && b.vector ? cosine(a.vector, b.vector) : 0;
}
