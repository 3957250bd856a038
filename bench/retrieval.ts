/**
 * Retrieval: every question of both evaluation sets answered in process, timed one by one:
 * once on a freshly loaded index (first sight of each word: typo corrections and rarities
 * not yet remembered), then round and round after that warm-up.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/paths.js';
import { evaluationFixtureSchema } from '../src/features/policy/evaluation.js';
import { loadPolicyIndex } from '../src/features/policy/policy-source.js';
import { percentile } from './lib/stats.js';
import type { Row } from './lib/table.js';

const SECONDS = 3;
const SETS = ['policy-eval.json', 'policy-eval-heldout.json'];

/** Answers the evaluation questions once cold, then for {@link SECONDS} seconds warm. */
export async function benchRetrieval(): Promise<Row[]> {
  const questions: string[] = [];
  for (const name of SETS) {
    const fixture = evaluationFixtureSchema.parse(JSON.parse(await readFile(path.join(projectRoot, 'test', 'fixtures', name), 'utf8')));
    questions.push(...[...fixture.inScope, ...fixture.outOfScope].map((q) => q.question));
  }
  const index = loadPolicyIndex();
  const timeOne = (question: string) => {
    const start = performance.now();
    index.answer(question);
    return performance.now() - start;
  };
  const cold = questions.map(timeOne);
  const warm: number[] = [];
  const began = performance.now();
  while (performance.now() - began < SECONDS * 1000) for (const question of questions) warm.push(timeOne(question));
  const elapsed = performance.now() - began;
  const words = questions.map((q) => q.split(/\s+/).length);
  const row = (label: string, times: number[], perSecond: number | undefined, note: string): Row => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      area: 'Retrieval',
      case: `both evaluation sets (${questions.length} questions, up to ${Math.max(...words)} words), ${label}`,
    perSecond,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      note
    };
  };
  return [
    row('first answer of each', cold, undefined, 'in process, a freshly loaded index'),
    row('in process', warm, warm.length / (elapsed / 1000), `${warm.length} answers; one question at a time`)
  ];
}
