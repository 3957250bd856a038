/**
 * A collection kept in a lowdb JSON file. lowdb's file adapter writes a temporary file and
 * renames it, so a crash never leaves a half-written file; changes that arrive while the
 * file is being written go out together in its next write (see coalesced-writes.ts). A write
 * that fails puts the collection back as the file holds it.
 */
import { Low, type Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import { SCHEMA_VERSION, type CollectionFile } from '../layout.js';
import type { Partition } from '../memory/collection.js';
import type { CollectionName } from '../stored-data.js';
import { CoalescedWrites } from './coalesced-writes.js';
import { readCollectionFile } from './collection-file.js';

/**
 * lowdb's JSON file adapter (same format), remembering the text last read or written: what
 * the file holds, to go back to when a write fails.
 */
class KeptJSONFile<T> implements Adapter<T> {
  readonly #file: TextFile;
  #kept: string | null = null;

  constructor(filename: string) {
    this.#file = new TextFile(filename);
  }

  async read(): Promise<T | null> {
    const text = await this.#file.read();
    const data = text === null ? null : (JSON.parse(text) as T);
    this.#kept = text;
    return data;
  }

  async write(data: T): Promise<void> {
    // Turned into text at once, so changes made while it is written wait for the next write.
    const text = JSON.stringify(data, null, 2);
    await this.#file.write(text);
    this.#kept = text;
  }

  /** The data as the file holds it, or null when it was never read or written. */
  kept(): T | null {
    return this.#kept === null ? null : (JSON.parse(this.#kept) as T);
  }
}

export class DataFile<T> implements Partition<T> {
  readonly #db: Low<CollectionFile<T>>;
  readonly #file: KeptJSONFile<CollectionFile<T>>;
  readonly #writes: CoalescedWrites;
  /** The file's number, for report files; 0 for the others. */
  readonly number: number;
  restored?: () => void;

  constructor(filename: string, number = 0) {
    const file = new KeptJSONFile<CollectionFile<T>>(filename);
    const db = new Low(file, { schemaVersion: SCHEMA_VERSION, items: [] });
    this.#db = db;
    this.#file = file;
    this.#writes = new CoalescedWrites(
      () => db.write(),
      () => this.#restore()
    );
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
   * @param collection what the file holds, whose schema each record must fit.
   * @throws StoreError when the file is unreadable, not the bot's or holds a record that does
   *   not fit; nothing is written then.
   */
  async read(where: string, collection: CollectionName): Promise<this> {
    const data = await readCollectionFile(() => this.#db.read().then(() => this.#db.data), where, collection);
    if (data) this.#db.data = data as CollectionFile<T>;
    return this;
  }

  keep(): Promise<void> {
    // A file of an earlier schema version is written in the current one.
    this.#db.data.schemaVersion = SCHEMA_VERSION;
    return this.#writes.request();
  }

  /** Puts the items back as the file holds them, and tells whoever indexes them. */
  #restore(): void {
    this.#db.data = this.#file.kept() ?? { schemaVersion: SCHEMA_VERSION, items: [] };
    this.restored?.();
  }

  /** Resolves when no write is running or waiting. */
  idle(): Promise<void> {
    return this.#writes.idle();
  }
}
