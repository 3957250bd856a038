/**
 * Example questions for a policy imported from Word, borrowed from a policy that has them
 * (the sample). Retrieval leans on the questions staff ask; a council's Word policy rarely
 * lists any, while its sections cover the same ground as the sample's in other words. Each
 * imported section without questions of its own takes those of the sample section that
 * answers it best when its own heading and text are put as a question, as long as that
 * sample section fits no other imported section better and the match would be answered.
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
 * The questions to suggest, in the order of the sections. Sections that already have
 * example questions (from Word, or kept from the previous import) are left alone.
 */
export function suggestQuestions(sections: readonly SettledSection[], reference: PolicyIndex): SuggestedQuestions[] {
  const matches = sections.map((section) => {
    if (section.questions.length > 0) return undefined;
    const verdict = reference.answer([section.title, ...section.paragraphs].join('\n'));
    return verdict.answered && verdict.best ? { section, best: verdict.best } : undefined;
  });
  // A reference section lends its questions to the one imported section it fits best.
  const bestFor = new Map<string, number>();
  for (const match of matches) {
    if (!match) continue;
    bestFor.set(match.best.sectionId, Math.max(bestFor.get(match.best.sectionId) ?? 0, match.best.score));
  }
  const suggestions: SuggestedQuestions[] = [];
  const lent = new Set<string>();
  for (const match of matches) {
    if (!match || match.best.score < bestFor.get(match.best.sectionId)! || lent.has(match.best.sectionId)) continue;
    lent.add(match.best.sectionId);
    const questions = reference.section(match.best.sectionId)?.questions ?? [];
    if (questions.length > 0) suggestions.push({ sectionId: match.section.id, from: { id: match.best.sectionId, title: match.best.sectionTitle }, questions: [...questions] });
  }
  return suggestions;
}
