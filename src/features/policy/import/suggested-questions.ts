/**
 * Example questions for a policy imported from Word, borrowed from a policy that has them
 * (the sample). Retrieval leans on the questions staff ask; a council's Word policy rarely
 * lists any, while its sections cover the same ground as the sample's in other words. Each
 * imported section without questions of its own takes those of a sample section that
 * answers it when its own heading and text are put as a question, each sample section
 * lent to one imported section, or shared question by question among the sections that
 * split its subject; no question is lent twice.
 * The questions go into the Markdown under a note naming where they came from, for the
 * policy owner to keep, edit or delete.
 */
import munkres from 'munkres';
import type { PolicyIndex } from '../retrieval.js';
import { combine } from '../verdict.js';
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
 * lent to a section that fits worse. A section left without a pair shares the questions of
 * the reference section closest to it with the section that reference section went to
 * ({@link shareQuestions}).
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
  const pairs = lendingPairs(fit);
  // Each reference section's share-holders: the imported section it is paired with, then the unpaired sections without questions it is closest to.
  const holders = new Map(pairs.map(([i, j]) => [j, [i]]));
  sections.forEach((section, i) => {
    if (section.questions.length > 0 || pairs.some(([paired]) => paired === i)) return;
    const closest = fit[i].indexOf(Math.max(...fit[i]));
    if (fit[i][closest] > LENDING_FLOOR) holders.get(closest)?.push(i);
  });
  const lent = new Map<number, { from: number; questions: string[] }>();
  const ownText = [...holders.values()].some((h) => h.length > 1) ? await reference.textIndex({ title: '', sections: [...sections] }) : undefined;
  for (const [j, holding] of holders) {
    const shares = holding.length > 1 ? await shareQuestions(lenders[j].questions, holding.map((i) => sections[i].id), ownText!) : [[...lenders[j].questions]];
    holding.forEach((i, k) => {
      if (shares[k].length > 0) lent.set(i, { from: j, questions: shares[k] });
    });
  }
  return [...lent]
    .filter(([i]) => sections[i].questions.length === 0)
    .sort(([a], [b]) => a - b)
    .map(([i, { from, questions }]) => ({ sectionId: sections[i].id, from: { id: lenders[from].id, title: lenders[from].title }, questions }));
}

/**
 * A reference section's questions shared among the imported sections that hold it (the one
 * it is paired with first): each question goes to the section whose own text answers it best
 * (`ownText`, the imported policy's text without questions), the first on a tie. So where the
 * reference keeps in one section what the imported policy splits in two (social media
 * against its official accounts and its staff's own; looking after devices against reporting
 * their loss), each part gets the questions that ask about it, rather than one getting them
 * all and the other none.
 */
async function shareQuestions(questions: readonly string[], holders: readonly string[], ownText: PolicyIndex): Promise<string[][]> {
  const shares = holders.map((): string[] => []);
  for (const question of questions) {
    const score = new Map((await ownText.signals(question)).map((label) => [label.id, combine(label.signals)]));
    const scores = holders.map((id) => score.get(id) ?? 0);
    shares[scores.indexOf(Math.max(...scores))].push(question);
  }
  return shares;
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
