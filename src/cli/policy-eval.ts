/**
 * `npm run eval`: retrieval accuracy on `test/fixtures/policy-eval.json` (or a fixture
 * given with `--fixture FILE`). `--sweep` prints the figures over a range of thresholds,
 * which is how the answer threshold is chosen; `--misses` lists the questions it got wrong.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../config/paths.js';
import { evaluate, evaluationFixtureSchema } from '../features/policy/evaluation.js';
import { loadPolicyIndex } from '../features/policy/policy-source.js';
import { ANSWER_THRESHOLD } from '../features/policy/retrieval.js';

const { values } = parseArgs({
  options: {
    fixture: { type: 'string', default: path.join(projectRoot, 'test', 'fixtures', 'policy-eval.json') },
    sweep: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false }
  }
});

const fixture = evaluationFixtureSchema.parse(JSON.parse(readFileSync(values.fixture!, 'utf8')));
const index = loadPolicyIndex();
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

if (values.sweep) {
  // Whole hundredths, so the thresholds printed are exactly the ones tried.
  for (let hundredths = 20; hundredths <= 70; hundredths++) {
    const t = hundredths / 100;
    const r = evaluate(index, fixture, t);
    process.stdout.write(`threshold ${t.toFixed(2)}  top-1 ${percent(r.top1)}  top-3 ${percent(r.top3)}  out-of-scope rejected ${percent(r.rejected)}\n`);
  }
} else {
  const result = evaluate(index, fixture, ANSWER_THRESHOLD);
  process.stdout.write(
    `${result.inScope} in-scope and ${result.outOfScope} out-of-scope questions, threshold ${result.threshold}\n` +
      `top-1 accuracy:        ${percent(result.top1)}\n` +
      `top-3 accuracy:        ${percent(result.top3)}\n` +
      `out-of-scope rejected: ${percent(result.rejected)}\n`
  );
  if (values.misses) {
    for (const miss of result.misses) {
      process.stdout.write(`  ${miss.expected ?? '(none)'} <- ${miss.got ?? '(not answered)'} ${miss.score}: ${miss.question}\n`);
    }
  }
}
