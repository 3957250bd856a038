/**
 * A Word document's blocks cut into the policy's sections: one per heading at the level
 * that splits the document best (or the level asked for). Deeper headings stay inside
 * their section as sub-headings; a shallower heading with text of its own is a section
 * too, and one without is only a divider, as is one whose few words only introduce the
 * sections under it ("This part covers ..."). A sub-heading "Questions staff ask" holds the
 * section's example questions, as in the Markdown.
 */
import { slugify } from '../policy-document.js';
import type { WordBlock } from './word-blocks.js';

/** A section shorter than this (in words) is too thin to answer from. */
export const SHORT_SECTION_WORDS = 15;
/** A section longer than this (in words) is too long to quote: the answer card shows only part of it. */
export const LONG_SECTION_WORDS = 400;
/**
 * A shallower heading's text shorter than this (in words), followed by sections under it,
 * introduces them ("Part B deals with the laptops ... we lend you"): as a section of its own
 * it would only name their subjects, drawing questions they answer.
 */
export const PART_INTRODUCTION_WORDS = 50;
/** Up to this many words the answer card quotes a section nearly whole: the size sections are best at. */
const QUOTABLE_SECTION_WORDS = 250;

const QUESTIONS_SUB_HEADING = /^questions staff ask\s*:?$/i;
/** A clause number typed before a heading: "4.", "4.2", "Section 4:", "Part 2 -". */
const CLAUSE_NUMBER = /^(?:(?:section|clause|part|chapter)\s+)?\d+(?:\.\d+)*[.):]?\s*[-\u2013\u2014]?\s+/i;
/**
 * A lettered one: "B.", "(b)", "B1", "B1.2", "Part B -", "IV.". Counted as a clause number only when
 * more than one heading of the document has one ({@link clauseNumbers}), so "O2 contracts" or
 * "M365 accounts" alone keep their first word, and so does "A guide to ...".
 */
const LETTERED_CLAUSE = /^(?:(?:[Ss]ection|[Cc]lause|[Pp]art|[Cc]hapter)\s+[A-Z]\d*(?:\.\d+)*\s*[-\u2013\u2014:.]|[A-Z]\d{1,2}(?:\.\d+)*[.):]?|\(?(?:[IVX]{1,4}|[ivx]{1,4}|[A-Za-z])[.)])\s*[-\u2013\u2014]?\s+/;
const LIST_MARK = /^\s*(?:-|\d+\.)\s+/;

export interface OutlineSection {
  /** The heading as written, clause number and all. */
  title: string;
  /** An id made from the heading without its clause number; "" when the heading has no words. */
  slug: string;
  /** The heading above it, when it is a sub-section: what tells apart two sections of one name. */
  parentSlug: string;
  /** Markdown paragraphs; sub-headings as "### ...". */
  paragraphs: string[];
  questions: string[];
  words: number;
}

export interface Outline {
  title?: string;
  /** The heading level each section starts at. */
  level: number;
  /** How many sections each heading level in the document would give. */
  levels: Array<{ level: number; sections: number }>;
  /** Text before the first section's heading: not in any section. */
  intro: string[];
  /** Shallower headings whose short text only introduces the sections under them: the heading and the text left out. */
  partIntroductions: Array<{ title: string; text: string }>;
  sections: OutlineSection[];
  /** Headings at the section level with no text under them, left out. */
  emptySections: string[];
  /** Headings with no words in them (an empty Heading paragraph, a number alone). */
  blankHeadings: number;
}

/**
 * What takes the clause number off a heading, for the headings of one document (or of two
 * versions of it, compared): numbers always, letters when more than one heading is lettered.
 */
