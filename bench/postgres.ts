/**
 * The PostgreSQL store, in the database named by `BENCH_DATABASE_URL` (else
 * `TEST_DATABASE_URL`), each case in a schema of its own that is dropped afterwards: every
 * FOI figure counted in SQL over 10,000, 100,000 and 1,000,000 reports (one child process per
 * size, so each peak is its own), saving one report at a time with 0 and 100,000 stored, and
 * two stores saving at once, as two bot instances sharing the database.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/open.js';
import { type PostgresStore } from '../src/store/postgres/store.js';
import type { NewReport } from '../src/store/types.js';
import type { FiguresResult, SeedResult } from './postgres-process.js';
import { makeReports } from './lib/seed.js';
import { median, percentile } from './lib/stats.js';
import { draft, timeSaves } from './store.js';
import type { Goal, Row } from './lib/table.js';

const SIZES = [10_000, 100_000, 1_000_000];
const SAVES_STORED = 100_000;
const POOL_SIZE = 4;
/** Saves each instance has in flight at once, as a bot does while several people submit. */
const IN_FLIGHT = 4;
const CONCURRENT_SECONDS = 3;
/** Peak memory at 1,000,000 reports may exceed that at 10,000 by this share and still count as flat. */
const FLAT_SHARE = 0.25;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

/** Runs `postgres-process.ts` in `mode` and returns what it reports. */
async function child<T>(url: string, mode: 'seed' | 'figures', schema: string, count: number): Promise<T> {
  const child = fork(here('./postgres-process.js'), [mode, schema, String(count)], {
    env: { ...process.env, BENCH_DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc']
  });
  let result: T | undefined;
  child.on('message', (message) => (result = message as T));
  const [code] = await once(child, 'exit');
  if (code !== 0 || !result) throw new Error(`bench: the PostgreSQL ${mode} process for ${count} reports exited with code ${code} before reporting`);
  return result;
}

/** Runs `work` in a new schema, dropping it afterwards whatever happens. */
async function inSchema<T>(admin: pg.Pool, label: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_${process.pid}_${label}`;
  try {
    return await work(schema);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

async function saveRow(url: string, schema: string, stored: number): Promise<Row> {
  const store = await openPostgresStore({ url, schema, poolSize: POOL_SIZE });
  try {
    return {
      area: 'Store',
      case: `PostgreSQL: save one report, ${stored.toLocaleString('en-GB')} stored, one at a time`,
      ...(await timeSaves(store)),
      note: 'a reference number and the insert in one transaction, over loopback'
    };
  } finally {
    await store.close();
  }
}

/** Two stores, each its own pool as in two bot instances, saving into one schema at the same time. */
async function twoInstances(url: string, schema: string, admin: pg.Pool): Promise<Row> {
  const stores = [await openPostgresStore({ url, schema, poolSize: POOL_SIZE }), await openPostgresStore({ url, schema, poolSize: POOL_SIZE })];
  try {
    const [template] = makeReports(1) as NewReport[];
    for (const store of stores) for (let i = 0; i < 20; i++) await store.reports.add(draft(template));
    const times: number[] = [];
    const began = performance.now();
    const until = began + CONCURRENT_SECONDS * 1000;
    const saveUntilTime = async (store: PostgresStore) => {
      while (performance.now() < until) {
        const start = performance.now();
        await store.reports.add(draft(template));
        times.push(performance.now() - start);
      }
    };
    await Promise.all(stores.flatMap((store) => Array.from({ length: IN_FLIGHT }, () => saveUntilTime(store))));
    // Saves still in flight at the deadline finish after it, so the rate is over the time really taken.
    const seconds = (performance.now() - began) / 1000;
    times.sort((a, b) => a - b);
    // Every reference number given once: the numbers handed out equal the reports stored.
    const [{ saved, numbered }] = (
      await admin.query<{ saved: number; numbered: number }>(
        `SELECT (SELECT count(*)::integer FROM ${schema}.reports) AS saved, (SELECT sum(last_number)::integer FROM ${schema}.report_sequences) AS numbered`
      )
    ).rows;
    return {
      area: 'Store',
      case: `PostgreSQL: two instances saving at once, ${IN_FLIGHT} saves in flight each`,
      perSecond: times.length / seconds,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      note: `two pools of ${POOL_SIZE} in this process; ${saved} stored, ${numbered} reference numbers given${saved === numbered ? ', none skipped or repeated' : ''}`
    };
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

/** FOI rows for each size, the save rows, and the goal that memory stays flat. */
export async function benchPostgres(): Promise<{ rows: Row[]; goals: Goal[] }> {
  const goal = `every FOI figure from PostgreSQL: peak memory at 1,000,000 reports within ${FLAT_SHARE * 100}% of that at 10,000`;
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    const note = 'skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a database the bench may create schemas in';
    return {
      rows: [{ area: 'PostgreSQL', case: 'FOI figures and saves', note }],
      goals: [goal, 'every FOI figure from PostgreSQL at 1,000,000 reports in < 1000 ms'].map((text) => ({ goal: text, measured: 'skipped: no database given', met: undefined }))
    };
  }
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const figureRows: Row[] = [];
    const saveRows: Row[] = [];
    const peaks = new Map<number, number>();
    for (const count of SIZES) {
      await inSchema(admin, String(count), async (schema) => {
        const seeded = await child<SeedResult>(url, 'seed', schema, count);
        const result = await child<FiguresResult>(url, 'figures', schema, count);
        peaks.set(count, result.peakAfter);
        figureRows.push({
          area: 'FOI',
          case: `every figure, ${count.toLocaleString('en-GB')} reports, counted in PostgreSQL`,
          timeMs: median(result.times),
          memory: result.peakAfter,
          note: `median of ${result.times.length}; memory is the process's peak RSS (${megabytes(result.peakBefore)} before the first figure); ${result.complaints} complaints counted for question e; seeded in ${seeded.seconds.toFixed(0)} s`
        });
        if (count === SAVES_STORED) saveRows.push(await saveRow(url, schema, count));
      });
    }
    saveRows.unshift(await inSchema(admin, 'empty', (schema) => saveRow(url, schema, 0)));
    saveRows.push(await inSchema(admin, 'instances', (schema) => twoInstances(url, schema, admin)));
    const smallest = peaks.get(SIZES[0])!;
    const largest = peaks.get(SIZES[SIZES.length - 1])!;
    const largestMs = figureRows.at(-1)!.timeMs!;
    return {
      rows: [...figureRows, ...saveRows],
      goals: [
        { goal, measured: `${megabytes(largest)} at 1,000,000, ${megabytes(smallest)} at 10,000`, met: largest <= smallest * (1 + FLAT_SHARE) },
        { goal: 'every FOI figure from PostgreSQL at 1,000,000 reports in < 1000 ms', measured: `${largestMs.toFixed(0)} ms`, met: largestMs < 1000 }
      ]
    };
  } finally {
    await admin.end();
  }
}
