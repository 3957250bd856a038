/**
 * The policy import: a Word document in, the policy Markdown out, with a short report of
 * the sections found and what needs a look. Pure apart from reading the document's bytes;
 * the command-line tool decides where the Markdown goes.
 */
import { checkPolicyText } from '../policy-check.js';
import { scanPolicy } from '../policy-document.js';
import { LONG_SECTION_WORDS, outline, wordCount, type Outline } from './outline.js';
import type { PolicyIndex } from '../retrieval.js';
import { policyMarkdown, settleIds, suggestionBlock, type ImportChanges, type SettledSection } from './policy-markdown.js';
import { suggestQuestions, type SuggestedQuestions } from './suggested-questions.js';
import { wordBlocks } from './word-blocks.js';
import { readWordFile, WordFileError } from './word-file.js';

export interface ImportOptions {
  /** The document's file name, for messages and the note at the top of the Markdown. */
  sourceName: string;
  /** Cut sections at this heading level instead of the one the import chooses. */
  level?: number;
  /** The Markdown the import replaces, whose ids are kept. */
  previousMarkdown?: string;
  /** A policy with example questions (the sample) to suggest questions from, for sections with none. */
  questionsFrom?: { index: PolicyIndex; name: string };
}

export interface PolicyImport {
  markdown: string;
  outline: Outline;
  sections: SettledSection[];
  /** Against the previous file; absent on a first import. */
  changes?: ImportChanges;
  /** Chosen by the import, or given with --level. */
  levelChosen: boolean;
  /** Example questions borrowed for sections with none, and where from. */
  suggested: SuggestedQuestions[];
  /** The policy they were borrowed from. */
  suggestedFrom?: string;
  warnings: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const listed = (items: readonly string[]) => new Intl.ListFormat('en-GB').format(items);
/** The first words of a text, to show which text a warning means. */
function excerpt(text: string, words = 8): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')} …`;
}

function warningsFor(document: Outline, sections: readonly SettledSection[], content: { images: number; comments: number; unknownStyles: string[] }): string[] {
  const warnings: string[] = [];
  const introWords = wordCount(document.intro.join(' '));
  if (introWords > 0) warnings.push(`${plural(introWords, 'word')} of text come before the first heading and are in no section, so the bot will not answer from them: put them under a heading if they are policy.`);
  for (const title of document.emptySections) warnings.push(`"${title}" has no text under it and was left out.`);
  for (const { title, text } of document.partIntroductions) {
    warnings.push(`the opening text of "${title}" (${plural(wordCount(text), 'word')} above its first section: "${excerpt(text)}") only introduces its sections, so it was left out and the bot will not answer from it: move any rule it states into one of them.`);
  }
  if (document.blankHeadings > 0) warnings.push(`${plural(document.blankHeadings, 'heading')} with no words in ${document.blankHeadings === 1 ? 'it was' : 'them were'} ignored.`);
  for (const section of sections) {
    if (section.words > LONG_SECTION_WORDS) {
      warnings.push(`"${section.title}" is ${section.words} words, too long to quote whole (over ${LONG_SECTION_WORDS}): split it with sub-headings in Word${document.level < 6 ? `, or import with --level ${document.level + 1} if it has them` : ''}.`);
    }
  }
  // Retrieval leans on example questions; without any, far fewer questions clear the answer threshold.
  const without = sections.filter((s) => s.questions.length === 0);
  if (sections.length > 0 && without.length === sections.length) {
    warnings.push('no section has example questions, so the bot will offer the closest sections more often than it answers: add a "Questions staff ask" sub-heading with the questions staff ask to each section, in Word or in the Markdown.');
  } else if (without.length > 0) {
    warnings.push(`${plural(without.length, 'section')} without example questions (${without.map((s) => s.id).join(', ')}): add the questions staff ask under "Questions staff ask", in Word or in the Markdown.`);
  }
  if (content.images > 0) warnings.push(`${plural(content.images, 'image')} left out: the bot answers in words, so write any rule a picture shows as text.`);
  if (content.comments > 0) warnings.push(`${plural(content.comments, 'comment')} left out: comments are not policy; resolve them in Word.`);
  if (content.unknownStyles.length > 0) warnings.push(`read as ordinary text, in styles Word's headings do not use: ${content.unknownStyles.map((s) => `"${s}"`).join(', ')}. If any of these is a heading, give it a Heading style in Word.`);
  return warnings;
}

/**
 * Imports a Word document.
 * @throws WordFileError when the file is not a readable .docx, or has no headings to cut it at.
 */
