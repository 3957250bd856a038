/** What a store offers for per-person rate limits that several instances share. */
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** Makes a rate limiter whose counts live in the store. */
export type RateLimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;
