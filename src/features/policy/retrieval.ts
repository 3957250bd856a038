/**
 * Finding the policy section that answers a staff message. Every section, and every topic
 * the policy is not about (pay, leave, parking...), is a label with texts that speak for
 * it: the section's own words, the questions staff ask that it answers (the policy file's
 * "Questions staff ask" lists, and questions the policy owner linked to it from Teams), or
 * the topic's questions. A message is compared with each text by shared words (full-text
 * search with stems and synonyms) and by meaning (sentence vectors); the label whose texts
 * match best wins. A section answers only when it wins clearly enough; another topic wins
 * means "not in this policy", with where to go instead.
 */
import MiniSearch from 'minisearch';
import { TermAnalyser, type SynonymFile } from './analysis.js';
import type { OtherTopic } from './other-topics.js';
import type { PolicyDocument, PolicySection } from './policy-document.js';
import { LabelClassifier } from './label-classifier.js';
import { SentenceMeaning } from './sentence-meaning.js';
import { closeness, coverage, ExampleIndex, Rarity, TextReader, weigh, type PreparedText } from './signals.js';
import { judge, offered, onCard, type LabelSignals, type Scored, type Signals, type Verdict, type VerdictOptions } from './verdict.js';

/** Cosines at or below this say nothing: unrelated sentences still reach it. */
export const MEANING_FLOOR = 0.2;
/** How much the search rank (against the best label's) weighs in a section text's score. */
const RANK_WEIGHT = 0.4;

/** The label of questions the policy owner marked as not the policy's business. */
export const OUT_OF_SCOPE = 'out-of-scope';

/** A section whose text is at most this long is quoted whole; a longer one by its best paragraphs. */
const WHOLE_SECTION_CHARS = 520;
/** The passage quoted from a long section stays under this many characters where it can. */
const PASSAGE_CHARS = 700;

export interface SectionMatch {
  sectionId: string;
  sectionTitle: string;
  /** 0 to 1: how sure the match is; compare with ANSWER_THRESHOLD (verdict.ts). */
  score: number;
}

/** A question the policy owner attached to a section, or marked out of scope ({@link OUT_OF_SCOPE}). */
export interface LearnedQuestion {
  question: string;
  target: string;
}

export interface PolicyAnswer {
  answered: boolean;
  /** The section that answers (answered) or the closest one (not answered). */
  best?: SectionMatch;
  /** The passage that answers, quoted from the section; empty when not answered. */
  passage: string;
  /** The closest sections, best first (up to three). */
  closest: SectionMatch[];
  /** The other sections the card offers to show (see verdict.ts `offered`): close to the answer, or the closest when not answered. */
  offered: SectionMatch[];
  /** The answer, if any, then {@link offered}: every section on the card. */
  onCard: SectionMatch[];
  /** Set when the message is about something this policy does not cover. */
  otherTopic?: Verdict['otherTopic'];
}

interface Label {
  id: string;
  title: string;
  kind: 'section' | 'topic';
  where: string;
  text: PreparedText;
  /** What the label is about, in one text whose meaning is encoded: a section's heading and text, a topic's questions. */
  about?: string;
  titleTerms: Map<string, number>;
}

interface Example {
  labelId: string;
  question: string;
  text: PreparedText;
}

/** A prepared text's terms, as the classifier reads them. */
function termsOf(text: PreparedText): string[] {
  return text.concepts.flatMap((c) => c.terms);
}

/** A cosine rescaled so that {@link MEANING_FLOOR} and below is 0. */
function meaningOf(cosine: number): number {
  return Math.max(0, (cosine - MEANING_FLOOR) / (1 - MEANING_FLOOR));
}

export class PolicyIndex {
  readonly document: PolicyDocument;
  readonly analyser: TermAnalyser;
  readonly #synonyms: SynonymFile;
  readonly #reader: TextReader;
  readonly #labels = new Map<string, Label>();
  readonly #search: MiniSearch<{ id: string; title: string; text: string }>;
  readonly #paragraphs: MiniSearch<{ id: string; sectionId: string; text: string }>;
  readonly #rarity: Rarity;
  readonly #examples: Example[] = [];
  /** The policy's example questions, then the ones the policy owner linked: the order of {@link #exampleIndex}. */
  #allExamples: Example[];
  #exampleIndex!: ExampleIndex;
  /** Undefined for an index of text alone ({@link textIndex}), whose scores the classifier has no say in. */
  #classifier?: LabelClassifier;
  readonly #fitsClassifier: boolean;
  #meaning!: SentenceMeaning;
  /** Settles when every text's meaning is encoded and the examples indexed; answering waits for it. */
  #ready: Promise<void>;
  #meanings: 'encoding' | 'ready' | 'failed' = 'encoding';
  /** Sections with no example questions in the policy. */
  readonly #withoutExamples: string[];

