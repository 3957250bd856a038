/**
 * Writes of one lowdb file, coalesced. Changes are made in memory first; a caller then
 * asks for a write and waits for it. While a write is running, every change made in the
 * meantime goes out together in the one write that follows, so a burst of changes costs
 * two writes, not one each, and writes of a file never overlap.
 *
 * A write that fails takes back what it held: `restore` puts the data back as last written,
 * in the same step, and the callers of both that write and the one waiting behind it (whose
 * changes were made on top and are gone with it) are told it failed. What a caller is told
 * failed is never written later by someone else's write.
 */
export class CoalescedWrites {
  readonly #write: () => Promise<void>;
  readonly #restore: () => void;
  /** Settles when the last write started has finished. */
  #busy: Promise<unknown> = Promise.resolve();
  /** The next write, not started yet, that new changes join. */
  #next: Batch | undefined;

  /**
   * @param write writes the file's current data (lowdb's `db.write`).
   * @param restore puts the data in memory back as it was last written or read.
   */
  constructor(write: () => Promise<void>, restore: () => void) {
    this.#write = write;
    this.#restore = restore;
  }

  /**
   * Resolves once a write that started after this call has finished, so it holds every
   * change made before the call; rejects if that write failed, and then the change is undone.
   */
  request(): Promise<void> {
    if (this.#next) return this.#next.promise;
    const batch = new Batch();
    this.#next = batch;
    this.#busy = this.#busy.then(() => this.#run(batch));
    return batch.promise;
  }

  async #run(batch: Batch): Promise<void> {
    // From here on the data is being written: later changes need the write after this one.
    if (this.#next === batch) this.#next = undefined;
    if (batch.settled) return;
    try {
      await this.#write();
      batch.settle();
    } catch (error) {
      this.#restore();
      const lost = this.#next;
      this.#next = undefined;
      lost?.settle(error);
      batch.settle(error);
    }
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

/** The callers waiting for one write. */
class Batch {
  readonly promise: Promise<void>;
  settled = false;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Resolves, or rejects with `error` when one is given. */
  settle(error?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    if (error === undefined) this.#resolve();
    else this.#reject(error);
  }
}
