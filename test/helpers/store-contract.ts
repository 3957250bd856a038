/**
 * The store contract's set-up: each aggregate's contract runs against the memory store, the
 * lowdb file store and the PostgreSQL store (a fresh schema per test in TEST_DATABASE_URL).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLowdbStore } from '../../src/store/lowdb/store.js';
import type { Store } from '../../src/store/store.js';
import type { Report } from '../../src/store/types.js';
import { openMemoryStore } from './memory-store.js';
import { freshSchema } from './postgres.js';

interface Subject {
  /** Opens the store; called again, opens another on the same data (a restart, or a second instance). */
  open(): Promise<Store>;
  done(): Promise<void>;
}

/** Each store: its name, whether it keeps data once closed, and how to set one up. */
const SUBJECTS: Array<[string, boolean, () => Promise<Subject>]> = [
  ['memory store', false, async () => ({ open: () => openMemoryStore(), done: async () => undefined })],
  [
    'lowdb store',
    true,
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'store-contract-'));
      return { open: () => openLowdbStore(dir), done: () => rm(dir, { recursive: true, force: true }) };
    }
  ],
  [
    'PostgreSQL store',
    true,
    async () => {
      const schema = await freshSchema();
      return { open: () => schema.open(), done: () => schema.drop() };
    }
  ]
];

/** What a contract's tests get. */
export interface ContractContext {
  /** Opens the store under test; called again, opens another on the same data. */
  open(): Promise<Store>;
  /** Whether the store keeps its data once closed (all but the memory store). */
  durable: boolean;
}

/** Defines `tests` once for each store, as "<store>: <title>". */
export function storeContract(title: string, tests: (context: ContractContext) => void): void {
  for (const [name, durable, subject] of SUBJECTS) {
    describe(`${name}: ${title}`, () => {
      let current: Subject;
      beforeEach(async () => {
        current = await subject();
      });
      afterEach(async () => {
        await current.done();
      });
      tests({ open: () => current.open(), durable });
    });
  }
}

export async function collect(reports: AsyncIterable<Report>): Promise<Report[]> {
  const all: Report[] = [];
  for await (const report of reports) all.push(report);
  return all;
}
