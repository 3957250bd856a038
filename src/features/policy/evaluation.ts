/**
 * Measures retrieval on a fixture of staff questions: how often the expected section
 * comes first (top-1, and answered), is among the first three (top-3), and how often
 * a question the policy does not cover is turned away.
 */
import { z } from 'zod';
import type { PolicyIndex } from './retrieval.js';

export const evaluationFixtureSchema = z.object({
  inScope: z.array(z.object({ question: z.string().min(1), sectionId: z.string().min(1) })).min(1),
  outOfScope: z.array(z.object({ question: z.string().min(1) })).min(1)
});
export type EvaluationFixture = z.infer<typeof evaluationFixtureSchema>;

export interface EvaluationMiss {
  question: string;
  expected: string | null;
  got: string | null;
  score: number;
}

export interface EvaluationResult {
  threshold: number;
  inScope: number;
  outOfScope: number;
  /** Share of in-scope questions answered with the expected section. */
  top1: number;
  /** Share of in-scope questions whose expected section is among the three closest. */
  top3: number;
  /** Share of out-of-scope questions not answered. */
  rejected: number;
  misses: EvaluationMiss[];
}

/** Scores the index on the fixture at a given answer threshold. */
export function evaluate(index: PolicyIndex, fixture: EvaluationFixture, threshold: number): EvaluationResult {
  const misses: EvaluationMiss[] = [];
  let top1 = 0;
  let top3 = 0;
  for (const { question, sectionId } of fixture.inScope) {
    const ranked = index.rank(question);
    const best = ranked[0];
    const answered = best !== undefined && best.score >= threshold;
    if (answered && best.sectionId === sectionId) top1++;
    else misses.push({ question, expected: sectionId, got: answered ? best.sectionId : null, score: best?.score ?? 0 });
    if (ranked.slice(0, 3).some((m) => m.sectionId === sectionId)) top3++;
  }
  let rejected = 0;
  for (const { question } of fixture.outOfScope) {
    const best = index.rank(question)[0];
    if (best === undefined || best.score < threshold) rejected++;
    else misses.push({ question, expected: null, got: best.sectionId, score: best.score });
  }
  return {
    threshold,
    inScope: fixture.inScope.length,
    outOfScope: fixture.outOfScope.length,
    top1: top1 / fixture.inScope.length,
    top3: top3 / fixture.inScope.length,
    rejected: rejected / fixture.outOfScope.length,
    misses
  };
}
