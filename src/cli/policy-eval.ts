/**
 * `npm run eval`: retrieval accuracy on the tuning set (`test/fixtures/policy-eval.json`)
 * and the fifteen held-out sets (`policy-eval-heldout.json`, `-2.json` to `-15.json`) of
 * the sample policy, and on a second policy nobody tuned for (`test/fixtures/council-policy.md`,
 * imported from a Word document built by the tests, with `test/fixtures/council-policy-eval.json`),
 * and on fourteen more (`council-policy-3.md` to `council-policy-16.md`, each with its `-eval.json`),
 * side by side; the seventh also as its policy owner reviewed it (`council-policy-7-reviewed.md`).
 * `--misses` lists the questions each set got wrong. `--fit` fits the signal weights and
 * the threshold on the tuning set alone and shows each signal on its own beside them, and
 * each share the classifier could have in which label stands first; it never looks at the
 * held-out sets, which must not be tuned on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/paths.js';
import { bestThreshold, evaluate, evaluationFixtureSchema, fitVerdict, prepareSet, type EvaluationResult } from '../features/policy/evaluation.js';
import { loadPolicyIndex } from '../features/policy/policy-source.js';
import { ANSWER_THRESHOLD, CLASSIFIER_SHARE, SIGNAL_NAMES, SIGNAL_WEIGHTS, type SignalWeights } from '../features/policy/verdict.js';
import { cliArgs, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s eval -- [--misses | --fit]';

const values = parsedOptions();

function parsedOptions() {
  try {
    return cliArgs({ options: { fit: { type: 'boolean', default: false }, misses: { type: 'boolean', default: false } }, strict: true }, USAGE).values;
  } catch (error) {
    process.stderr.write(`${(error as UsageError).message}\n`);
    process.exit(2);
  }
}

const fixturePath = (name: string) => path.join(projectRoot, 'test', 'fixtures', name);
const fixture = (name: string) => evaluationFixtureSchema.parse(JSON.parse(readFileSync(fixturePath(name), 'utf8')));
const index = loadPolicyIndex();
const percent = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const heading = (first: string) => `${first.padEnd(24)}   in  out    top-1   top-3 on card   wrong   out-of-scope declined\n`;
const row = (name: string, r: EvaluationResult) =>
  `${name.padEnd(24)} ${String(r.inScope).padStart(4)} ${String(r.outOfScope).padStart(4)}  ${percent(r.top1)} ${percent(r.top3)} ${percent(r.onCard)} ${percent(r.wrongSection)}   ${percent(r.rejected)}\n`;
const describe = (w: SignalWeights) => SIGNAL_NAMES.map((n) => `${n} ${w[n]}`).join(', ');

if (values.fit) {
  const tuning = await prepareSet(index, fixture('policy-eval.json'));
  process.stdout.write(`tuning set only; each with its best threshold\n${heading('signals')}`);
  for (const name of SIGNAL_NAMES) {
    const alone = Object.fromEntries(SIGNAL_NAMES.map((n) => [n, n === name ? 1 : 0])) as unknown as SignalWeights;
    process.stdout.write(row(`${name} alone`, bestThreshold(tuning, alone).result));
  }
  const equal = Object.fromEntries(SIGNAL_NAMES.map((n) => [n, 1 / SIGNAL_NAMES.length])) as unknown as SignalWeights;
  process.stdout.write(row('all, equal', bestThreshold(tuning, equal).result));
  const fitted = fitVerdict(tuning);
  process.stdout.write(row('all, fitted', fitted.result));
  process.stdout.write(`\nfitted weights: ${describe(fitted.weights)}; threshold ${fitted.threshold}\nin use:         ${describe(SIGNAL_WEIGHTS)}; threshold ${ANSWER_THRESHOLD}\n`);
  process.stdout.write(`\nthe classifier's share in which label stands first, at the weights and threshold in use (${CLASSIFIER_SHARE} in use)\n${heading('share')}`);
  for (const share of [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]) process.stdout.write(row(`classifier ${share}`, evaluate(tuning, { classifierShare: share })));
} else {
  // The same retrieval, synonyms and other topics, on other councils' policies imported from Word.
  const sample = async (name: string, file: string) => ({ name, result: evaluate(await prepareSet(index, fixture(file))) });
  const imported = async (name: string, file: string, questions = `${file}-eval.json`) => ({
    name,
    result: evaluate(await prepareSet(loadPolicyIndex({ policyFile: fixturePath(`${file}.md`) }), fixture(questions)))
  });
  const sets = [
    await sample('tuning', 'policy-eval.json'),
    await sample('held-out', 'policy-eval-heldout.json'),
    await sample('second held-out', 'policy-eval-heldout-2.json'),
    await sample('third held-out', 'policy-eval-heldout-3.json'),
    await sample('fourth held-out', 'policy-eval-heldout-4.json'),
    await sample('fifth held-out', 'policy-eval-heldout-5.json'),
    await sample('sixth held-out', 'policy-eval-heldout-6.json'),
    await sample('seventh held-out', 'policy-eval-heldout-7.json'),
    await sample('eighth held-out', 'policy-eval-heldout-8.json'),
    await sample('ninth held-out', 'policy-eval-heldout-9.json'),
    await sample('tenth held-out', 'policy-eval-heldout-10.json'),
    await sample('eleventh held-out', 'policy-eval-heldout-11.json'),
    await sample('twelfth held-out', 'policy-eval-heldout-12.json'),
    await sample('thirteenth held-out', 'policy-eval-heldout-13.json'),
    await sample('fourteenth held-out', 'policy-eval-heldout-14.json'),
    await sample('fifteenth held-out', 'policy-eval-heldout-15.json'),
    await imported('second policy', 'council-policy'),
    await imported('third policy', 'council-policy-3'),
    await imported('fourth policy', 'council-policy-4'),
    await imported('fifth policy', 'council-policy-5'),
    await imported('sixth policy', 'council-policy-6'),
    await imported('seventh policy', 'council-policy-7'),
    await imported('eighth policy', 'council-policy-8'),
    await imported('ninth policy', 'council-policy-9'),
    await imported('tenth policy', 'council-policy-10'),
    await imported('eleventh policy', 'council-policy-11'),
    await imported('twelfth policy', 'council-policy-12'),
    await imported('thirteenth policy', 'council-policy-13'),
    await imported('fourteenth policy', 'council-policy-14'),
    await imported('fifteenth policy', 'council-policy-15'),
    await imported('sixteenth policy', 'council-policy-16'),
    // The seventh after its policy owner's review of the example questions (council-policy-7-reviewed.md).
    await imported('seventh, reviewed', 'council-policy-7-reviewed', 'council-policy-7-eval.json')
  ];
  process.stdout.write(`threshold ${ANSWER_THRESHOLD}; wrong = answered from another section\n${heading('set')}`);
  for (const { name, result } of sets) process.stdout.write(row(name, result));
  if (values.misses) {
    for (const { name, result } of sets) {
      process.stdout.write(`\n${name} misses (expected <- got score: question)\n`);
      for (const miss of result.misses) {
        process.stdout.write(`  ${miss.expected ?? '(none)'} <- ${miss.got ?? '(not answered)'} ${miss.score}: ${miss.question}\n`);
      }
    }
  }
}
