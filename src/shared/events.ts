/**
 * What one feature tells others without importing them: for now, that a device complaint
 * was stored. Listeners run in the background, so the turn answers Teams (which waits only
 * a few seconds) without waiting for proactive messages and their retries.
 */
import type { Logger } from '../log.js';
import type { DeviceComplaint } from '../store/types.js';

export type ComplaintListener = (complaint: DeviceComplaint) => Promise<void>;

export class BotEvents {
  readonly #log: Logger;
  readonly #complaintStored: ComplaintListener[] = [];
  readonly #pending = new Set<Promise<void>>();

  constructor(log: Logger) {
    this.#log = log;
  }

  onComplaintStored(listener: ComplaintListener): void {
    this.#complaintStored.push(listener);
  }

  /** Tells every listener about a newly stored complaint (once per complaint: call it only when the store created it). */
  complaintStored(complaint: DeviceComplaint): void {
    for (const listener of this.#complaintStored) this.background('complaint.stored', () => listener(complaint));
  }

  /** Runs a task after the turn; a failure is logged, never thrown at the person. */
  background(name: string, task: () => Promise<void>): void {
    const running: Promise<void> = task()
      .catch((error: unknown) => this.#log.error({ event: 'background.failed', task: name, err: { message: (error as Error).message } }, 'background task failed'))
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  /** Resolves when every background task started so far has finished. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
