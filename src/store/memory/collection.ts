/**
 * The memory store's collections: each one's records in an array, changed in place in one
 * synchronous step (so read-modify-write never interleaves) and then kept. Kept only in
 * memory, that is at once (what tests use); the lowdb store gives each collection a file, and
 * keeping it is writing the file.
 */

export interface Collection<T> {
  /** The records, in stored order. A rewrite replaces the array. */
  items: T[];
  /**
   * Resolves once the records as they are now are kept. Rejects if keeping them failed, and
   * then `items` is back as last kept: a change the caller is told failed is never kept later.
   */
  keep(): Promise<void>;
  /** Called when `items` were put back after a failed keep, for whoever indexes them. */
  restored?: () => void;
}

/** One of the numbered collections a collection that grows with history is split over (see layout.ts). */
export interface Partition<T> extends Collection<T> {
  readonly number: number;
}

/** Where a split collection's partitions come from. */
export interface Partitions<T> {
  /** The partitions there are, in order (the lowdb files read at start). */
  existing: Partition<T>[];
  /** A new, empty partition numbered `number` (a new file, for lowdb). */
  create(number: number): Partition<T>;
  /** Records a partition holds before the next is started. */
  size: number;
}

/** Applies `apply` to a collection's records in memory at once, then waits until they are kept. */
export async function change<T, R>(collection: Collection<T>, apply: (items: T[]) => R): Promise<R> {
  const result = apply(collection.items);
  await collection.keep();
  return result;
}

/**
 * Callers get copies, so nothing outside the store can change what it holds. A whole list
 * is copied in one call, which is about twice as fast as copying its items one by one.
 */
export function copy<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** Replaces the record `matches` finds, or adds `record` at the end. */
export function upsert<T>(items: T[], record: T, matches: (item: T) => boolean): void {
  const at = items.findIndex(matches);
  if (at >= 0) items[at] = record;
  else items.push(record);
}
