/** Retrieval: every question of the evaluation set answered in process, timed one by one. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluationFixtureSchema } from '../src/features/policy/evaluation.js';
import { loadPolicyIndex } from '../src/features/policy/policy-source.js';
import { projectRoot } from '../src/config/paths.js';
import type { Row } from './lib/table.js';

const SECONDS = 3;

/** Answers the evaluation questions round and round for {@link SECONDS} seconds after a warm-up round. */
export async function benchRetrieval(): Promise<Row[]> {
  const fixture = evaluationFixtureSchema.parse(JSON.parse(await readFile(path.join(projectRoot, 'test/fixtures/policy-eval.json'), 'utf8')));
  const questions = [...fixture.inScope, ...fixture.outOfScope].map((q) => q.question);
  const index = loadPolicyIndex();
  for (const question of questions) index.answer(question);
  const times: number[] = [];
  const began = performance.now();
  while (performance.now() - began < SECONDS * 1000) {
    for (const question of questions) {
      const start = performance.now();
      index.answer(question);
      times.push(performance.now() - start);
    }
  }
  const elapsed = performance.now() - began;
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))];
  return [
    {
      area: 'Retrieval',
      case: `evaluation set (${questions.length} questions), in process`,
      perSecond: times.length / (elapsed / 1000),
      p50: at(0.5),
      p99: at(0.99),
      note: `${times.length} answers; one question at a time`
    }
  ];
}
