/**
 * The policy changing: a council-style Word document (the second policy of the tests)
 * imported to Markdown, and a reload (check, index, learned questions re-applied) of the
 * policy that import gives, each timed over several runs in process.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/paths.js';
import { importWordPolicy } from '../src/features/policy/import/import-policy.js';
import { LivePolicy } from '../src/features/policy/live-policy.js';
import { COUNCIL_POLICY_DOCUMENT } from '../test/fixtures/council-policy.js';
import { wordDocument } from '../test/helpers/word-document.js';
import { percentile } from './lib/stats.js';
import type { Row } from './lib/table.js';

const RUNS = 20;

async function timed(runs: number, task: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Times the import and the reload. */
export async function benchPolicy(): Promise<Row[]> {
  const docx = await wordDocument(COUNCIL_POLICY_DOCUMENT);
  const imports = await timed(RUNS, () => importWordPolicy(docx, { sourceName: 'council-policy.docx' }));
  const file = path.join(projectRoot, 'test', 'fixtures', 'council-policy.md');
  const text = await readFile(file, 'utf8');
  const live = new LivePolicy({ sources: { policyFile: file }, now: () => new Date() });
  const reloads = await timed(RUNS, () => live.install(text));
  const row = (name: string, times: number[], note: string): Row => ({ area: 'Policy', case: name, p50: percentile(times, 0.5), p99: percentile(times, 0.99), note });
  return [
    row(`import a ${Math.round(docx.length / 1024)} KB Word document (18 sections) to Markdown`, imports, `${RUNS} runs, in process`),
    row('reload it: check, index, re-apply linked questions, swap', reloads, `${RUNS} runs, in process; the sentence model is loaded once at start and the policy's meanings are read from the kept file`)
  ];
}
