/**
 * The policy as the bot reads it: a Markdown file whose `##` headings are sections.
 * Each heading may carry a stable id, `## Webmail {#webmail}` (or an HTML comment
 * `<!-- id: webmail -->` on the line after it); without one the id is made from the title.
 * Ids are what links and stored feedback point at, so they must stay stable.
 *
 * A section may end with a list of questions staff ask that it answers, under the
 * sub-heading `### Questions staff ask`, one `- ` bullet each. Retrieval matches on them as
 * on the section's text; they are not quoted as the policy.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

export interface PolicySection {
  id: string;
  title: string;
  /** Paragraphs of plain text (Markdown emphasis and links removed), in order. */
  paragraphs: string[];
  /** Questions staff ask that this section answers (its "Questions staff ask" list). */
  questions: string[];
}

export interface PolicyDocument {
  title: string;
  sections: PolicySection[];
}

/** Thrown when the policy file cannot be read or has no usable sections; names the file. */
export class PolicyFileError extends Error {
  constructor(message: string) {
    super(`policy: ${message}`);
    this.name = 'PolicyFileError';
  }
}

const HEADING = /^##\s+(.+?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*$/;
const ID_COMMENT = /^<!--\s*id:\s*([A-Za-z0-9_-]+)\s*-->$/;
/** The sub-heading of a section's example questions. */
export const QUESTIONS_HEADING = 'Questions staff ask';
const QUESTIONS = /^#{3,6}\s+questions staff ask\s*:?\s*$/i;
const SUB_HEADING = /^#{3,6}\s/;
/** An HTML comment on one line: a note to the policy owner (`- question <!-- check: ... -->`), not policy. */
const NOTE = /<!--.*?-->/g;
/** A line that is one note and nothing else. */
const COMMENT = /^<!--(?:(?!-->).)*-->$/;
const BULLET = /^\s*[-*+]\s+(.*\S)\s*$/;

/** A URL-safe id from a title: "Skype & virtual meetings" -> "skype-virtual-meetings". */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Markdown inline syntax to plain text: links keep their words, emphasis marks go. */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(.+?)\1/g, '$2')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^>\s?/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A section as read from the file, with where it stands, for the policy check. */
export interface ScannedSection extends PolicySection {
  /** The line of its heading (1-based). */
  line: number;
  /** True when the heading carries its id (`{#id}` or an id comment) rather than one made from the title. */
  explicitId: boolean;
  /** The line of each example question, in the order of `questions`. */
  questionLines: number[];
  /** The lines under its "Questions staff ask" as written, notes to the policy owner and all, for a re-import to keep. */
  questionBlock: string[];
}

/** Something wrong with the policy file, at a line when it has one. */
export interface PolicyProblem {
  line?: number;
  message: string;
}

/** The policy as read line by line: every section (even empty ones) and what could not be read. */
export interface ScannedPolicy {
  title: string;
  sections: ScannedSection[];
  problems: PolicyProblem[];
}

/** "file line 4: message", the form every policy problem is shown in. */
export function describeProblem(source: string, problem: PolicyProblem): string {
  return problem.line ? `${source} line ${problem.line}: ${problem.message}` : `${source}: ${problem.message}`;
}

/**
 * Reads the policy's Markdown line by line, keeping every section (with its line) and
 * noting each line that cannot be read rather than stopping at the first.
 */
export function scanPolicy(markdown: string): ScannedPolicy {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  const sections: ScannedSection[] = [];
  const problems: PolicyProblem[] = [];
  let current: { section: ScannedSection; lines: string[]; inQuestions: boolean } | undefined;

  const finish = () => {
    if (!current) return;
    const blocks = current.lines.join('\n').split(/\n\s*\n/);
    current.section.paragraphs = blocks.map(plain).filter((p) => p.length > 0);
    const block = current.section.questionBlock;
    while (block.length > 0 && block[block.length - 1].trim() === '') block.pop();
  };

  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      finish();
      const sectionTitle = plain(heading[1]);
      const section: ScannedSection = { id: heading[2] ?? slugify(sectionTitle), title: sectionTitle, paragraphs: [], questions: [], line: number, explicitId: heading[2] !== undefined, questionLines: [], questionBlock: [] };
      current = { section, lines: [], inQuestions: false };
      sections.push(section);
      continue;
    }
    if (!current) {
      const h1 = /^#\s+(.+)$/.exec(line);
      if (h1 && !title) title = plain(h1[1]);
      continue;
    }
    const idComment = ID_COMMENT.exec(line.trim());
    if (idComment && current.lines.every((l) => l.trim() === '')) {
      current.section.id = idComment[1];
      current.section.explicitId = true;
      continue;
    }
    if (QUESTIONS.test(line)) {
      current.inQuestions = true;
      continue;
    }
    if (current.inQuestions && !SUB_HEADING.test(line)) {
      if (current.section.questionBlock.length > 0 || line.trim() !== '') current.section.questionBlock.push(line);
      if (line.trim() === '' || COMMENT.test(line.trim())) continue;
      const bullet = BULLET.exec(line);
      if (!bullet) {
        problems.push({ line: number, message: `under "### ${QUESTIONS_HEADING}" every line is a question starting with "- "` });
        continue;
      }
      const question = plain(bullet[1].replace(NOTE, ' '));
      if (question === '') continue;
      current.section.questions.push(question);
      current.section.questionLines.push(number);
      continue;
    }
    current.inQuestions = false;
    if (COMMENT.test(line.trim())) continue;
    // A sub-heading starts its own paragraph, so it is never glued to the text above it.
    current.lines.push(SUB_HEADING.test(line) ? `\n${line.replace(/^#+\s*/, '')}\n` : line.replace(NOTE, ''));
  }
  finish();
  return { title, sections, problems };
}

/** The document a scan describes: its sections with text, under the policy's title. */
export function documentOf(scanned: ScannedPolicy): PolicyDocument {
  const sections = scanned.sections
    .filter((s) => s.paragraphs.length > 0)
    .map(({ id, title, paragraphs, questions }) => ({ id, title, paragraphs, questions }));
  return { title: scanned.title || 'Acceptable Use of ICT Assets and Social Media', sections };
}

/**
 * Parses the policy's Markdown into sections.
 * @throws PolicyFileError when there are no `##` sections or two share an id.
 */
export function parsePolicy(markdown: string, source = 'the policy'): PolicyDocument {
  const scanned = scanPolicy(markdown);
  if (scanned.problems.length > 0) throw new PolicyFileError(describeProblem(source, scanned.problems[0]));
  const document = documentOf(scanned);
  if (document.sections.length === 0) throw new PolicyFileError(`${source} has no "## " sections with text`);
  const seen = new Set<string>();
  for (const section of document.sections) {
    if (seen.has(section.id)) throw new PolicyFileError(`${source} has two sections with the id "${section.id}"; give each a unique {#id}`);
    seen.add(section.id);
  }
  return document;
}

/**
 * Reads a JSON file that helps read questions (synonyms, other topics) and checks it.
 * @param variable the setting that names the file, so the message says what to change.
 * @throws PolicyFileError naming the file, the setting and the first problem.
 */
export function readPolicyJson<T>(file: string, variable: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PolicyFileError(`cannot read ${file} (${variable}): ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new PolicyFileError(`${file} (${variable}) is not ${what}: ${problem.path.join('.')}: ${problem.message}`);
  }
  return parsed.data;
}
