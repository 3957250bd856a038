/** Summary runs held in memory. */
import { StoreError } from '../errors.js';
import type { SummaryRunStore } from '../summary-runs.js';
import type { SummaryDelivery, SummaryRun } from '../types.js';
import { change, copy, upsert, type Collection } from './collection.js';

export class MemorySummaryRuns implements SummaryRunStore {
  readonly #runs: Collection<SummaryRun>;

  constructor(runs: Collection<SummaryRun>) {
    this.#runs = runs;
  }

  start(runKey: string, at: string): Promise<SummaryRun> {
    return change(this.#runs, (items) => {
      let run = items.find((r) => r.runKey === runKey);
      if (!run) {
        run = { runKey, startedAt: at, deliveries: [] };
        items.push(run);
      }
      return copy(run);
    });
  }

  async get(runKey: string): Promise<SummaryRun | undefined> {
    return copy(this.#runs.items.find((r) => r.runKey === runKey));
  }

  claimDelivery(runKey: string, managerId: string, at: string): Promise<boolean> {
    return change(this.#runs, (items) => {
      const run = existing(items, runKey);
      if (run.deliveries.some((d) => d.managerId === managerId)) return false;
      run.deliveries.push({ managerId, outcome: 'sending', at });
      return true;
    });
  }

  recordDelivery(runKey: string, delivery: SummaryDelivery): Promise<void> {
    return change(this.#runs, (items) => upsert(existing(items, runKey).deliveries, copy(delivery), (d) => d.managerId === delivery.managerId));
  }

  finish(runKey: string, at: string): Promise<void> {
    return change(this.#runs, (items) => {
      const run = items.find((r) => r.runKey === runKey);
      if (run) run.finishedAt = at;
    });
  }
}

function existing(items: SummaryRun[], runKey: string): SummaryRun {
  const run = items.find((r) => r.runKey === runKey);
  if (!run) throw new StoreError(`no summary run ${runKey}`);
  return run;
}
