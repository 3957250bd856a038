/**
 * `npm run -s policy:import -- council-policy.docx [--out policy/council.md] [--level N] [--force]`:
 * turns the council's Word policy into the policy Markdown the bot reads and prints a
 * short report. A file it cannot read (a PDF, an old .doc, a password, a damaged file)
 * gets one sentence and exit code 2, and nothing is written; nor is an existing file
 * replaced without --force. A replaced file's section ids are kept (see policy-markdown.ts).
 * Sections without example questions get the sample policy's for the same ground, under a
 * note, unless --no-suggestions is given (see suggested-questions.ts).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config/paths.js';
import { importReport, importWordPolicy } from '../features/policy/import/import-policy.js';
import { WordFileError } from '../features/policy/import/word-file.js';
import { loadPolicyIndex } from '../features/policy/policy-source.js';
import { cliArgs, runCli, UsageError } from './shell.js';

const USAGE = 'usage: npm run -s policy:import -- council-policy.docx [--out policy/council.md] [--level 1-6] [--force] [--no-suggestions]';
/** The exit code for a document that cannot be imported, apart from 1 for every other failure. */
export const CANNOT_IMPORT = 2;

/** Stops with one sentence and exit code 2, writing nothing. */
function refuse(message: string): void {
  process.stderr.write(`policy:import: ${message}\n`);
  process.exitCode = CANNOT_IMPORT;
}

runCli('policy:import', async () => {
  const { values, positionals } = cliArgs(
    {
      options: { out: { type: 'string' }, level: { type: 'string' }, force: { type: 'boolean', default: false }, 'no-suggestions': { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true
    },
    USAGE
  );
  if (positionals.length !== 1) throw new UsageError(`give exactly one Word document\n${USAGE}`);
  const level = values.level === undefined ? undefined : Number(values.level);
  if (level !== undefined && !(Number.isInteger(level) && level >= 1 && level <= 6)) throw new UsageError(`--level is a heading level from 1 to 6\n${USAGE}`);
  const source = path.resolve(positionals[0]);
  const out = values.out ? path.resolve(values.out) : path.join(projectRoot, 'policy', `${path.basename(source, path.extname(source))}.md`);
  const name = path.basename(source);

  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (error) {
    return refuse(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`);
  }
  const exists = existsSync(out);
  if (exists && !values.force) {
    return refuse(`${path.relative(process.cwd(), out) || out} already exists and was left as it is: add --force to replace it (sections whose headings are unchanged keep their ids).`);
  }
  let previousMarkdown: string | undefined;
  if (exists) {
    try {
      previousMarkdown = await readFile(out, 'utf8');
    } catch (error) {
      // Never replace a file that could not be read: its ids would be lost without a word.
      return refuse(`cannot read ${out} to keep its section ids (${(error as Error).message}); nothing was written.`);
    }
  }
  let result;
  try {
    const questionsFrom = values['no-suggestions'] ? undefined : { index: loadPolicyIndex(), name: 'the sample policy' };
    result = await importWordPolicy(bytes, { sourceName: name, level, previousMarkdown, questionsFrom });
  } catch (error) {
    if (error instanceof WordFileError) return refuse(error.message);
    throw error;
  }
  // Written beside the target and renamed over it, so a stop half-way never leaves half a policy.
  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, result.markdown, 'utf8');
    await rename(temporary, out);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new UsageError(`cannot write ${out}: ${(error as Error).message}`);
  }
  const shown = path.relative(process.cwd(), out) || out;
  process.stdout.write(importReport(result, name, shown));
  process.stdout.write(`Next: npm run -s policy:check -- ${shown}, then set POLICY_FILE=${shown} and send "policy reload" to the bot as an admin (or restart it).\n`);
});
