/**
 * Which label a message falls under, learnt from the texts that speak for each label: a
 * linear classifier over each text's sentence vector and its words (ridge regression on
 * one-hot targets, a closed-form least-squares fit). Where the closest example question
 * looks at one example at a time, the classifier weighs every example of every label
 * together, so it learns what sets two neighbouring sections apart ("my own phone" against
 * "the council's phone") rather than which single example a message happens to sit near.
 *
 * A text's words are its terms as the full-text search has them (stems, synonyms, typos
 * corrected), weighted by how rare they are among the texts (tf-idf). The fit is solved in
 * its dual form, one equation a text, as there are more features (512 dimensions and
 * every term) than texts. It takes about three and a half seconds for the sample's 1,500
 * texts, on a worker thread; a fit is kept for the process, and its weights in the file of
 * kept vectors, so indexing the same texts again, or at the next start, costs nothing.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * How strongly the weights are pulled towards 0, per text, and how much a text's words
 * count beside its meaning. Chosen together by five-fold cross-validation on the sample's
 * example questions (the share of held-back examples put under their own label: 78.0% at
 * these, 77.6% at words 0.5 and ridge 1e-3, 74.7% at words 1, 63.1% without words), not on
 * any evaluation set.
 */
export const RIDGE = 3e-4;
export const WORDS = 0.25;
/** Fits kept for the process, the latest: the policy in use, a reload's, the reference an import lends from. */
const FITS_KEPT = 8;

/** A text that speaks for a label, with its sentence vector and its terms. */
export interface LabelledText {
  labelId: string;
  vector: Float32Array;
  /** The text's terms (see TermAnalyser.concepts); with the label, they and the vector's text name the fit. */
  terms: readonly string[];
  /** The text the vector was made from. */
  text: string;
}

/** Where fitted weights are kept between starts (the file of kept vectors, see SentenceMeaning). */
export interface KeptFits {
  keptFit(key: string): Float32Array | undefined;
  keepFit(key: string, weights: Float32Array): void;
}

/** The terms of the texts, with how rare each is: the classifier's vocabulary. */
class Vocabulary {
  readonly terms: string[];
  readonly #rarity = new Map<string, number>();

  constructor(texts: ReadonlyArray<readonly string[]>) {
    const counts = new Map<string, number>();
    for (const terms of texts) for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
    this.terms = [...counts.keys()].sort();
    for (const term of this.terms) this.#rarity.set(term, Math.log(texts.length / counts.get(term)!));
  }

  /** The terms' weights (tf-idf, to length 1), leaving out terms the texts never use. */
  weigh(terms: readonly string[]): Map<string, number> {
    const weights = new Map<string, number>();
    for (const term of terms) {
      const rarity = this.#rarity.get(term);
      if (rarity !== undefined) weights.set(term, rarity);
    }
    const length = Math.hypot(...weights.values()) || 1;
    for (const [term, weight] of weights) weights.set(term, weight / length);
    return weights;
  }
}

export class LabelClassifier {
  static readonly #fits = new Map<string, LabelClassifier>();
  readonly #labels: string[];
  readonly #vocabulary: Vocabulary;
  /** One row a label: its weight for each dimension of the vector, then its bias. */
  readonly #meaning: Float64Array[];
  /** One row a term of the vocabulary: its weight for each label. */
  readonly #words: Map<string, Float64Array>;

  private constructor(labels: string[], vocabulary: Vocabulary, meaning: Float64Array[], words: Map<string, Float64Array>) {
    this.#labels = labels;
    this.#vocabulary = vocabulary;
    this.#meaning = meaning;
    this.#words = words;
  }

  /**
   * The classifier for these texts: fitted once for the process, and read from `kept` when it
   * has the weights. A fit runs on a worker thread, so the bot goes on answering meanwhile.
   */
  static async fit(examples: readonly LabelledText[], kept?: KeptFits): Promise<LabelClassifier> {
    const hash = createHash('sha256').update(`ridge ${RIDGE} words ${WORDS}\n`);
    for (const e of examples) hash.update(`${e.labelId}\t${e.text}\t${e.terms.join(' ')}\n`);
    const key = hash.digest('base64url');
    const labels = labelsOf(examples);
    const vocabulary = new Vocabulary(examples.map((e) => e.terms));
    const dimensions = examples[0]?.vector.length ?? 0;
    let fit = LabelClassifier.#fits.get(key) ?? LabelClassifier.#read(labels, vocabulary, dimensions, kept?.keptFit(key));
    if (!fit) {
      const weights = await fitApart(examples.map(({ labelId, vector, terms }) => ({ labelId, vector, terms })));
      kept?.keepFit(key, weights);
      fit = LabelClassifier.#read(labels, vocabulary, dimensions, weights)!;
    }
    // Kept as the latest used, so a policy in use is not pushed out by ones indexed once.
    LabelClassifier.#fits.delete(key);
    LabelClassifier.#fits.set(key, fit);
    if (LabelClassifier.#fits.size > FITS_KEPT) LabelClassifier.#fits.delete(LabelClassifier.#fits.keys().next().value!);
    return fit;
  }

  /** A classifier from its weights (see {@link fitWeights}), if they are there and of the right size for these labels and terms. */
  static #read(labels: string[], vocabulary: Vocabulary, dimensions: number, weights: Float32Array | undefined): LabelClassifier | undefined {
    const size = dimensions + 1;
    if (!weights || weights.length !== labels.length * (size + vocabulary.terms.length)) return undefined;
    const meaning = labels.map((_, k) => Float64Array.from(weights.subarray(k * size, (k + 1) * size)));
    const start = labels.length * size;
    const words = new Map(vocabulary.terms.map((t, i) => [t, Float64Array.from(weights.subarray(start + i * labels.length, start + (i + 1) * labels.length))]));
    return new LabelClassifier(labels, vocabulary, meaning, words);
  }

