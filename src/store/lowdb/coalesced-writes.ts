/**
 * Writes of one lowdb file, coalesced. Changes are made in memory first; a caller then
 * asks for a write and waits for it. While a write is running, every change made in the
 * meantime goes out together in the one write that follows, so a burst of changes costs
 * two writes, not one each, and writes of a file never overlap.
 */
export class CoalescedWrites {
  readonly #write: () => Promise<void>;
  /** Settles when the last write started has finished. */
  #busy: Promise<unknown> = Promise.resolve();
  /** The next write, not started yet, that new changes join. */
  #next: Promise<void> | undefined;

  /** @param write writes the file's current data (lowdb's `db.write`). */
  constructor(write: () => Promise<void>) {
    this.#write = write;
  }

  /**
   * Resolves once a write that started after this call has finished, so it holds every
   * change made before the call; rejects if that write failed.
   */
  request(): Promise<void> {
    if (this.#next) return this.#next;
    const next: Promise<void> = this.#busy.then(() => {
      // From here on the data is being written: later changes need the write after this one.
      if (this.#next === next) this.#next = undefined;
      return this.#write();
    });
    this.#next = next;
    this.#busy = next.catch(() => undefined);
    return next;
  }

  /** Resolves when no write is running or waiting. */
  async idle(): Promise<void> {
    let busy;
    do {
      busy = this.#busy;
      await busy;
    } while (busy !== this.#busy);
  }
}
