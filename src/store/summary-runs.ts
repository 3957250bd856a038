/**
 * Summary runs: one per scheduled time, with what happened to each manager's card, so a run
 * shared by instances or resumed after a restart sends each card once.
 */
import type { SummaryDelivery, SummaryRun } from './types.js';

export interface SummaryRunStore {
  /** Returns the run for `runKey`, creating it when it does not exist yet. */
  start(runKey: string, at: string): Promise<SummaryRun>;
  get(runKey: string): Promise<SummaryRun | undefined>;
  /**
   * Records that the run is sending to one manager, unless anything is recorded for them
   * already: only one caller (of every instance sharing the store) gets true and sends.
   * @throws StoreError when there is no such run.
   */
  claimDelivery(runKey: string, managerId: string, at: string): Promise<boolean>;
  /**
   * Records (or replaces) what happened to one manager in a run.
   * @throws StoreError when there is no such run.
   */
  recordDelivery(runKey: string, delivery: SummaryDelivery): Promise<void>;
  finish(runKey: string, at: string): Promise<void>;
}
