/**
 * A collection kept in a lowdb JSON file. lowdb's file adapter writes a temporary file and
 * renames it, so a crash never leaves a half-written file; changes that arrive while the
 * file is being written go out together in its next write (see coalesced-writes.ts).
 */
import { Low, type Adapter } from 'lowdb';
import { SCHEMA_VERSION, type CollectionFile } from '../layout.js';
import type { ReportPartition } from '../memory/collection.js';
import { CoalescedWrites } from './coalesced-writes.js';
import { readCollectionFile } from './collection-file.js';

export class DataFile<T> implements ReportPartition<T> {
  readonly #db: Low<CollectionFile<T>>;
  readonly #writes: CoalescedWrites;
  /** The file's number, for report files; 0 for the others. */
  readonly number: number;

  constructor(adapter: Adapter<CollectionFile<T>>, number = 0) {
    const db = new Low(adapter, { schemaVersion: SCHEMA_VERSION, items: [] });
    this.#db = db;
    this.#writes = new CoalescedWrites(() => db.write());
    this.number = number;
  }

  get items(): T[] {
    return this.#db.data.items;
  }

  set items(items: T[]) {
    this.#db.data = { schemaVersion: SCHEMA_VERSION, items };
  }

  /**
   * Reads the file; a file that does not exist yet reads as empty.
   * @param where the file's name, for messages.
   * @throws StoreError when the file is unreadable or not the bot's; nothing is written then.
   */
  async read(where: string): Promise<this> {
    const data = await readCollectionFile(() => this.#db.read().then(() => this.#db.data), where);
    if (data) this.#db.data = data as CollectionFile<T>;
    return this;
  }

  keep(): Promise<void> {
    // A file of an earlier schema version is written in the current one.
    this.#db.data.schemaVersion = SCHEMA_VERSION;
    return this.#writes.request();
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#writes.idle();
  }
}
