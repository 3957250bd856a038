/**
 * An outlined Word document written as the policy Markdown the bot reads, with ids that
 * stay put: a re-import gives a section the id it had in the previous file when its heading
 * is unchanged (clause numbers aside) or, renamed, when its text is mostly the same, so links
 * and stored feedback keep pointing at it. Example questions added to the previous file are
 * kept for sections whose Word text has none, with the notes to the policy owner among them.
 */
import { QUESTIONS_HEADING, slugify, type PolicySection } from '../policy-document.js';
import { clauseNumbers, type Outline, type OutlineSection } from './outline.js';

/** Share of words two versions of a section must have in common to be taken as one section renamed. */
export const RENAMED_SIMILARITY = 0.5;

export interface SectionRef {
  id: string;
  title: string;
}

/** What a re-import changed against the previous file. */
export interface ImportChanges {
  added: SectionRef[];
  /** With how many example questions each had in the previous file: they go with it. */
  removed: Array<SectionRef & { questions: number }>;
  renamed: Array<{ id: string; from: string; to: string }>;
  /** Example questions taken over from the previous file. */
  keptQuestions: number;
  /** How many of those are still marked "check", naming another section that is still in the file. */
  keptToCheck: number;
}

/** A section of the file a re-import replaces, with the lines under its "Questions staff ask" as the policy owner left them. */
export type PreviousSection = PolicySection & { questionBlock: readonly string[] };

/** The sections with their ids and questions settled. */
export interface SettledSection extends OutlineSection {
  id: string;
  /**
   * The lines under "Questions staff ask" when they hold more than the questions: borrowed
   * questions with the notes on them, or the previous file's lines as the policy owner left them.
   */
  questionBlock?: readonly string[];
}

/** The note after a question marked for the policy owner to check, with the section it names. */
const CHECK_MARK = /\s*<!--\s*check:\s*#([A-Za-z0-9_-]+)(?:(?!-->).)*-->/g;

/**
 * Example questions borrowed from `from` (see suggested-questions.ts) as written under
 * "Questions staff ask": a note on where they came from, and after each one another section's
 * own text answers clearly better, a mark naming that section.
 */
export function suggestionBlock(from: string, questions: readonly string[], toCheck: ReadonlyMap<string, string>): string[] {
  const check = toCheck.size > 0 ? ' Look first at those marked "check", which another section\'s own text answers better: move each to that section if it belongs there, or delete it, and delete the mark once you have decided.' : '';
  return [
    `<!-- Suggested from ${from}: keep those your staff would ask, change or delete the rest.${check} -->`,
    '',
    ...questions.map((question) => (toCheck.has(question) ? `- ${question} <!-- check: #${toCheck.get(question)} may answer this better -->` : `- ${question}`))
  ];
}

/** The previous file's lines under "Questions staff ask", less the marks naming a section no longer in the file or the section itself; with how many marks stay. */
function keptBlock(block: readonly string[], ownId: string, ids: ReadonlySet<string>): { block: string[]; marks: number } {
  let marks = 0;
  const kept = block.map((line) =>
    line.replace(CHECK_MARK, (mark, id: string) => {
      if (id === ownId || !ids.has(id)) return '';
      marks++;
      return mark;
    })
  );
  return { block: kept, marks };
}

function words(texts: readonly string[]): Set<string> {
  return new Set(texts.join(' ').toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const all = a.size + b.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** A new id from a section's heading, its parent's heading when the name is taken, or a number. */
function freshId(section: OutlineSection, position: number, taken: Set<string>): string {
  const base = section.slug || slugify(section.title) || `section-${position + 1}`;
  const candidates = [base, section.parentSlug && `${section.parentSlug}-${base}`].filter(Boolean) as string[];
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Gives each section its id, matching the previous file's sections by heading, then by text.
 * @param previous the sections of the file being replaced, when there is one.
 */
export function settleIds(sections: readonly OutlineSection[], previous: readonly PreviousSection[] = []): { sections: SettledSection[]; changes: ImportChanges } {
  const ids: Array<string | undefined> = sections.map(() => undefined);
  const matched = new Map<number, PreviousSection>();
  const unusedPrevious = new Set(previous);
  // Both versions' headings say whether letters number them.
  const withoutNumber = clauseNumbers([...sections, ...previous].map((s) => s.title));
  const key = (title: string) => slugify(withoutNumber(title));
  sections.forEach((section, i) => {
    const same = [...unusedPrevious].find((p) => key(p.title) === key(section.title) && key(p.title) !== '');
    if (same) {
      ids[i] = same.id;
      matched.set(i, same);
      unusedPrevious.delete(same);
    }
  });
  const renamed: ImportChanges['renamed'] = [];
  const pairs: Array<{ i: number; p: PreviousSection; score: number }> = [];
  sections.forEach((section, i) => {
    if (ids[i]) return;
    const mine = words(section.paragraphs);
    for (const p of unusedPrevious) {
      const score = similarity(mine, words(p.paragraphs));
      if (score >= RENAMED_SIMILARITY) pairs.push({ i, p, score });
    }
  });
  for (const { i, p } of pairs.sort((a, b) => b.score - a.score)) {
    if (ids[i] || !unusedPrevious.has(p)) continue;
    ids[i] = p.id;
    matched.set(i, p);
    unusedPrevious.delete(p);
    renamed.push({ id: p.id, from: p.title, to: sections[i].title });
  }
  const taken = new Set([...ids.filter((id): id is string => id !== undefined), ...previous.map((p) => p.id)]);
  const added: SectionRef[] = [];
  const settledIds = ids.map((id, i) => {
    if (id) return id;
    const fresh = freshId(sections[i], i, taken);
    taken.add(fresh);
    if (previous.length > 0) added.push({ id: fresh, title: sections[i].title });
    return fresh;
  });
  const inFile = new Set(settledIds);
  let keptQuestions = 0;
  let keptToCheck = 0;
  const settled = sections.map((section, i): SettledSection => {
    const id = settledIds[i];
    const before = matched.get(i);
    if (section.questions.length > 0 || !before) return { ...section, id };
    keptQuestions += before.questions.length;
    const kept = keptBlock(before.questionBlock, id, inFile);
    keptToCheck += kept.marks;
    return { ...section, id, questions: before.questions, questionBlock: kept.block };
  });
  const removed = [...unusedPrevious].map((p) => ({ id: p.id, title: p.title, questions: p.questions.length }));
  return { sections: settled, changes: { added, removed, renamed, keptQuestions, keptToCheck } };
}

/** The policy Markdown for an imported document. */
export function policyMarkdown(outline: Outline, sections: readonly SettledSection[], sourceName: string): string {
  const lines: string[] = [`# ${outline.title ?? 'Acceptable Use of ICT'}`, ''];
  lines.push(`<!-- Imported from ${sourceName} by "npm run -s policy:import". Change the Word document and import it again (with --force): sections keep their {#id}s. -->`, '');
  for (const paragraph of outline.intro) lines.push(paragraph, '');
  for (const section of sections) {
    lines.push(`## ${section.title} {#${section.id}}`, '');
    for (const paragraph of section.paragraphs) lines.push(paragraph, '');
    if (section.questions.length > 0) {
      lines.push(`### ${QUESTIONS_HEADING}`, '', ...(section.questionBlock ?? section.questions.map((question) => `- ${question}`)));
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
