/**
 * From signals to a verdict: each label's score is its signals weighted, the labels stand
 * in order of that score with a share given to the classifier's, and the message is
 * answered by the first section when no other topic stands above it and its score clears
 * the threshold. Pure, so the evaluation can try weights and thresholds on signals worked
 * out once.
 */

/** How well one label's texts match a message, by signal; each 0 to 1. */
export interface Signals {
  /** Shared words with the label's own text (a section's text and example questions, a topic's questions together). */
  words: number;
  /** Closeness in meaning to the label's own text. */
  meaning: number;
  /** At the label's best-matching example question by shared words: the share of the example the message says. */
  examplePrecision: number;
  /** At that example: the share of the message the example says. */
  exampleRecall: number;
  /** Closeness in meaning to the label's closest example question. */
  exampleMeaning: number;
  /**
   * How nearly the message is a question the policy owner linked to this label from
   * Teams (precision times recall of shared words). Not weighted: a near-copy of a linked
   * question is answered from its link whatever the other signals say.
   */
  linked: number;
  /**
   * The label's score from the classifier fitted on every label's example questions
   * (label-classifier.ts). Not in the weighted score: it only helps choose between labels
   * ({@link CLASSIFIER_SHARE}).
   */
  classifier: number;
}
export type SignalWeights = Omit<Signals, 'linked' | 'classifier'>;
export const SIGNAL_NAMES = ['words', 'meaning', 'examplePrecision', 'exampleRecall', 'exampleMeaning'] as const satisfies ReadonlyArray<keyof Signals>;

/**
 * How much each signal counts in a label's score, and the least score that answers.
 * Fitted on the tuning set (`test/fixtures/policy-eval.json`) with `npm run eval -- --fit`,
 * which also shows each signal alone; the held-out set is never used to choose them.
 * Re-run the fit after changing the policy's example questions, the synonyms or the tuning set.
 */
export const SIGNAL_WEIGHTS: SignalWeights = { words: 0.161, meaning: 0.322, examplePrecision: 0.096, exampleRecall: 0.098, exampleMeaning: 0.322 };
export const ANSWER_THRESHOLD = 0.24;
/**
 * The least score at which a label is about the message at all. Every text is somewhat
 * close in meaning to any other, so below this another topic is not named (a line of
 * nonsense is not "a question about IT outages") and a compose-box search does not list
 * the section.
 */
export const RELATED_SCORE = ANSWER_THRESHOLD / 2;

/**
 * Which label wins is decided on the score with this share given to the classifier's
 * ({@link Signals.classifier}); whether it answers is still decided on its score alone, against
 * {@link ANSWER_THRESHOLD}. So the classifier moves a message between neighbouring sections
 * but does not make the bot answer more or less. Chosen on the tuning set at the weights and
 * threshold in use (`npm run eval -- --fit` shows each share).
 */
export const CLASSIFIER_SHARE = 0.2;

/**
 * Besides the section that answers, a section scoring at least this share of its score is
 * offered on the answer card, one press away, for when the answer is not quite what was
 * asked. Chosen on the tuning set: 0.75 puts as many expected sections on the card as
 * always offering the next two does, with fewer than one extra button on a right answer.
 */
export const ALSO_CLOSE_RATIO = 0.75;

/** A label (a policy section or another topic) with its signals for one message. */
export interface LabelSignals {
  id: string;
  title: string;
  kind: 'section' | 'topic';
  /** For a topic: who deals with it. */
  where: string;
  signals: Signals;
}

export interface Scored {
  id: string;
  title: string;
  score: number;
}

/** What to do with a message. */
export interface Verdict {
  answered: boolean;
  /** The sections standing highest, best first (up to three), each with its score. */
  closest: Scored[];
  /** The other topic that outscored every section, and where its questions go. */
  otherTopic?: Scored & { where: string };
}

export interface VerdictOptions {
  weights?: SignalWeights;
  threshold?: number;
  classifierShare?: number;
}

function weighed(signals: Signals, weights: SignalWeights): number {
  return SIGNAL_NAMES.reduce((sum, name) => sum + weights[name] * signals[name], 0);
}

/** A label's score: its signals weighted, or its link to a question the message nearly repeats. */
export function combine(signals: Signals, weights: SignalWeights = SIGNAL_WEIGHTS): number {
  return Math.max(signals.linked, weighed(signals, weights));
}

/** What orders the labels: the score with {@link CLASSIFIER_SHARE} given to the classifier, or the link to a question the message nearly repeats. */
function standing(signals: Signals, weights: SignalWeights, share: number): number {
  return Math.max(signals.linked, (1 - share) * weighed(signals, weights) + share * signals.classifier);
}

/**
 * Decides: the label standing first wins (see {@link CLASSIFIER_SHARE}). Another topic
 * first means "not in this policy" (whatever its score: a question about pay that shares a
 * word with a section must not get that section), and the topic is named when it is about
 * the message at all; else the first section answers when its score reaches the threshold.
 */
export function judge(labels: readonly LabelSignals[], options: VerdictOptions = {}): Verdict {
  const weights = options.weights ?? SIGNAL_WEIGHTS;
  const threshold = options.threshold ?? ANSWER_THRESHOLD;
  const share = options.classifierShare ?? CLASSIFIER_SHARE;
  const rounded = (x: number) => Math.round(x * 1000) / 1000;
  const scored = labels
    .map((label) => ({ label, score: rounded(combine(label.signals, weights)), standing: rounded(standing(label.signals, weights, share)) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.standing - a.standing || b.score - a.score);
  const closest = scored
    .filter((s) => s.label.kind === 'section')
    .slice(0, 3)
    .map(({ label, score }) => ({ id: label.id, title: label.title, score }));
  const winner = scored[0];
  if (winner?.label.kind === 'topic') {
    if (winner.score < RELATED_SCORE) return { answered: false, closest };
    return { answered: false, closest, otherTopic: { id: winner.label.id, title: winner.label.title, where: winner.label.where, score: winner.score } };
  }
  return { answered: closest.length > 0 && closest[0].score >= threshold, closest };
}

/**
 * The other sections the message's card offers to show: beside an answer, those scoring
 * close to it ({@link ALSO_CLOSE_RATIO}); with no answer, the closest two; none for a
 * question about another topic, which is plainly not the policy's.
 */
export function offered(verdict: Verdict): Scored[] {
  if (verdict.otherTopic) return [];
  if (!verdict.answered) return verdict.closest.slice(0, 2);
  const [best, ...others] = verdict.closest;
  return others.filter((m) => m.score >= ALSO_CLOSE_RATIO * best.score);
}

/** Every section the message's card answers from or offers: the answer first, then {@link offered}. */
export function onCard(verdict: Verdict): Scored[] {
  return verdict.answered ? [verdict.closest[0], ...offered(verdict)] : offered(verdict);
}
