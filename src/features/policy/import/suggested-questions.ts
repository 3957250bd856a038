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
 * policy owner to keep, edit or delete; those another section's own text answers clearly
 * better are marked for the owner to look at first ({@link CHECK_MARGIN}).
 */
import munkres from 'munkres';
import type { PolicyIndex } from '../retrieval.js';
import { ANSWER_THRESHOLD, combine, judge } from '../verdict.js';
import type { SettledSection } from './policy-markdown.js';

export interface SuggestedQuestions {
  /** The imported section. */
  sectionId: string;
  /** The reference sections whose questions it takes, with how many of each. */
  from: Array<{ id: string; title: string; questions: number }>;
  questions: string[];
  /**
   * The lent questions another section's own text answers clearly better, with that section's id:
   * the policy owner checks these first (move or delete), since they are the likeliest to be in
   * the wrong place.
   */
  toCheck: Map<string, string>;
}

/**
 * The score a pair must clear for a reference section's questions to be lent. A whole section put
 * as a question spreads over many more words than a staff message does, so its matches
 * score lower than a message's; this is below the bar for answering staff, and the policy
 * owner reviews what is lent.
 */
const LENDING_FLOOR = 0.3;

/**
 * How much a pair's score gains from the reference section's questions that the imported
 * section's own text answers best: by this much times their share of the reference section's
 * questions. Judged on the fourteenth policy (see the README).
 */
const VOTE_WEIGHT = 0.2;

/**
 * How much better another section's own text must answer a lent question than the text of the
 * section it went to for the question to be marked for the policy owner to check. On the
 * imported policies, deleting every question so marked unread changed little either way (see
 * the README), so they are marked for a person to decide, not dropped.
 */
export const CHECK_MARGIN = 0.15;

/**
 * The questions to suggest, in the order of the sections. Each imported section and each
 * reference section is paired once at most, from the three reference sections closest to
 * each imported one, choosing the pairs that fit best taken together ({@link lendingPairs}):
 * a section whose best match another section needs more gets its next, so a policy that
 * splits a subject over two sections still gets questions for both where the reference has
 * them. A pair fits better the more of the reference section's questions the imported
 * section's own text answers best ({@link VOTE_WEIGHT}), so an introduction that names every
 * subject does not take a subject's questions from the section on it. Sections that already
 * have example questions (from Word, or kept from the previous import) take none, but still
 * hold the reference section they fit, so its questions are not lent to a section that fits
 * worse. A section left without a pair shares the questions of the reference section closest
 * to it with the section that reference section went to, each question to whichever of them
 * answers it best. A reference section that went to no section lends its questions one by
 * one, each to the section whose own text answers it best, if that one has no questions of
 * its own, took some above, is related to the reference section as a pair must be and would
 * answer the question from its own text: where a council merges subjects the sample keeps apart
 * (webmail, blocked sites and security warnings in one section on e-mail and the internet),
 * the merged section gets questions on each.
 */
export async function suggestQuestions(sections: readonly SettledSection[], reference: PolicyIndex): Promise<SuggestedQuestions[]> {
  const lenders = reference.document.sections.filter((s) => s.questions.length > 0);
  // own[j][k]: each imported section's score for reference section j's question k by its own text (the imported policy without questions).
  const ownText = await reference.textIndex({ title: '', sections: [...sections] });
  const own: Array<Array<Map<string, number>>> = [];
  for (const lender of lenders) {
    const scores = [];
    for (const question of lender.questions) scores.push(new Map((await ownText.signals(question)).map((label) => [label.id, combine(label.signals)])));
    own.push(scores);
  }
  const scoreOf = (scores: ReadonlyMap<string, number>, i: number) => scores.get(sections[i].id) ?? 0;
  // The section among `candidates` (all of them by default) whose own text scores the question highest, the first on a tie.
  const everySection = [...sections.keys()];
  const first = (scores: ReadonlyMap<string, number>, candidates: readonly number[] = everySection) =>
    candidates.reduce((best, i) => (scoreOf(scores, i) > scoreOf(scores, best) ? i : best));

  // related[i][j]: reference section j's score when imported section i's heading and text are asked of the reference;
  // fit[i][j]: the same, 0 when j is not among the three closest to i.
  const related: number[][] = [];
  const fit: number[][] = [];
  for (const section of sections) {
    const signals = await reference.signals([section.title, ...section.paragraphs].join('\n'));
    const score = new Map(signals.map((label) => [label.id, combine(label.signals)]));
    related.push(lenders.map((lender) => score.get(lender.id) ?? 0));
    // The classifier is fitted on questions, and a whole section is far from one: it stays out.
    const verdict = judge(signals, { classifierShare: 0 });
    const close = new Map(verdict.otherTopic ? [] : verdict.closest.map((m) => [m.id, m.score]));
    fit.push(lenders.map((lender) => close.get(lender.id) ?? 0));
  }
  own.forEach((scores, j) => {
    for (const score of scores) {
      const i = first(score);
      if (fit[i][j] > 0) fit[i][j] += VOTE_WEIGHT / scores.length;
    }
  });
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
  // toCheck.get(i): the questions lent to imported section i that another section's own text answers clearly better, with that section.
  const toCheck = new Map<number, Map<string, string>>();
  const lend = (i: number, j: number, k: number) => {
    const question = lenders[j].questions[k];
    const from = lent.get(i) ?? new Map<number, string[]>();
    from.set(j, [...(from.get(j) ?? []), question]);
    lent.set(i, from);
    const best = first(own[j][k]);
    if (scoreOf(own[j][k], best) - scoreOf(own[j][k], i) > CHECK_MARGIN) {
      toCheck.set(i, (toCheck.get(i) ?? new Map<string, string>()).set(question, sections[best].id));
    }
  };
  for (const [j, holding] of holders) {
    // Shared among the holders, each question to the one whose own text answers it best, the first on a tie.
    lenders[j].questions.forEach((_, k) => lend(first(own[j][k], holding), j, k));
  }
  // The rest go only to a section that covers some of the reference's ground (a section on the staff car park takes
  // none), is related to the reference section as a pair must be and answers the question from its own text (a
  // document on webmail alone does not take the questions on every subject it leaves out).
  const covered = new Set(lent.keys());
  for (const j of lenders.keys()) {
    if (holders.has(j)) continue;
    lenders[j].questions.forEach((_, k) => {
      const best = first(own[j][k]);
      if (scoreOf(own[j][k], best) >= ANSWER_THRESHOLD && covered.has(best) && related[best][j] > LENDING_FLOOR && sections[best].questions.length === 0) lend(best, j, k);
    });
  }
  return [...lent]
    .filter(([i]) => sections[i].questions.length === 0)
    .sort(([a], [b]) => a - b)
    .map(([i, from]) => ({
      sectionId: sections[i].id,
      from: [...from].map(([j, questions]) => ({ id: lenders[j].id, title: lenders[j].title, questions: questions.length })),
      questions: [...from.values()].flat(),
      toCheck: toCheck.get(i) ?? new Map()
    }));
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
