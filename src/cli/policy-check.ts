/**
 * `npm run -s policy:check [FILE]`: checks a policy file (POLICY_FILE, or the sample, when
 * none is given) and the synonym file (POLICY_SYNONYMS_FILE) as the bot does at start and
 * on reload. Prints every problem with its line and exits 1, or a one-line summary. A policy
 * that passes has its meanings encoded too (about 11 s for the sample when not seen before) and kept
 * in the file the bot reads at start, so a bot started afterwards is ready at once.
 */
import path from 'node:path';
import { checkPolicyFiles } from '../features/policy/policy-check.js';
import { configuredSources, loadPolicyIndex, policyFiles } from '../features/policy/policy-source.js';
import { cliArgs, runCli, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s policy:check [-- policy.md]';

runCli('policy:check', async ({ config }) => {
  const { positionals } = cliArgs({ options: {}, strict: true, allowPositionals: true }, USAGE);
  if (positionals.length > 1) throw new UsageError(`give at most one policy file\n${USAGE}`);
  const files = policyFiles(configuredSources(config.policy, positionals[0] && path.resolve(positionals[0])));
  const checked = checkPolicyFiles(files.policyFile, files.synonymsFile);
  if (checked.problems.length > 0) {
    process.stdout.write(`${checked.problems.join('\n')}\n${checked.problems.length} ${checked.problems.length === 1 ? 'problem' : 'problems'}: the bot will not use this policy until they are fixed.\n`);
    process.exitCode = 1;
    return;
  }
  const sections = checked.document!.sections;
  const questions = sections.reduce((n, s) => n + s.questions.length, 0);
  const began = Date.now();
  const index = loadPolicyIndex(files);
  await index.ready();
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  const kept = index.vectorsNotKept ? ` (not kept for the next start: ${index.vectorsNotKept})` : '';
  process.stdout.write(`${files.policyFile}: ${sections.length} sections, ${questions} example ${questions === 1 ? 'question' : 'questions'}; no problems; meanings ready in ${seconds} s${kept}.\n`);
});
