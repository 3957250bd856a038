/**
 * The store alone, in process: how long saving one report takes with 0, 10,000 and 100,000
 * stored, one save at a time, beside what the earlier single-file layout paid per save
 * (rewriting the whole `reports.json`). This isolates the cost the submission goal is about.
 * Then the same for keeping a policy question with none and 100,000 kept.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JSONFile } from 'lowdb/node';
import { openLowdbStore } from '../src/store/lowdb/store.js';
import type { Store } from '../src/store/store.js';
import type { NewReport, PolicyFeedback } from '../src/store/types.js';
import { makeReports, writeCollections } from './lib/seed.js';
import { percentile } from './lib/stats.js';
import type { Row } from './lib/table.js';
import { STORED } from './submissions.js';

const SECONDS = 2;
const SINGLE_FILE_WRITES = 5;

/** A new device complaint, as the complaint form hands it to the store. */
export function draft(template: NewReport): NewReport {
  return { ...template, submissionId: randomUUID(), submittedAt: new Date().toISOString(), status: 'open', history: [] };
}

/** Saves device complaints into `store` one at a time for a few seconds (after 50 to warm up). */
export async function timeSaves(store: Store): Promise<Pick<Row, 'perSecond' | 'p50' | 'p99'>> {
  const [template] = makeReports(1) as NewReport[];
  for (let i = 0; i < 50; i++) await store.reports.add(draft(template));
  const times: number[] = [];
  const began = performance.now();
  while (performance.now() - began < SECONDS * 1000) {
    const start = performance.now();
    await store.reports.add(draft(template));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { perSecond: times.length / SECONDS, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function saves(stored: number): Promise<Row> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-store-'));
  try {
    if (stored > 0) await writeCollections(dataDir, { reports: makeReports(stored) });
    const store = await openLowdbStore(dataDir);
    const timed = await timeSaves(store);
    await store.close();
    return {
      area: 'Store',
      case: `save one report, ${stored.toLocaleString('en-GB')} stored, one at a time`,
      ...timed,
      note: 'lowdb, reports in files of 250: only the newest file is rewritten'
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What one save cost when every report lived in one `reports.json`: rewriting all of it. */
async function singleFileRewrite(stored: number): Promise<Row> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-single-'));
  try {
    const file = new JSONFile(path.join(dataDir, 'reports.json'));
    const data = { schemaVersion: 1, items: makeReports(stored) };
    const times: number[] = [];
    for (let i = 0; i < SINGLE_FILE_WRITES; i++) {
      const start = performance.now();
      await file.write(data);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return {
      area: 'Store',
      case: `earlier layout: rewrite one reports.json of ${stored.toLocaleString('en-GB')} reports`,
      timeMs: percentile(times, 0.5),
      note: `median of ${SINGLE_FILE_WRITES}; what every save cost before reports were split into files`
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `count` policy questions as the bot keeps them. */
function questions(count: number, from = 0): PolicyFeedback[] {
  return Array.from({ length: count }, (_, i) => ({ id: `q-${from + i}`, at: '2026-11-01T10:00:00.000Z', askerId: `aad-${i % 500}`, question: 'can I use my own phone for work email?', answered: true }));
}

/** Adds one policy question at a time with `stored` already kept: the lowdb feedback files grow as the questions do. */
async function questionSaves(stored: number): Promise<Row> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-feedback-'));
  try {
    if (stored > 0) await writeCollections(dataDir, { feedback: questions(stored) });
    const store = await openLowdbStore(dataDir);
    let next = stored;
    for (let i = 0; i < 50; i++) await store.feedback.add(questions(1, next++)[0]);
    const times: number[] = [];
    const began = performance.now();
    while (performance.now() - began < SECONDS * 1000) {
      const start = performance.now();
      await store.feedback.add(questions(1, next++)[0]);
      times.push(performance.now() - start);
    }
    await store.close();
    times.sort((a, b) => a - b);
    return {
      area: 'Store',
      case: `keep one policy question, ${stored.toLocaleString('en-GB')} kept, one at a time`,
      perSecond: times.length / SECONDS,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      note: 'lowdb, questions in files of 250: only the newest file is rewritten'
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Saves at each stored count, then the single-file rewrite at the largest, then policy questions at none and 100,000 kept. */
export async function benchStore(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const stored of STORED) rows.push(await saves(stored));
  rows.push(await singleFileRewrite(STORED[STORED.length - 1]));
  for (const kept of [0, 100_000]) rows.push(await questionSaves(kept));
  return rows;
}
