/**
 * Which label a message's meaning falls under, learnt from the texts that speak for each
 * label: a linear classifier over sentence vectors (ridge regression on one-hot targets, a
 * closed-form least-squares fit). Where the closest example question looks at one example
 * at a time, the classifier weighs every example of every label together, so it learns
 * what sets two neighbouring sections apart ("personal devices" against "council devices")
 * rather than which single example a message happens to sit near.
 *
 * It is fitted when a policy is indexed, in about half a second for the sample's 1,500
 * texts. A fit is kept for the process, and its weights in the file of kept vectors, so
 * indexing the same texts again, or at the next start, costs nothing.
 */
import { createHash } from 'node:crypto';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * How strongly the weights are pulled towards 0, per text. Chosen by five-fold cross-validation
 * on the sample's example questions (the share of held-back examples put under their own
 * label: 61.4% at 1e-3, 63.1% at 3e-4, 62.6% at 1e-4), not on any evaluation set.
 */
export const RIDGE = 3e-4;
/** Fits kept for the process, the latest: the policy in use, a reload's, the reference an import lends from. */
const FITS_KEPT = 8;

/** A text that speaks for a label, with its sentence vector. */
export interface LabelledVector {
  labelId: string;
  /** The text the vector was made from: with the label, it names the fit (see {@link LabelClassifier.fit}). */
  text: string;
  vector: Float32Array;
}

/** Where fitted weights are kept between starts (the file of kept vectors, see SentenceMeaning). */
export interface KeptFits {
  keptFit(key: string): Float32Array | undefined;
  keepFit(key: string, weights: Float32Array): void;
}

export class LabelClassifier {
  static readonly #fits = new Map<string, LabelClassifier>();
  readonly #labels: string[];
  /** One row a label: its weight for each dimension, then its bias. */
  readonly #weights: Float64Array[];

  private constructor(labels: string[], weights: Float64Array[]) {
    this.#labels = labels;
    this.#weights = weights;
  }

  /** The classifier for these texts: fitted once for the process, and read from `kept` when it has the weights. */
  static fit(examples: readonly LabelledVector[], kept?: KeptFits): LabelClassifier {
    const hash = createHash('sha256').update(`ridge ${RIDGE}\n`);
    for (const e of examples) hash.update(`${e.labelId}\t${e.text}\n`);
    const key = hash.digest('base64url');
    let fit = LabelClassifier.#fits.get(key) ?? LabelClassifier.#read(examples, kept?.keptFit(key));
    if (!fit) {
      fit = LabelClassifier.#solve(examples);
      kept?.keepFit(key, fit.#flat());
    }
    LabelClassifier.#fits.set(key, fit);
    if (LabelClassifier.#fits.size > FITS_KEPT) LabelClassifier.#fits.delete(LabelClassifier.#fits.keys().next().value!);
    return fit;
  }

  /** The labels of the examples, in the order they first appear: the rows of the weights. */
  static #labelsOf(examples: readonly LabelledVector[]): string[] {
    return [...new Set(examples.map((e) => e.labelId))];
  }

  /** A classifier from kept weights, if they are there and of the right size. */
  static #read(examples: readonly LabelledVector[], weights: Float32Array | undefined): LabelClassifier | undefined {
    const labels = LabelClassifier.#labelsOf(examples);
    const size = (examples[0]?.vector.length ?? 0) + 1;
    if (!weights || weights.length !== labels.length * size) return undefined;
    return new LabelClassifier(labels, labels.map((_, k) => Float64Array.from(weights.subarray(k * size, (k + 1) * size))));
  }

  /** The weights, one label's row after another, to keep. */
  #flat(): Float32Array {
    const size = this.#weights[0]?.length ?? 0;
    const flat = new Float32Array(this.#labels.length * size);
    this.#weights.forEach((row, k) => flat.set(row, k * size));
    return flat;
  }

  /**
   * Solves (XᵀX + λnI) W = XᵀY, with X the vectors (and a 1 for the bias, not pulled towards 0)
   * and Y each text's label as a one-hot row.
   */
  static #solve(examples: readonly LabelledVector[]): LabelClassifier {
    if (examples.length === 0) return new LabelClassifier([], []);
    const labels = LabelClassifier.#labelsOf(examples);
    const dimensions = examples[0].vector.length;
    const size = dimensions + 1;
    // XᵀX, accumulated over one triangle: about three times faster than a general matrix
    // product here, and this is the fit's main cost.
    const gram = new Float64Array(size * size);
    const sums = Matrix.zeros(size, labels.length);
    const row = new Float64Array(size);
    for (const example of examples) {
      row.set(example.vector);
      row[dimensions] = 1;
      for (let i = 0; i < size; i++) {
        const xi = row[i];
        if (xi === 0) continue;
        const offset = i * size;
        for (let j = 0; j <= i; j++) gram[offset + j] += xi * row[j];
      }
      const label = labels.indexOf(example.labelId);
      for (let i = 0; i < size; i++) sums.set(i, label, sums.get(i, label) + row[i]);
    }
    const system = new Matrix(size, size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j <= i; j++) {
        system.set(i, j, gram[i * size + j]);
        system.set(j, i, gram[i * size + j]);
      }
      if (i < dimensions) system.set(i, i, system.get(i, i) + RIDGE * examples.length);
    }
    const solved = new CholeskyDecomposition(system).solve(sums);
    return new LabelClassifier(labels, labels.map((_, k) => Float64Array.from(solved.getColumn(k))));
  }

  /** Each label's score for the vector, clipped to 0 to 1 (the label's one-hot target is 1). */
  scores(vector: Float32Array): Map<string, number> {
    return new Map(
      this.#labels.map((label, k) => {
        const weights = this.#weights[k];
        let sum = weights[vector.length];
        for (let d = 0; d < vector.length; d++) sum += weights[d] * vector[d];
        return [label, Math.min(1, Math.max(0, sum))];
      })
    );
  }
}