  /**
   * Indexes the policy once, at start, never per question. The words are indexed at once;
   * the meanings are encoded in the background, and the first question waits for them.
   */
  constructor(document: PolicyDocument, synonyms: SynonymFile, topics: readonly OtherTopic[] = [], meaning: Promise<SentenceMeaning> = SentenceMeaning.shared(), fitting: { classifier?: boolean } = {}) {
    this.document = document;
    this.#synonyms = synonyms;
    this.#fitsClassifier = fitting.classifier ?? true;
    this.analyser = new TermAnalyser(synonyms);
    for (const section of document.sections) this.analyser.learnWords([section.title, ...section.paragraphs, ...section.questions].join('\n'));
    for (const topic of topics) this.analyser.learnWords([topic.title, ...topic.questions].join('\n'));
    this.#reader = new TextReader(this.analyser);
    const label = (id: string, title: string, kind: Label['kind'], where: string, body: string[], about?: string[]) =>
      this.#labels.set(id, {
        id, title, kind, where, text: this.#reader.text([title, ...body].join('\n')), titleTerms: this.analyser.termCounts(title),
        about: about && `${title}. ${about.join(' ')}`
      });
    for (const section of document.sections) label(section.id, section.title, 'section', '', [...section.paragraphs, ...section.questions], section.paragraphs);
    for (const topic of topics) label(topic.id, topic.title, 'topic', topic.where, topic.questions, topic.questions);
    label(OUT_OF_SCOPE, 'Not covered by this policy', 'topic', '', []);
    for (const section of document.sections) for (const q of section.questions) this.#examples.push({ labelId: section.id, question: q, text: this.#reader.text(q) });
    for (const topic of topics) for (const q of topic.questions) this.#examples.push({ labelId: topic.id, question: q, text: this.#reader.text(q) });
    this.#rarity = new Rarity([...this.#labels.values()].map((l) => l.text.counts.keys()));
    this.#allExamples = this.#examples;
    this.#withoutExamples = document.sections.filter((s) => s.questions.length === 0).map((s) => s.id);
    this.#ready = this.#understand(meaning).then(
      () => void (this.#meanings = 'ready'),
      (error: unknown) => {
        this.#meanings = 'failed';
        throw error;
      }
    );
    // A failure shows when a question waits for it, not as an unhandled rejection now.
    this.#ready.catch(() => undefined);

    const analyser = this.analyser;
    const options = {
      tokenize: analyser.tokenize,
      processTerm: analyser.processTerm,
      searchOptions: { tokenize: analyser.tokenize, processTerm: analyser.processQueryTerm }
    };
    this.#search = new MiniSearch({ ...options, fields: ['title', 'text'], storeFields: ['id'] });
    this.#search.addAll([
      ...document.sections.map((s) => ({ id: s.id, title: s.title, text: [...s.paragraphs, ...s.questions].join('\n') })),
      ...topics.map((t) => ({ id: t.id, title: t.title, text: t.questions.join('\n') }))
    ]);
    this.#paragraphs = new MiniSearch({ ...options, fields: ['text'], storeFields: ['sectionId'] });
    this.#paragraphs.addAll(document.sections.flatMap((s) => s.paragraphs.map((text, i) => ({ id: `${s.id}#${i}`, sectionId: s.id, text }))));
  }

  /** Resolves once the index can answer: every text's meaning encoded. Rejects if the model could not be loaded. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Where the policy's meanings are, without waiting: a question asked while `encoding` waits for them. */
  get meanings(): 'encoding' | 'ready' | 'failed' {
    return this.#meanings;
  }

  /** Why the policy's meanings will be encoded again at the next start, when they will be (see SentenceMeaning.notKept). */
  get vectorsNotKept(): string | undefined {
    return this.#meaning?.notKept;
  }

  /** Encodes the labels' and example questions' meanings (kept in a file, so only new texts cost time) and indexes the examples. */
  async #understand(meaning: Promise<SentenceMeaning>): Promise<void> {
    this.#meaning = await meaning;
    const labels = [...this.#labels.values()].filter((l) => l.about !== undefined);
    const vectors = await this.#meaning.encode([...labels.map((l) => l.about!), ...this.#examples.map((e) => e.question)], 'policy');
    labels.forEach((l, i) => (l.text.vector = vectors[i]));
    this.#examples.forEach((e, i) => (e.text.vector = vectors[labels.length + i]));
    this.#exampleIndex = new ExampleIndex(this.#examples.map((e) => e.text), this.#rarity);
    // Fitted on the policy's own texts only: a section without example questions is spoken
    // for by its text. Questions the policy owner links later count through the examples' signals.
    if (!this.#fitsClassifier) return;
    const withoutExamples = new Set(this.#withoutExamples);
    this.#classifier = await LabelClassifier.fit([
      ...labels.filter((l) => withoutExamples.has(l.id)).map((l) => ({ labelId: l.id, text: l.about!, vector: l.text.vector!, terms: this.analyser.concepts(l.about!).flat() })),
      ...this.#examples.map((e) => ({ labelId: e.labelId, text: e.question, vector: e.text.vector!, terms: termsOf(e.text) }))
    ], this.#meaning);
  }

  /**
   * An index of another document's own text (its example questions left out, and no other
   * topics), read with this policy's synonyms and sentence meanings: which of its sections'
   * words answer a question, before it has questions of its own. Its labels' scores are what
   * counts, so no classifier is fitted for it (nor kept in the file of kept vectors).
   */
  async textIndex(document: PolicyDocument): Promise<PolicyIndex> {
    await this.#ready;
    const sections = document.sections.map((s) => ({ ...s, questions: [] }));
    return new PolicyIndex({ ...document, sections }, this.#synonyms, [], Promise.resolve(this.#meaning), { classifier: false });
  }

  section(id: string): PolicySection | undefined {
    return this.document.sections.find((s) => s.id === id);
  }

  /**
   * Replaces the questions the policy owner linked to sections or marked out of scope;
   * the next message is matched against them. Links to sections the policy no longer has
   * are left out.
   */
  learn(questions: readonly LearnedQuestion[]): void {
    const learned = questions
      .filter((q) => this.#labels.has(q.target))
      .map((q) => ({ labelId: q.target, question: q.question, text: this.#reader.text(q.question) }));
    // Staff's words: their meanings are kept in memory only, never in the file.
    this.#ready = this.#ready.then(async () => {
      // Linked questions that cannot be encoded are matched by their words alone.
      const vectors = await this.#meaning.encode(learned.map((q) => q.question), 'message').catch(() => []);
      learned.forEach((q, i) => (q.text.vector = vectors[i]));
      this.#allExamples = [...this.#examples, ...learned];
      this.#exampleIndex = new ExampleIndex(this.#allExamples.map((e) => e.text), this.#rarity);
    });
    this.#ready.catch(() => undefined);
  }

  /**
   * What each label has for the message, by signal: its own text's shared words (weighted
   * by the search rank) and meaning, its best example question's shared words and
   * meaning, and the classifier's score. Labels with nothing in common with the message
   * are left out.
   */
  async signals(message: string): Promise<LabelSignals[]> {
    await this.#ready;
    const question = weigh(this.#reader.question(message), this.#rarity);
    [question.text.vector] = await this.#meaning.encode([message], 'message');
    const found = this.#search.search(message, { boost: { title: 3 }, combineWith: 'OR' });
    const top = found[0]?.score ?? 1;
    const rank = new Map(found.map((r) => [r.id as string, r.score / top]));
    const byLabel = new Map<string, Signals>();
    for (const label of this.#labels.values()) {
      const words = coverage(question, label.text, label.titleTerms) * (1 - RANK_WEIGHT + RANK_WEIGHT * (rank.get(label.id) ?? 0));
      byLabel.set(label.id, { words, meaning: meaningOf(closeness(question.text, label.text)), examplePrecision: 0, exampleRecall: 0, exampleMeaning: 0, linked: 0, classifier: 0 });
    }
    for (const [id, score] of this.#classifier?.scores(question.text.vector!, termsOf(question.text)) ?? []) byLabel.get(id)!.classifier = score;
    const { precision, recall } = this.#exampleIndex.overlap(question);
    const cosines = this.#exampleIndex.closeness(question.text);
    const examples = this.#allExamples;
    for (let e = 0; e < examples.length; e++) {
      const signals = byLabel.get(examples[e].labelId)!;
      if (precision[e] + recall[e] > signals.examplePrecision + signals.exampleRecall) {
        signals.examplePrecision = precision[e];
        signals.exampleRecall = recall[e];
      }
      signals.exampleMeaning = Math.max(signals.exampleMeaning, meaningOf(cosines[e]));
      if (e >= this.#examples.length) signals.linked = Math.max(signals.linked, precision[e] * recall[e]);
    }
    // A section without example questions of its own stands in its own text for them, so a
    // policy written without "Questions staff ask" is not scored as if nothing matched them.
    for (const id of this.#withoutExamples) {
      const signals = byLabel.get(id)!;
      signals.examplePrecision = Math.max(signals.examplePrecision, signals.words);
      signals.exampleRecall = Math.max(signals.exampleRecall, signals.words);
      signals.exampleMeaning = Math.max(signals.exampleMeaning, signals.meaning);
    }
    return [...byLabel.entries()].map(([id, signals]) => {
      const { title, kind, where } = this.#labels.get(id)!;
      return { id, title, kind, where, signals };
    });
  }

  /** True when some word of the message (or a synonym of it) is a word the policy or an other topic uses. */
  knowsAnyWord(message: string): boolean {
    const terms = this.analyser.concepts(message).flat();
    return [...this.#labels.values()].some((label) => terms.some((t) => label.text.counts.has(t)));
  }

  /** The sections that match the message, best first (up to three). */
  async rank(message: string): Promise<SectionMatch[]> {
    return judge(await this.signals(message)).closest.map(toMatch);
  }

  /**
   * Answers a message from the policy, or says it is not there (and, when it is about
   * another topic, where to ask). Never makes anything up.
   */
  async answer(message: string, options: VerdictOptions = {}): Promise<PolicyAnswer> {
    const verdict = judge(await this.signals(message), options);
    const closest = verdict.closest.map(toMatch);
    const best = closest[0];
    const card = { offered: offered(verdict).map(toMatch), onCard: onCard(verdict).map(toMatch) };
    if (!verdict.answered) return { answered: false, best, passage: '', closest, ...card, otherTopic: verdict.otherTopic };
    return { answered: true, best, passage: this.passage(best.sectionId, message), closest, ...card };
  }

  /**
   * The part of a section that answers the message: the whole section when short,
   * else its best-matching paragraphs (in the policy's order) up to about {@link PASSAGE_CHARS}.
   */
  passage(sectionId: string, message: string): string {
    const section = this.section(sectionId);
    if (!section) return '';
    const whole = section.paragraphs.join('\n\n');
    if (whole.length <= WHOLE_SECTION_CHARS) return whole;
    const hits = this.#paragraphs.search(message, { filter: (r) => r.sectionId === sectionId });
    const chosen = new Set<number>();
    let length = 0;
    for (const hit of hits) {
      const index = Number(String(hit.id).split('#')[1]);
      const size = section.paragraphs[index].length;
      if (chosen.size > 0 && length + size > PASSAGE_CHARS) break;
      chosen.add(index);
      length += size;
    }
    if (chosen.size === 0) chosen.add(0);
    return [...chosen].sort((a, b) => a - b).map((i) => section.paragraphs[i]).join('\n\n');
  }
}

/** Terms that, together, say a message is about a device or phone not working. */
const DEVICE_TERMS = ['device', 'phone'];
const FAULT_TERM = 'broken';

/** True when the message is about a council device or phone not working ("my laptop won't turn on"). */
export function isDeviceProblem(index: PolicyIndex, message: string): boolean {
  const terms = new Set(index.analyser.concepts(message).flat());
  return terms.has(FAULT_TERM) && DEVICE_TERMS.some((t) => terms.has(t));
}

function toMatch(scored: Scored): SectionMatch {
  return { sectionId: scored.id, sectionTitle: scored.title, score: scored.score };
}
