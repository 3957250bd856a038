/**
 * Measures retrieval on sets of staff questions: how often the expected section comes
 * first and answers (top-1), is among the first three (top-3), is on the card the bot
 * sends (answered from, or offered one press away), how often a message is answered from
 * a section that does not answer it, and how often a question the policy does not cover
 * is turned away. Two sets: the tuning set, on which weights and the
 * threshold may be chosen ({@link fitVerdict}), and the held-out set, written without
 * the policy's wording and never tuned on, which says how the bot does on questions
 * nobody tuned for.
 */
import { z } from 'zod';
import type { PolicyIndex } from './retrieval.js';
import { judge, onCard, SIGNAL_NAMES, type LabelSignals, type SignalWeights, type VerdictOptions } from './verdict.js';

export const evaluationFixtureSchema = z.object({
  inScope: z.array(z.object({ question: z.string().min(1), sectionId: z.string().min(1) })).min(1),
  outOfScope: z.array(z.object({ question: z.string().min(1) })).min(1)
});
export type EvaluationFixture = z.infer<typeof evaluationFixtureSchema>;

export interface EvaluationMiss {
  question: string;
  expected: string | null;
  /** The section that answered, the other topic it was taken for (`topic:` id), or null when declined. */
  got: string | null;
  score: number;
}

export interface EvaluationResult {
  inScope: number;
  outOfScope: number;
  /** Share of in-scope questions answered with the expected section. */
  top1: number;
  /** Share of in-scope questions whose expected section is among the three closest. */
  top3: number;
  /** Share of in-scope questions answered from another section. */
  wrongSection: number;
  /** Share of in-scope questions whose section the card answers from or offers to show (one press away). */
  onCard: number;
  /** Share of out-of-scope questions not answered. */
  rejected: number;
  misses: EvaluationMiss[];
}

/** A set's questions with their signals worked out once, to be judged under many options. */
export interface PreparedSet {
  inScope: Array<{ question: string; sectionId: string; labels: LabelSignals[] }>;
  outOfScope: Array<{ question: string; labels: LabelSignals[] }>;
}

export async function prepareSet(index: PolicyIndex, fixture: EvaluationFixture): Promise<PreparedSet> {
  const inScope: PreparedSet['inScope'] = [];
  for (const q of fixture.inScope) inScope.push({ ...q, labels: await index.signals(q.question) });
  const outOfScope: PreparedSet['outOfScope'] = [];
  for (const q of fixture.outOfScope) outOfScope.push({ ...q, labels: await index.signals(q.question) });
  return { inScope, outOfScope };
}

/** Scores a prepared set under the given weights and threshold (the bot's own by default). */
export function evaluate(set: PreparedSet, options: VerdictOptions = {}): EvaluationResult {
  const misses: EvaluationMiss[] = [];
  let top1 = 0;
  let top3 = 0;
  let wrong = 0;
  let reached = 0;
  const outcome = (labels: LabelSignals[]) => {
    const verdict = judge(labels, options);
    const got = verdict.answered ? verdict.closest[0].id : verdict.otherTopic ? `topic:${verdict.otherTopic.id}` : null;
    return { verdict, got, score: verdict.otherTopic?.score ?? verdict.closest[0]?.score ?? 0 };
  };
  for (const { question, sectionId, labels } of set.inScope) {
    const { verdict, got, score } = outcome(labels);
    if (verdict.answered && got === sectionId) top1++;
    else misses.push({ question, expected: sectionId, got, score });
    if (verdict.answered && got !== sectionId) wrong++;
    if (verdict.closest.some((m) => m.id === sectionId)) top3++;
    if (onCard(verdict).some((m) => m.id === sectionId)) reached++;
  }
  let rejected = 0;
  for (const { question, labels } of set.outOfScope) {
    const { verdict, got, score } = outcome(labels);
    if (!verdict.answered) rejected++;
    else misses.push({ question, expected: null, got, score });
  }
  const inScope = set.inScope.length;
  return { inScope, outOfScope: set.outOfScope.length, top1: top1 / inScope, top3: top3 / inScope, wrongSection: wrong / inScope, onCard: reached / inScope, rejected: rejected / set.outOfScope.length, misses };
}

