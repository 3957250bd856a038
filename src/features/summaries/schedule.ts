/**
 * The summary schedule: a cron expression in a time zone, run with croner. Each firing
 * passes the time it was scheduled for, which keys the run (see run.ts), and the number of
 * days since the previous firing, which is the period the summary covers.
 */
import { Cron } from 'croner';
import type { Logger } from '../../log.js';
import type { FeatureDeps } from '../../shared/deps.js';
import type { ProactiveSender } from '../../shared/proactive.js';
import { runSummaries } from './run.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** After a restart, a firing missed less than this long ago is run (or finished) late. */
export const CATCH_UP_MS = 12 * 60 * 60 * 1000;

export interface SummarySchedule {
  /** When the schedule fires next. */
  nextRun(): Date | null;
  stop(): void;
  /** Resolves when the catch-up run started with the schedule (if any) is done. */
  ready: Promise<void>;
}

export interface ScheduleOptions {
  cron: string;
  timeZone: string;
  log: Logger;
  now: () => Date;
  /** Does the run for one scheduled time; must be safe to call twice for the same time. */
  run: (slot: Date, days: number) => Promise<void>;
}


/** Starts the schedule and catches up a firing missed in the last {@link CATCH_UP_MS}. */
export function startSummarySchedule(options: ScheduleOptions): SummarySchedule {
  const { log, now } = options;
  const job = new Cron(options.cron, { timezone: options.timeZone, protect: true, catch: true }, () => fire(latestSlot(new Date(now().getTime() + 1000))));

  function latestSlot(before: Date): Date | undefined {
    return job.previousRuns(1, before)[0];
  }

  /** The period a run covers: the time since the firing before it, in whole days. */
  function daysBefore(slot: Date): number {
    const previous = job.previousRuns(1, slot)[0];
    const days = previous ? Math.round((slot.getTime() - previous.getTime()) / DAY_MS) : 7;
    return Math.min(Math.max(days, 1), 366);
  }

  async function fire(slot: Date | undefined): Promise<void> {
    if (!slot) return;
    try {
      log.info({ event: 'summary.run.start', runKey: slot.toISOString() }, 'summary run starting');
      await options.run(slot, daysBefore(slot));
    } catch (error) {
      log.error({ event: 'summary.run.failed', err: { message: (error as Error).message } }, 'summary run failed');
    }
  }

  const missed = latestSlot(now());
  const ready = missed && now().getTime() - missed.getTime() < CATCH_UP_MS ? fire(missed) : Promise.resolve();
  log.info({ event: 'summary.schedule', cron: options.cron, timeZone: options.timeZone, next: job.nextRun()?.toISOString() }, 'summary schedule started');
  return { nextRun: () => job.nextRun(), stop: () => job.stop(), ready };
}

/** Starts the managers' summary schedule from config, sending through `sender`. */
export function scheduleSummaries(deps: FeatureDeps, sender: ProactiveSender): SummarySchedule {
  return startSummarySchedule({
    cron: deps.config.summaryCron,
    timeZone: deps.config.summaryTimeZone,
    log: deps.log,
    now: deps.now,
    run: async (slot, days) => {
      await runSummaries(deps, sender, slot, days);
    }
  });
}
