/**
 * Example questions for a policy imported from Word, borrowed from a policy that has them
 * (the sample). Retrieval leans on the questions staff ask; a council's Word policy rarely
 * lists any, while its sections cover the same ground as the sample's in other words. Each
 * imported section without questions of its own takes those of a sample section that
 * answers it when its own heading and text are put as a question, each sample section
 * lent to one imported section only.
 * The questions go into the Markdown under a note naming where they came from, for the
 * policy owner to keep, edit or delete.
 */
import type { PolicyIndex } from '../retrieval.js';
import type { SettledSection } from './policy-markdown.js';

export interface SuggestedQuestions {
  /** The imported section. */
  sectionId: string;
  /** The reference section whose questions it takes. */
  from: { id: string; title: string };
  questions: string[];
}

/**
 * The least score at which a reference section's questions are lent. A whole section put
 * as a question spreads over many more words than a staff message does, so its matches
 * score lower than a message's; this is below the bar for answering staff, and the policy
 * owner reviews what is lent.
 */
const LENDING_FLOOR = 0.3;

/**
 * The questions to suggest, in the order of the sections. Sections that already have
 * example questions (from Word, or kept from the previous import) are left alone. Each
 * imported section and each reference section is paired once, closest pairs first, from
 * the three reference sections closest to each imported one: a section whose best match is
 * taken by a section it fits better gets its next, so a policy that splits a subject over
 * two sections still gets questions for both where the reference has them.
 */
export function suggestQuestions(sections: readonly SettledSection[], reference: PolicyIndex): SuggestedQuestions[] {
  const pairs = sections.flatMap((section, order) => {
    if (section.questions.length > 0) return [];
    const verdict = reference.answer([section.title, ...section.paragraphs].join('\n'));
    if (verdict.otherTopic) return [];
    return verdict.closest.filter((match) => match.score >= LENDING_FLOOR).map((match) => ({ section, order, match }));
  });
  pairs.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  const chosen: Array<{ order: number; suggestion: SuggestedQuestions }> = [];
  const given = new Set<string>();
  const lent = new Set<string>();
  for (const { section, order, match } of pairs) {
    const questions = reference.section(match.sectionId)?.questions ?? [];
    if (given.has(section.id) || lent.has(match.sectionId) || questions.length === 0) continue;
    given.add(section.id);
    lent.add(match.sectionId);
    chosen.push({ order, suggestion: { sectionId: section.id, from: { id: match.sectionId, title: match.sectionTitle }, questions: [...questions] } });
  }
  return chosen.sort((a, b) => a.order - b.order).map((c) => c.suggestion);
}