  /** Each label's score for a text's vector and terms, clipped to 0 to 1 (the label's one-hot target is 1). */
  scores(vector: Float32Array, terms: readonly string[]): Map<string, number> {
    const sums = this.#meaning.map((row) => {
      let sum = row[vector.length];
      for (let d = 0; d < vector.length; d++) sum += row[d] * vector[d];
      return sum;
    });
    for (const [term, weight] of this.#vocabulary.weigh(terms)) this.#words.get(term)!.forEach((w, k) => (sums[k] += w * weight));
    return new Map(this.#labels.map((label, k) => [label, Math.min(1, Math.max(0, sums[k]))]));
  }
}

/** The dot product of two texts' term weights. */
function overlap(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let sum = 0;
  for (const [term, weight] of a) sum += weight * (b.get(term) ?? 0);
  return sum;
}

/** A text's part in a fit: what a worker thread receives. */
export type FitText = Pick<LabelledText, 'labelId' | 'vector' | 'terms'>;

/** The labels of the texts, in the order they first appear: the rows of the weights. */
function labelsOf(texts: readonly FitText[]): string[] {
  return [...new Set(texts.map((t) => t.labelId))];
}

/** {@link fitWeights} on a worker thread (label-fit-worker.ts). */
function fitApart(texts: FitText[]): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./label-fit-worker.js', import.meta.url), { workerData: texts });
    worker.once('message', (weights: Float32Array) => resolve(weights));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the classifier's fit stopped (exit code ${code})`)));
  });
}

/**
 * Solves (K + λnI) A = Y, with K each pair of texts' likeness (their vectors' dot product, plus
 * {@link WORDS} times their term weights', plus 1 for the bias) and Y each text's label as a
 * one-hot row; each label's weights are then its texts' features summed by A. Returns them as
 * they are kept: each label's row for the vector (its dimensions, then its bias), then each
 * term's row (a weight for each label) in the vocabulary's order.
 */
export function fitWeights(texts: readonly FitText[]): Float32Array {
  const n = texts.length;
  const labels = labelsOf(texts);
  const vocabulary = new Vocabulary(texts.map((t) => t.terms));
  const dimensions = texts[0]?.vector.length ?? 0;
  const words = texts.map((t) => vocabulary.weigh(t.terms));
  const likeness = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    const a = texts[i].vector;
    for (let j = 0; j <= i; j++) {
      const b = texts[j].vector;
      let sum = 1 + WORDS * overlap(words[i], words[j]);
      for (let d = 0; d < dimensions; d++) sum += a[d] * b[d];
      likeness.set(i, j, sum);
      likeness.set(j, i, sum);
    }
    likeness.set(i, i, likeness.get(i, i) + RIDGE * n);
  }
  const targets = Matrix.zeros(n, labels.length);
  texts.forEach((t, i) => targets.set(i, labels.indexOf(t.labelId), 1));
  const shares = n === 0 ? targets : new CholeskyDecomposition(likeness).solve(targets);

  const size = dimensions + 1;
  const weights = new Float32Array(labels.length * (size + vocabulary.terms.length));
  const meaning = labels.map(() => new Float64Array(size));
  const byTerm = new Map(vocabulary.terms.map((t) => [t, new Float64Array(labels.length)]));
  texts.forEach((text, i) => {
    labels.forEach((_, k) => {
      const share = shares.get(i, k);
      const row = meaning[k];
      for (let d = 0; d < dimensions; d++) row[d] += share * text.vector[d];
      row[dimensions] += share;
    });
    for (const [term, weight] of words[i]) {
      const row = byTerm.get(term)!;
      labels.forEach((_, k) => (row[k] += WORDS * weight * shares.get(i, k)));
    }
  });
  meaning.forEach((row, k) => weights.set(row, k * size));
  vocabulary.terms.forEach((t, i) => weights.set(byTerm.get(t)!, labels.length * size + i * labels.length));
  return weights;
}
