/** What every feature's `register(app, deps)` receives. */
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { RateLimiterFactory } from '../store/rate-limits.js';
import type { Store } from '../store/store.js';
import type { BotEvents } from './events.js';
import type { Lifecycle } from './lifecycle.js';
import type { Telemetry } from './telemetry.js';

export type BotApp = Application<TurnState>;

export interface FeatureDeps {
  config: Config;
  store: Store;
  log: Logger;
  /** The current time; tests pass a fixed one. */
  now: () => Date;
  /** How features tell each other what happened; absent when nothing listens. */
  events?: BotEvents;
  /** Makes the per-person rate limiter when instances share its counts; in memory otherwise. */
  rateLimits?: RateLimiterFactory;
  /** Where a part of the bot reports a problem that should take it out of rotation (`/readyz`). */
  lifecycle?: Lifecycle;
  /** Spans and counters for monitoring; absent when no exporter is configured. */
  telemetry?: Telemetry;
}

export type { RateLimiterFactory };
