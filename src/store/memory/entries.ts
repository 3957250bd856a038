/**
 * A collection that grows with history and is mostly added to (policy questions, the audit
 * trail), split over numbered partitions of a bounded size like the reports: the lowdb store
 * keeps each partition in a file of its own, so adding the 100,000th entry rewrites one small
 * file, as adding the first did, and changing an entry rewrites only the file holding it.
 */
import { copy, type Partition, type Partitions } from './collection.js';

export class PartitionedEntries<T> {
  readonly #partitions: Partition<T>[] = [];
  readonly #source: Partitions<T>;
  readonly #key?: (entry: T) => string;
  /** Entries by key (when they have one), with the partition holding each. */
  readonly #byKey = new Map<string, { entry: T; partition: Partition<T> }>();

  /**
   * @param key an entry's unique key, for {@link find} and {@link update}; without one, entries are only added and listed.
   */
  constructor(source: Partitions<T>, key?: (entry: T) => string) {
    this.#source = source;
    this.#key = key;
    for (const partition of source.existing) this.#adopt(partition);
  }

  #adopt(partition: Partition<T>): void {
    this.#partitions.push(partition);
    this.#indexPartition(partition);
    // A failed write put the partition back as its file holds it: index it again in that step.
    partition.restored = () => this.#reindex();
  }

  #indexPartition(partition: Partition<T>): void {
    if (!this.#key) return;
    for (const entry of partition.items) this.#byKey.set(this.#key(entry), { entry, partition });
  }

  #reindex(): void {
    this.#byKey.clear();
    for (const partition of this.#partitions) this.#indexPartition(partition);
  }

  /** Adds `entry` (not copied: the caller hands over a copy) to the newest partition and resolves once that one is kept. */
  append(entry: T): Promise<void> {
    let newest = this.#partitions.at(-1);
    if (!newest || newest.items.length >= this.#source.size) {
      newest = this.#source.create((newest?.number ?? 0) + 1);
      this.#adopt(newest);
    }
    newest.items.push(entry);
    if (this.#key) this.#byKey.set(this.#key(entry), { entry, partition: newest });
    return newest.keep();
  }

  /** The entry with this key, as held (not a copy). */
  find(key: string): T | undefined {
    return this.#byKey.get(key)?.entry;
  }

  /**
   * Changes the entry with this key in place with `apply`, in one synchronous step, and
   * resolves once the partition holding it is kept; undefined when there is no such entry.
   */
  async update(key: string, apply: (entry: T) => void): Promise<T | undefined> {
    const held = this.#byKey.get(key);
    if (!held) return undefined;
    apply(held.entry);
    await held.partition.keep();
    return held.entry;
  }

  get count(): number {
    return this.#partitions.reduce((sum, partition) => sum + partition.items.length, 0);
  }

  /** Every entry as held (not copies), in the order added. */
  all(): T[] {
    return this.partitions().flat();
  }

  /** The entries of each partition as held now (not copies), in order. */
  partitions(): T[][] {
    return this.#partitions.map((partition) => partition.items.slice());
  }

  /**
   * Puts the entries of a rewrite back into partitions, in one synchronous step; resolves
   * once every partition is kept. `given` is what the rewrite was handed, in the order of
   * {@link all}. Each entry stays in the partition it came from (found by identity or key),
   * so a file never loses an entry that another file gains; an entry the rewrite made anew
   * (an anonymised copy) takes the place of the one it replaced, filling the partition it is
   * in up to what that partition held, and entries added at the end go to the newest.
   * The entries are copied, so the rewrite keeps no hold on what the store holds.
   */
  replace(entries: T[], given: readonly T[]): Promise<void>[] {
    const from = new Map<unknown, number>();
    let at = 0;
    this.#partitions.forEach((partition, index) => {
      for (let i = 0; i < partition.items.length; i++, at++) {
        from.set(given[at], index);
        if (this.#key) from.set(this.#key(given[at]), index);
      }
    });
    const held = this.#partitions.map((partition) => partition.items.length);
    const placed: T[][] = this.#partitions.map(() => []);
    let current = 0;
    for (const entry of entries) {
      const origin = from.get(entry) ?? (this.#key ? from.get(this.#key(entry)) : undefined);
      if (origin !== undefined) current = Math.max(current, origin);
      else while (current < placed.length - 1 && placed[current].length >= held[current]) current++;
      if (placed.length === 0) {
        this.#adopt(this.#source.create(1));
        placed.push([]);
      }
      placed[current].push(entry);
    }
    return this.restore(copy(placed));
  }

  /** Puts every partition back as `partitions` (from {@link partitions}) held them; resolves once every partition is kept. */
  restore(partitions: T[][]): Promise<void>[] {
    this.#partitions.forEach((partition, index) => (partition.items = partitions[index] ?? []));
    this.#reindex();
    return this.#partitions.map((partition) => partition.keep());
  }
}
