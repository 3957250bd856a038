/**
 * `npm run -s ask -- [--json] "question"`: answers one policy question from the command
 * line, exactly as the bot would without a model, using POLICY_FILE and POLICY_SYNONYMS_FILE.
 * With `--json` it prints one object: { answered, sectionId, sectionTitle, passage, score }.
 */
import { ConfigError, loadConfig } from '../config.js';
import { PolicyFileError } from '../features/policy/policy-document.js';
import { configuredSources, loadPolicyIndex } from '../features/policy/policy-source.js';
import { cliArgs, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s ask -- [--json] "your question"';

async function main(): Promise<void> {
  const { values, positionals } = cliArgs({ options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: true }, USAGE);
  const question = positionals.join(' ').trim();
  if (!question) throw new UsageError(USAGE);
  const config = loadConfig();
  const index = loadPolicyIndex(configuredSources(config.policy));
  const result = await index.answer(question);
  const output = {
    answered: result.answered,
    sectionId: result.answered ? result.best!.sectionId : null,
    sectionTitle: result.answered ? result.best!.sectionTitle : null,
    passage: result.answered ? result.passage : null,
    score: result.best?.score ?? 0
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } else if (result.answered) {
    process.stdout.write(`${output.sectionTitle} (score ${output.score})\n\n${output.passage}\n`);
  } else {
    const closest = result.closest.slice(0, 2).map((m) => m.sectionTitle).join('; ');
    const topic = result.otherTopic ? ` It is about ${result.otherTopic.title} (score ${result.otherTopic.score}).` : '';
    process.stdout.write(`Not in the policy (best score ${output.score}).${topic}${closest ? ` Closest sections: ${closest}.` : ''}\n`);
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError || error instanceof PolicyFileError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
