/**
 * Example questions for a policy imported from Word, borrowed from a policy that has them
 * (the sample). Retrieval leans on the questions staff ask; a council's Word policy rarely
 * lists any, while its sections cover the same ground as the sample's in other words. Each
 * imported section without questions of its own takes those of a sample section that
 * answers it when its own heading and text are put as a question, each sample section
 * lent to one imported section, or shared question by question among the sections that
 * split its subject; the questions of a sample section that no section took go one by one
 * to the sections whose text answers them, for a policy that merges subjects the sample keeps
 * apart. No question is lent twice.
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
  /** The reference sections whose questions it takes, with how many of each. */
  from: Array<{ id: string; title: string; questions: number }>;
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
 * ({@link shareQuestions}). A reference section that went to no section lends its questions
 * one by one, each to the section whose own text answers it best, if that one has no
 * questions of its own and took some above: where a council merges subjects the sample keeps
 * apart (webmail, blocked sites and security warnings in one section on e-mail and the
 * internet), the merged section gets questions on each.
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
  // lent.get(i).get(j): the questions of reference section j lent to imported section i.
  const lent = new Map<number, Map<number, string[]>>();
  const lend = (i: number, j: number, questions: readonly string[]) => {
    if (questions.length === 0) return;
    const from = lent.get(i) ?? new Map<number, string[]>();
    from.set(j, [...(from.get(j) ?? []), ...questions]);
    lent.set(i, from);
  };
  const leftOver = lenders.map((_, j) => j).filter((j) => !holders.has(j));
  const ownText = leftOver.length > 0 || [...holders.values()].some((h) => h.length > 1) ? await reference.textIndex({ title: '', sections: [...sections] }) : undefined;
  for (const [j, holding] of holders) {
    const shares = holding.length > 1 ? await shareQuestions(lenders[j].questions, holding.map((i) => sections[i].id), ownText!) : [[...lenders[j].questions]];
    holding.forEach((i, k) => lend(i, j, shares[k]));
  }
  // Only a section that covers some of the reference's ground takes them: a section on the staff car park takes none.
  const covered = new Set(lent.keys());
  for (const j of leftOver) {
    for (const question of lenders[j].questions) {
      const score = await ownScores(question, ownText!);
      const scoreOf = (i: number) => score.get(sections[i].id) ?? 0;
      const best = sections.reduce((b, _, i) => (scoreOf(i) > scoreOf(b) ? i : b), 0);
      if (scoreOf(best) > 0 && covered.has(best) && sections[best].questions.length === 0) lend(best, j, [question]);
    }
  }
  return [...lent]
    .filter(([i]) => sections[i].questions.length === 0)
    .sort(([a], [b]) => a - b)
    .map(([i, from]) => ({
      sectionId: sections[i].id,
      from: [...from].map(([j, questions]) => ({ id: lenders[j].id, title: lenders[j].title, questions: questions.length })),
      questions: [...from.values()].flat()
    }));
}

/** Each label's score for a question by the imported policy's own text (`ownText`, its text without questions). */
async function ownScores(question: string, ownText: PolicyIndex): Promise<Map<string, number>> {
  return new Map((await ownText.signals(question)).map((label) => [label.id, combine(label.signals)]));
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
    const score = await ownScores(question, ownText);
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