export function clauseNumbers(headings: readonly string[]): (heading: string) => string {
  const lettered = headings.filter((h) => LETTERED_CLAUSE.test(h)).length > 1;
  return (heading) => {
    const numbered = heading.replace(CLAUSE_NUMBER, '');
    return (lettered && numbered === heading ? heading.replace(LETTERED_CLAUSE, '') : numbered).trim();
  };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

/** The document's title (a Title-styled paragraph, or a single top heading before any text), and the blocks after it. */
function takeTitle(blocks: WordBlock[]): { title?: string; rest: WordBlock[] } {
  const styled = blocks.findIndex((b) => b.kind === 'heading' && b.isTitle);
  if (styled >= 0) {
    const title = (blocks[styled] as { text: string }).text;
    return { title, rest: blocks.filter((_, i) => i !== styled) };
  }
  const headings = blocks.filter((b): b is Extract<WordBlock, { kind: 'heading' }> => b.kind === 'heading' && b.text !== '');
  const first = headings[0];
  const top = first && headings.filter((h) => h.level <= first.level).length === 1 && blocks[0] === first;
  return top ? { title: first.text, rest: blocks.slice(1) } : { rest: blocks };
}

/** Cuts blocks into sections at `level`. */
function cut(blocks: WordBlock[], level: number): Omit<Outline, 'title' | 'levels'> {
  const withoutNumber = clauseNumbers(blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])));
  const intro: string[] = [];
  const sections: OutlineSection[] = [];
  const emptySections: string[] = [];
  const partIntroductions: Outline['partIntroductions'] = [];
  // A shallower heading's few words of plain text (no sub-heading, no questions) just above its first section.
  const introduces = (part: NonNullable<typeof current>, next: { level: number }) =>
    part.level < level && next.level > part.level && part.words > 0 && part.words < PART_INTRODUCTION_WORDS &&
    part.questions.length === 0 && !part.paragraphs.some((p) => p.startsWith('### '));
  let blankHeadings = 0;
  let current: (OutlineSection & { level: number; inQuestions: boolean }) | undefined;
  const parents: string[] = [];
  const close = () => {
    if (!current) return;
    if (current.words > 0) sections.push({ title: current.title, slug: current.slug, parentSlug: current.parentSlug, paragraphs: current.paragraphs, questions: current.questions, words: current.words });
    else if (current.level === level) emptySections.push(current.title || '(a heading with no words)');
    current = undefined;
  };
  for (const block of blocks) {
    if (block.kind === 'heading') {
      if (block.text === '') {
        blankHeadings++;
        continue;
      }
      // "Questions staff ask" belongs to the section above it, whatever its level.
      const questions = QUESTIONS_SUB_HEADING.test(block.text);
      if (block.level <= level && !(questions && current)) {
        if (current && introduces(current, block)) {
          partIntroductions.push({ title: current.title, text: current.paragraphs.join(' ') });
          current = undefined;
        }
        close();
        const slug = slugify(withoutNumber(block.text));
        parents.length = block.level;
        current = { title: block.text, slug, parentSlug: parents.slice(0, block.level - 1).filter(Boolean).pop() ?? '', paragraphs: [], questions: [], words: 0, level: block.level, inQuestions: false };
        parents[block.level - 1] = slug;
      } else if (current) {
        current.inQuestions = questions;
        if (!current.inQuestions) current.paragraphs.push(`### ${block.text}`);
      } else {
        intro.push(block.text);
      }
      continue;
    }
    if (!current) {
      intro.push(block.markdown);
    } else if (current.inQuestions && LIST_MARK.test(block.markdown)) {
      current.questions.push(block.markdown.replace(LIST_MARK, '').trim());
    } else {
      current.inQuestions = false;
      current.paragraphs.push(block.markdown);
      current.words += wordCount(block.markdown);
    }
  }
  close();
  return { level, intro, sections, emptySections, partIntroductions, blankHeadings };
}

/**
 * How well a cut splits the document: the words that fall in sections neither too thin nor
 * too long to quote, those in sections the card can only quote part of counting half.
 */
function fit(outline: Omit<Outline, 'title' | 'levels'>): number {
  let words = 0;
  for (const { words: n } of outline.sections) {
    if (n < SHORT_SECTION_WORDS || n > LONG_SECTION_WORDS) continue;
    words += n <= QUOTABLE_SECTION_WORDS ? n : n / 2;
  }
  return words;
}

/**
 * Cuts a document into sections. Without `level`, tries every heading level the document
 * uses and keeps the one that puts the most text in sections of a quotable size ({@link fit};
 * the shallower on a tie).
 */
export function outline(blocks: WordBlock[], level?: number): Outline {
  const { title, rest } = takeTitle(blocks);
  const used = [...new Set(rest.flatMap((b) => (b.kind === 'heading' && b.text !== '' && !QUESTIONS_SUB_HEADING.test(b.text) ? [b.level] : [])))].sort((a, b) => a - b);
  const cuts = used.map((l) => cut(rest, l));
  const levels = cuts.map((c) => ({ level: c.level, sections: c.sections.length }));
  if (level !== undefined) return { title, levels, ...cut(rest, level) };
  if (cuts.length === 0) return { title, levels, ...cut(rest, 2) };
  let best = cuts[0];
  for (const candidate of cuts.slice(1)) if (fit(candidate) > fit(best)) best = candidate;
  return { title, levels, ...best };
}
