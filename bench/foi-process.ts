/**
 * Child-process entry for the FOI benchmark: `<count>` makes that many reports (and the
 * staff they come from), computes every figure a few times, and sends the timings and
 * memory to the parent. One process per size, so each size's peak memory is its own.
 */
import { performance } from 'node:perf_hooks';
import { figuresFromReports, type FoiFigures } from '../src/features/foi/figures.js';
import { NO_ORGANISATION } from '../src/features/foi/organisation.js';
import { makeEmployees, makeProfiles, makeReports } from './lib/seed.js';

const count = Number(process.argv[2]);
// Fewer runs for the largest size, to keep the whole benchmark within a few minutes.
const runs = count >= 1_000_000 ? 1 : count >= 100_000 ? 3 : 5;
const reports = makeReports(count);
const input = { asOf: '2026-11-01', timeZone: 'Europe/London', employees: makeEmployees(), profiles: makeProfiles(), reports, organisation: NO_ORGANISATION };
/** Every figure, counting the reports in one pass as the memory and lowdb stores do. */
function computeFigures(): FoiFigures {
  return figuresFromReports(input);
}
global.gc?.();
const before = process.memoryUsage();
const peakBefore = process.resourceUsage().maxRSS * 1024;

if (count < 1_000_000) computeFigures(); // warm-up: the first run also compiles the code
const times: number[] = [];
let complaints = 0;
for (let i = 0; i < runs; i++) {
  const began = performance.now();
  complaints = computeFigures().e.complaints;
  times.push(performance.now() - began);
}
const result = {
  times,
  heapWithData: before.heapUsed,
  rssWithData: before.rss,
  peakBefore,
  peakAfter: process.resourceUsage().maxRSS * 1024,
  complaints
};
if (process.send) process.send(result);
else process.stdout.write(`${JSON.stringify(result)}\n`);