export async function importWordPolicy(bytes: Buffer, options: ImportOptions): Promise<PolicyImport> {
  const content = await readWordFile(bytes, options.sourceName);
  const blocks = wordBlocks(content.html);
  const document = outline(blocks, options.level);
  if (document.levels.length === 0) {
    throw new WordFileError(`${options.sourceName} has no headings to divide it into sections: in Word, give each section's heading a Heading style (Heading 1, Heading 2...), save it and import it again.`);
  }
  if (options.level !== undefined && !document.levels.some((l) => l.level === options.level)) {
    throw new WordFileError(`${options.sourceName} has no headings at level ${options.level}: it uses ${document.levels.map((l) => `level ${l.level}`).join(', ')}.`);
  }
  const previous = options.previousMarkdown === undefined ? undefined : scanPolicy(options.previousMarkdown).sections.filter((s) => s.paragraphs.length > 0);
  const settled = settleIds(document.sections, previous);
  const changes = settled.changes;
  if (settled.sections.length === 0) throw new WordFileError(`${options.sourceName} has headings but no text under them: nothing to answer from.`);
  const suggested = options.questionsFrom ? await suggestQuestions(settled.sections, options.questionsFrom.index) : [];
  const suggestedBy = new Map(suggested.map((s) => [s.sectionId, s]));
  const sections = settled.sections.map((s) => {
    const suggestion = suggestedBy.get(s.id);
    if (!suggestion) return s;
    const from = listed(suggestion.from.map((f) => `"${f.title}"`));
    return { ...s, questions: suggestion.questions, questionBlock: suggestionBlock(`${options.questionsFrom!.name}'s ${from}`, suggestion.questions, suggestion.toCheck) };
  });
  const markdown = policyMarkdown(document, sections, options.sourceName);
  const problems = checkPolicyText(markdown).problems;
  // The Markdown is written by the import itself; a problem here is the import's fault, so say so plainly.
  if (problems.length > 0) throw new Error(`the imported policy does not pass its own check: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  return {
    markdown,
    outline: document,
    sections,
    changes: previous && changes,
    levelChosen: options.level === undefined,
    suggested,
    suggestedFrom: options.questionsFrom?.name,
    warnings: warningsFor(document, sections, content)
  };
}

/** The import's short report: sections with word counts, changes since the previous file, warnings. */
export function importReport(result: PolicyImport, from: string, to: string): string {
  const { outline: document, sections, changes, warnings } = result;
  const others = document.levels.filter((l) => l.level !== document.level).map((l) => `level ${l.level} would give ${l.sections}`);
  const how = result.levelChosen ? 'chosen' : 'as asked';
  const lines = [`${from} -> ${to}`, `${plural(sections.length, 'section')} at heading level ${document.level} (${how}${others.length ? `; ${others.join(', ')}` : ''}):`];
  const idWidth = Math.max(...sections.map((s) => s.id.length));
  const titleWidth = Math.min(48, Math.max(...sections.map((s) => s.title.length)));
  for (const s of sections) {
    const title = s.title.length > titleWidth ? `${s.title.slice(0, titleWidth - 1)}\u2026` : s.title;
    const questions = s.questions.length > 0 ? `, ${plural(s.questions.length, 'example question')}` : '';
    lines.push(`  ${s.id.padEnd(idWidth)}  ${title.padEnd(titleWidth)}  ${String(s.words).padStart(4)} words${questions}`);
  }
  if (changes) {
    const total = changes.added.length + changes.removed.length + changes.renamed.length;
    lines.push(total === 0 ? 'Since the previous import: the same sections, ids kept.' : `Since the previous import: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.renamed.length} renamed (ids kept for all others):`);
    for (const s of changes.added) lines.push(`  added    ${s.id}  "${s.title}"`);
    for (const s of changes.removed) {
      const questions = s.questions > 0 ? `, and its ${plural(s.questions, 'example question')} are not in the new file` : '';
      lines.push(`  removed  ${s.id}  "${s.title}" (links to #${s.id} and its stored feedback now find no section${questions})`);
    }
    for (const s of changes.renamed) lines.push(`  renamed  ${s.id}  "${s.from}" -> "${s.to}" (id kept)`);
    if (changes.keptQuestions > 0) {
      const marked = changes.keptToCheck > 0 ? `, ${changes.keptToCheck} of them still marked "check"` : '';
      lines.push(`  ${plural(changes.keptQuestions, 'example question')} kept from the previous file${marked}`);
    }
  }
  if (result.suggested.length > 0) {
    lines.push(`Example questions suggested from ${result.suggestedFrom} for ${plural(result.suggested.length, 'section')} (keep those your staff would ask, change or delete the rest):`);
    for (const s of result.suggested) {
      const check = s.toCheck.size > 0 ? `; ${s.toCheck.size} to check` : '';
      lines.push(`  ${s.sectionId.padEnd(idWidth)}  <- ${s.from.map((f) => `"${f.title}" (${f.questions})`).join(', ')}${check}`);
    }
    const toCheck = result.suggested.reduce((n, s) => n + s.toCheck.size, 0);
    if (toCheck > 0) {
      lines.push(`  ${toCheck} of them ${toCheck === 1 ? 'is' : 'are'} marked "check" in the file, each naming the section whose own text answers it better: look at these first, and move or delete those that belong there.`);
    }
  }
  lines.push(warnings.length === 0 ? 'No warnings.' : `${plural(warnings.length, 'warning')}:`);
  for (const warning of warnings) lines.push(`  - ${warning}`);
  return `${lines.join('\n')}\n`;
}
