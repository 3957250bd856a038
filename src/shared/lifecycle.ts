/**
 * The bot's life as the platform running it sees it. Ready: it should be sent traffic.
 * Draining: after SIGTERM it takes no new turns, and the work it already acknowledged (a
 * report being saved, a manager's notification going out) is finished within a bound before
 * the process exits, so a restart or a scale-in never loses an acknowledged submission.
 */

/** A part of the bot's own readiness: a fixed phrase naming the problem (shown by `/readyz`, so never a person's data), or undefined when ready. */
export type ReadinessCheck = () => Promise<string | undefined>;

/** What a drain did: everything finished, or the bound ran out with work still going. */
export type DrainOutcome = { finished: true; ms: number } | { finished: false; ms: number; pending: number };

export class Lifecycle {
  #draining = false;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #checks = new Map<string, ReadinessCheck>();

  /** True once {@link startDraining} was called: new turns are refused. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Work that is going on now (turns, mostly); a drain waits for it. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Adds a part's readiness check (e.g. `policy`), asked on every `/readyz`. */
  addCheck(part: string, check: ReadinessCheck): void {
    this.#checks.set(part, check);
  }

  /** Each part's answer: `ok`, or its problem (a check that throws is `failed`). */
  async checkParts(): Promise<Record<string, string>> {
    const answers = await Promise.all(
      [...this.#checks].map(async ([part, check]) => [part, await check().then((problem) => problem ?? 'ok', () => 'failed')] as const)
    );
    return Object.fromEntries(answers);
  }

  /** Runs `work` so that a drain waits for it; its result and failure are the caller's. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined
    );
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return running;
  }

  /** From now on the bot is not ready and takes no new turns. */
  startDraining(): void {
    this.#draining = true;
  }

  /**
   * Waits for the tracked work, then for `background` (work turns left running, such as
   * proactive sends), again until nothing is left, or until `timeoutMs` has passed.
   */
  async drain(timeoutMs: number, background: () => Promise<void> = async () => undefined): Promise<DrainOutcome> {
    const began = Date.now();
    const settle = async () => {
      do {
        await Promise.all([...this.#inFlight]);
        await background();
      } while (this.#inFlight.size > 0);
    };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = await Promise.race([settle().then(() => true as const), expired]);
    clearTimeout(timer);
    const ms = Date.now() - began;
    return finished ? { finished: true, ms } : { finished: false, ms, pending: this.#inFlight.size };
  }
}
