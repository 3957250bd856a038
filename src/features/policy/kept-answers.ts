/**
 * Answers worked out once and kept for the next message: staff reuse their words, so the
 * same word's typo correction or rarity, or a repeated message's meaning, is asked for again
 * and again. Keeping stops at a limit, past which answers are worked out every time, so no
 * run of odd messages can grow it without bound.
 */
export class KeptAnswers<V> {
  readonly #kept = new Map<string, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The kept answer for `key`, or `work()`'s, kept while there is room. */
  get(key: string, work: (key: string) => V): V {
    let answer = this.#kept.get(key);
    if (answer === undefined) {
      answer = work(key);
      this.keep(key, answer);
    }
    return answer;
  }

  /** The kept answer for `key`, if there is one. */
  find(key: string): V | undefined {
    return this.#kept.get(key);
  }

  /** Keeps an answer worked out elsewhere (asynchronously), while there is room. */
  keep(key: string, answer: V): void {
    if (this.#kept.size < this.#limit) this.#kept.set(key, answer);
  }
}
