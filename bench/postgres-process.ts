/**
 * Child-process entry for the PostgreSQL benchmark; the parent gives the database in
 * `BENCH_DATABASE_URL`. `seed <schema> <count>` fills the schema with `count` reports and
 * the staff they come from, made and inserted a batch at a time; `figures <schema> <count>`
 * computes every FOI figure from it a few times and sends the timings and peak memory to the
 * parent. Seeding has a process of its own, so the figures process's peak is that of the
 * figures alone.
 */
import { performance } from 'node:perf_hooks';
import { figuresFromStore } from '../src/features/foi/service.js';
import { NO_ORGANISATION } from '../src/features/foi/organisation.js';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { type PostgresStore } from '../src/store/postgres/store.js';
import { CATCH_UP_SEQUENCES, TABLES } from '../src/store/postgres/tables.js';
import type { Report } from '../src/store/types.js';
import { generateReports, makeEmployees, makeProfiles } from './lib/seed.js';

/** Reports per insert: one JSON array parameter each, far fewer round trips than one per report. */
const SEED_BATCH = 5000;
/** Inserts in flight while the next batch is made, each on its own connection. */
const SEED_CONNECTIONS = 2;

export interface SeedResult {
  seconds: number;
}

export interface FiguresResult {
  times: number[];
  /** Peak RSS with the store open, before the first figure. */
  peakBefore: number;
  peakAfter: number;
  complaints: number;
}

const [mode, schema, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (mode !== 'seed' && mode !== 'figures') throw new Error(`bench: postgres-process takes seed or figures, not ${mode}`);

async function seed(store: PostgresStore): Promise<SeedResult> {
  const began = performance.now();
  const insert = (table: 'reports' | 'profiles' | 'employees', records: unknown[]) => store.pool.query(TABLES[table].insert('')[0], [JSON.stringify(records)]);
  await insert('profiles', makeProfiles());
  await insert('employees', makeEmployees());
  const inFlight: Promise<unknown>[] = [];
  let batch: Report[] = [];
  const send = async () => {
    if (inFlight.length === SEED_CONNECTIONS) await inFlight.shift();
    inFlight.push(insert('reports', batch));
    batch = [];
  };
  for (const report of generateReports(count)) {
    batch.push(report);
    if (batch.length === SEED_BATCH) await send();
  }
  if (batch.length) await send();
  await Promise.all(inFlight);
  // New saves carry on from the seeded reference numbers, and the planner sees the real table.
  await store.pool.query(CATCH_UP_SEQUENCES);
  await store.pool.query('VACUUM ANALYZE reports');
  return { seconds: (performance.now() - began) / 1000 };
}

async function figures(store: PostgresStore): Promise<FiguresResult> {
  // Fewer runs for the largest size, to keep the whole benchmark within a few minutes.
  const runs = count >= 1_000_000 ? 1 : count >= 100_000 ? 3 : 5;
  const compute = () => figuresFromStore(store, NO_ORGANISATION, { asOf: '2026-11-01', timeZone: 'Europe/London' });
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  if (count < 1_000_000) await compute(); // warm-up: the first run also compiles the code
  const times: number[] = [];
  let complaints = 0;
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    complaints = (await compute()).e.complaints;
    times.push(performance.now() - began);
  }
  return { times, peakBefore, peakAfter: process.resourceUsage().maxRSS * 1024, complaints };
}

const store = await openPostgresStore({ url: process.env.BENCH_DATABASE_URL ?? '', schema, poolSize: SEED_CONNECTIONS });
try {
  const result = mode === 'seed' ? await seed(store) : await figures(store);
  process.send?.(result);
} finally {
  await store.close();
}
