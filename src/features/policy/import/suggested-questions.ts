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
import munkres from 'munkres';
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
 * The score a pair must clear for a reference section's questions to be lent. A whole section put
 * as a question spreads over many more words than a staff message does, so its matches
 * score lower than a message's; this is below the bar for answering staff, and the policy
 * owner reviews what is lent.
 */
const LENDING_FLOOR = 0.3;

/**
 * The questions to suggest, in the order of the sections. Each imported section and each
 * reference section is paired once at most, from the three reference sections closest to
 * each imported one, choosing the pairs that fit best taken together ({@link lendingPairs}):
 * a section whose best match another section needs more gets its next, so a policy that
 * splits a subject over two sections still gets questions for both where the reference has
 * them. Sections that already have example questions (from Word, or kept from the previous
 * import) take none, but still hold the reference section they fit, so its questions are not
 * lent to a section that fits worse.
 */
export async function suggestQuestions(sections: readonly SettledSection[], reference: PolicyIndex): Promise<SuggestedQuestions[]> {
  const lenders = reference.document.sections.filter((s) => s.questions.length > 0);
  // fit[i][j]: how well imported section i and reference section j match, 0 when j is not among the three closest to i.
  const fit: number[][] = [];
  for (const section of sections) {
    // The classifier is fitted on questions, and a whole section is far from one: it stays out.
    const verdict = await reference.answer([section.title, ...section.paragraphs].join('\n'), { classifierShare: 0 });
    const close = new Map(verdict.otherTopic ? [] : verdict.closest.map((m) => [m.sectionId, m.score]));
    fit.push(lenders.map((lender) => close.get(lender.id) ?? 0));
  }
  return lendingPairs(fit)
    .filter(([i]) => sections[i].questions.length === 0)
    .sort(([a], [b]) => a - b)
    .map(([i, j]) => ({ sectionId: sections[i].id, from: { id: lenders[j].id, title: lenders[j].title }, questions: [...lenders[j].questions] }));
}

/**
 * The pairs [imported, reference] that fit best taken together (an optimal assignment), given
 * each pair's score; a pair must score above {@link LENDING_FLOOR}. A pair counts by how far
 * its score clears the floor, not by the whole score: otherwise a section that barely fits
 * anything (document control, say) could take a reference section from the section it
 * clearly belongs to, pushing that one onto its second choice, because three middling pairs
 * add up to more than two good ones.
 */
export function lendingPairs(fit: ReadonlyArray<readonly number[]>): Array<[number, number]> {
  const clears = (score: number) => Math.max(0, score - LENDING_FLOOR);
  return munkres(fit.map((row) => row.map((score) => -clears(score)))).filter(([i, j]) => clears(fit[i][j]) > 0);
}