/** What the fit maximises: right answers and turned-away questions, less wrong answers. */
export function objective(result: Pick<EvaluationResult, 'top1' | 'rejected' | 'wrongSection'>): number {
  return result.top1 + result.rejected - result.wrongSection;
}

/** The threshold, in hundredths from 0.05 to 1, that does best under the weights. */
export function bestThreshold(set: PreparedSet, weights: SignalWeights): { threshold: number; result: EvaluationResult } {
  const { threshold } = sweep(set, weights);
  return { threshold, result: evaluate(set, { weights, threshold }) };
}

/** The best threshold under the weights and its {@link objective}. */
function sweep(set: PreparedSet, weights: SignalWeights): { threshold: number; value: number } {
  // Which label wins does not depend on the threshold, only whether it answers: judge each
  // question once, then try every threshold on the outcomes.
  const outcomes = [...set.inScope, ...set.outOfScope].map((q) => {
    const verdict = judge(q.labels, { weights, threshold: 0 });
    return { expected: 'sectionId' in q ? q.sectionId : null, section: verdict.otherTopic ? undefined : verdict.closest[0] };
  });
  let best = { threshold: 0, value: -Infinity };
  for (let hundredths = 5; hundredths <= 100; hundredths++) {
    const threshold = hundredths / 100;
    let right = 0;
    let wrong = 0;
    let rejected = 0;
    for (const { expected, section } of outcomes) {
      const answered = section !== undefined && section.score >= threshold;
      if (expected === null) rejected += answered ? 0 : 1;
      else if (answered) section.id === expected ? right++ : wrong++;
    }
    const value = objective({ top1: right / set.inScope.length, wrongSection: wrong / set.inScope.length, rejected: rejected / set.outOfScope.length });
    if (value > best.value) best = { threshold, value };
  }
  return best;
}

/** Every way of sharing 1 between the signals in steps of 1/parts. */
function* simplex(signals: number, parts: number): Generator<number[]> {
  if (signals === 1) {
    yield [parts];
    return;
  }
  for (let first = 0; first <= parts; first++) for (const rest of simplex(signals - 1, parts - first)) yield [first, ...rest];
}

const WEIGHT_STEPS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8];

/**
 * Fits the signal weights (summing to 1) and the threshold on a set: every sharing of the
 * weight in tenths is tried, then coordinate ascent from the best refines it (each weight
 * in turn tries each step, keeping any change that raises {@link objective}).
 */
export function fitVerdict(set: PreparedSet, rounds = 4): { weights: SignalWeights; threshold: number; result: EvaluationResult } {
  const normalised = (w: SignalWeights) => {
    const sum = SIGNAL_NAMES.reduce((a, n) => a + w[n], 0);
    return Object.fromEntries(SIGNAL_NAMES.map((n) => [n, Math.round((w[n] / sum) * 1000) / 1000])) as unknown as SignalWeights;
  };
  let weights = normalised(Object.fromEntries(SIGNAL_NAMES.map((n) => [n, 1])) as unknown as SignalWeights);
  let current = sweep(set, weights);
  for (const shares of simplex(SIGNAL_NAMES.length, 10)) {
    const candidate = normalised(Object.fromEntries(SIGNAL_NAMES.map((n, i) => [n, shares[i]])) as unknown as SignalWeights);
    const tried = sweep(set, candidate);
    if (tried.value > current.value + 1e-9) [weights, current] = [candidate, tried];
  }
  for (let round = 0; round < rounds; round++) {
    for (const name of SIGNAL_NAMES) {
      for (const step of WEIGHT_STEPS) {
        const trial = { ...weights, [name]: step };
        if (SIGNAL_NAMES.every((n) => trial[n] === 0)) continue;
        const candidate = normalised(trial);
        const tried = sweep(set, candidate);
        if (tried.value > current.value + 1e-9) [weights, current] = [candidate, tried];
      }
    }
  }
  return { weights, threshold: current.threshold, result: evaluate(set, { weights, threshold: current.threshold }) };
}
