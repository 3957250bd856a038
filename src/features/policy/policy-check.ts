/**
 * The policy check: what `npm run -s policy:check` prints and what the bot runs at start
 * and on every reload, so a broken policy is refused with the same messages wherever it
 * is found. Every problem is named with its line, all at once, so one edit fixes them all.
 */
import { readFileSync } from 'node:fs';
import { synonymFileSchema, type SynonymFile } from './analysis.js';
import { describeProblem, documentOf, PolicyFileError, scanPolicy, slugify, type PolicyDocument, type PolicyProblem } from './policy-document.js';

/** Longest example question, in characters: the longest question the bot keeps. */
export const MAX_EXAMPLE_CHARS = 500;
/** Fewest words in an example question; one word says nothing about what is asked. */
const MIN_EXAMPLE_WORDS = 2;

/** The policy text checked: the document when there is one to use, and every problem found. */
export interface PolicyCheck {
  document: PolicyDocument;
  problems: PolicyProblem[];
}

/** Checks a policy's Markdown: ids present and unique, no empty section, example questions well formed. */
export function checkPolicyText(markdown: string): PolicyCheck {
  const scanned = scanPolicy(markdown);
  const problems = [...scanned.problems];
  if (scanned.sections.length === 0) problems.push({ message: 'has no sections: start each one with a "## Title {#id}" heading' });
  const idLines = new Map<string, number>();
  for (const section of scanned.sections) {
    const { line, title } = section;
    if (!section.explicitId) {
      const suggestion = slugify(title) || 'an-id';
      problems.push({ line, message: `the heading "${title}" has no id: add {#${suggestion}} after it, so links and stored feedback keep pointing at it if the title changes` });
    }
    const earlier = idLines.get(section.id);
    if (earlier !== undefined) problems.push({ line, message: `the id "${section.id}" is already used on line ${earlier}: give each section its own {#id}` });
    else idLines.set(section.id, line);
    if (section.paragraphs.length === 0) problems.push({ line, message: `the section "${title || section.id}" has no text: write it or remove the heading` });
    const seen = new Set<string>();
    section.questions.forEach((question, i) => {
      const at = section.questionLines[i];
      const words = question.split(/\s+/).filter((w) => /\w/.test(w)).length;
      if (/<!--|-->/.test(question)) problems.push({ line: at, message: 'a note on this line is not written as one "<!-- note -->" on the line, so it would be read as part of the question: close it, or delete it' });
      else if (words < MIN_EXAMPLE_WORDS) problems.push({ line: at, message: `the example question "${question}" is too short to say what is asked: write it as staff would ask it` });
      else if (question.length > MAX_EXAMPLE_CHARS) problems.push({ line: at, message: `the example question is ${question.length} characters long, more than ${MAX_EXAMPLE_CHARS}: shorten it` });
      const key = question.toLowerCase();
      if (seen.has(key)) problems.push({ line: at, message: `the example question "${question}" is listed twice in this section` });
      seen.add(key);
    });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { document: documentOf(scanned), problems };
}

/** The line (1-based) of a character offset in a text. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Checks a synonym file's text: JSON, with the synonym list's shape. */
export function checkSynonymsText(text: string): { synonyms?: SynonymFile; problems: PolicyProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    return { problems: [{ line: position ? lineAt(text, Number(position[1])) : undefined, message: `is not valid JSON: ${message}` }] };
  }
  const parsed = synonymFileSchema.safeParse(raw);
  if (parsed.success) return { synonyms: parsed.data, problems: [] };
  return { problems: parsed.error.issues.map((issue) => ({ message: `is not a synonym list: ${issue.path.join('.') || 'the file'}: ${issue.message}` })) };
}

/** Reads a file for a check; a file that cannot be read is itself the problem. */
function readForCheck(file: string, variable: string): { text?: string; problems: string[] } {
  try {
    return { text: readFileSync(file, 'utf8'), problems: [] };
  } catch (error) {
    return { problems: [`${file}: cannot be read (${variable}): ${(error as Error).message}`] };
  }
}

/** The policy and synonym files checked together: each problem as one line naming its file. */
export interface PolicyFilesCheck {
  document?: PolicyDocument;
  synonyms?: SynonymFile;
  problems: string[];
}

/** Checks the policy file and the synonym file; what `policy:check` prints and the bot refuses on. */
export function checkPolicyFiles(policyFile: string, synonymsFile: string): PolicyFilesCheck {
  const policy = readForCheck(policyFile, 'POLICY_FILE');
  return checkPolicySources({ file: policyFile, ...policy }, synonymsFile);
}

/**
 * Checks a policy's text (read from its file, or as another instance published it) with
 * the synonym file, naming problems by the policy's file.
 */
export function checkPolicySources(policy: { file: string; text?: string; problems?: string[] }, synonymsFile: string): PolicyFilesCheck {
  const synonymsRead = readForCheck(synonymsFile, 'POLICY_SYNONYMS_FILE');
  const problems = [...(policy.problems ?? []), ...synonymsRead.problems];
  let document: PolicyDocument | undefined;
  let synonyms: SynonymFile | undefined;
  if (policy.text !== undefined) {
    const checked = checkPolicyText(policy.text);
    problems.push(...checked.problems.map((p) => describeProblem(policy.file, p)));
    document = checked.document;
  }
  if (synonymsRead.text !== undefined) {
    const checked = checkSynonymsText(synonymsRead.text);
    problems.push(...checked.problems.map((p) => describeProblem(synonymsFile, p)));
    synonyms = checked.synonyms;
  }
  return problems.length > 0 ? { problems } : { document, synonyms, problems };
}

/** The error a failed check is refused with: every problem, one a line. */
export function policyCheckError(problems: readonly string[]): PolicyFileError {
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return new PolicyFileError(`the policy check found ${problems.length} ${noun}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

