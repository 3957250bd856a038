/**
 * The questions the policy owner linked from "policy gaps", kept in step with the store on
 * every instance: before each question the store's links revision is compared with the one
 * last read, and only a change reads the links again and re-teaches the retrieval. A link
 * made on one instance is used by the next question on any other.
 */
import type { PolicyLinkStore } from '../../store/policy-links.js';
import type { LearnedQuestion } from './retrieval.js';

/** What learns the linked questions: the live policy, which keeps them across reloads. */
export interface Learner {
  learn(questions: readonly LearnedQuestion[]): void;
}

export class LinkedQuestions {
  readonly #links: PolicyLinkStore;
  readonly #learner: Learner;
  #revision: string | undefined;
  /** The read in progress. */
  #running: Promise<void> | undefined;
  /** The read that starts when the running one ends, shared by every caller meanwhile. */
  #waiting: Promise<void> | undefined;

  constructor(links: PolicyLinkStore, learner: Learner) {
    this.#links = links;
    this.#learner = learner;
  }

  /**
   * Brings the retrieval up to date with every link stored before the call. A read already
   * under way may have started before the caller's link was stored, so callers arriving
   * meanwhile share one read that starts when it ends: busy instances check once per read,
   * not once per question.
   * @throws StoreError when the store cannot be read; the retrieval keeps what it had.
   */
  refresh(): Promise<void> {
    if (!this.#running) return this.#start();
    const next = () => this.#start();
    this.#waiting ??= this.#running.then(next, next);
    return this.#waiting;
  }

  #start(): Promise<void> {
    this.#waiting = undefined;
    const run: Promise<void> = this.#read().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /** A link stored between the revision and the list is learnt now and read again next time, which is harmless. */
  async #read(): Promise<void> {
    const revision = await this.#links.revision();
    if (revision === this.#revision) return;
    const links = await this.#links.list();
    this.#learner.learn(links.map(({ question, target }) => ({ question, target })));
    this.#revision = revision;
  }
}
