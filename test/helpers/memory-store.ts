/** The memory store, for tests: every collection kept only in memory, empty to begin with. */
import { ENTRIES_PER_FILE, REPORTS_PER_FILE } from '../../src/store/layout.js';
import type { Collection, Partition } from '../../src/store/memory/collection.js';
import { MemoryStore, WHOLE_COLLECTIONS, type MemorySource } from '../../src/store/memory/store.js';
import type { Store } from '../../src/store/store.js';
import type { Report } from '../../src/store/types.js';

/** A collection kept only in memory: keeping a change takes nothing. */
function memoryCollection<T>(): Collection<T> {
  return { items: [], keep: async () => undefined };
}

export async function openMemoryStore(): Promise<Store> {
  const collections = Object.fromEntries(WHOLE_COLLECTIONS.map((name) => [name, memoryCollection()]));
  const partition = <T = Report>(number: number): Partition<T> => ({ ...memoryCollection<T>(), number });
  const source: MemorySource = {
    kind: 'memory',
    collections: collections as unknown as MemorySource['collections'],
    reports: { existing: [], create: partition, size: REPORTS_PER_FILE },
    entries: { feedback: { existing: [], create: partition, size: ENTRIES_PER_FILE }, audit: { existing: [], create: partition, size: ENTRIES_PER_FILE } },
    settled: async () => undefined
  };
  return new MemoryStore(source);
}
