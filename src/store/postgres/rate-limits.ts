/**
 * Rate-limit counts kept in the database, so several instances share one limit per person.
 * If the database does not answer, counting carries on in this process's memory.
 */
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import type { RateLimiterFactory } from '../rate-limits.js';

/** Rate limiters counting in the `rate_limits` table. */
export function postgresRateLimits(pool: pg.Pool): RateLimiterFactory {
  return (options) =>
    new RateLimiterPostgres({
      ...options,
      storeClient: pool,
      // Created by migrations/postgres/0002_rate-limits.sql, not by the library.
      tableName: 'rate_limits',
      tableCreated: true,
      insuranceLimiter: new RateLimiterMemory(options)
    });
}
