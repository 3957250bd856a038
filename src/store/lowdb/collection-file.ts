/** The check that a data file read back is one of ours (see layout.ts for its shape). */
import { StoreError } from '../errors.js';
import { SCHEMA_VERSION, type CollectionFile } from '../layout.js';
import { parseStoredItems } from '../schemas.js';
import type { CollectionName } from '../stored-data.js';

/**
 * Checks data read from `where` (a file name for messages).
 * @throws StoreError when it is not a collection file or has a newer schema; the caller writes nothing then.
 */
export function checkCollectionFile(data: unknown, where: string): asserts data is CollectionFile<unknown> {
  const file = data as CollectionFile<unknown> | null;
  if (typeof file !== 'object' || file === null || typeof file.schemaVersion !== 'number' || !Array.isArray(file.items)) {
    throw new StoreError(`${where} is not a data file of this bot (expected {"schemaVersion", "items": [...]}). It has not been changed.`);
  }
  if (file.schemaVersion > SCHEMA_VERSION) {
    throw new StoreError(`${where} has schema version ${file.schemaVersion}, newer than this bot's ${SCHEMA_VERSION}. Upgrade the bot; the file has not been changed.`);
  }
}

/**
 * Reads a file of `collection` with `read`, naming the file if that fails, and checks each
 * of its records (see ../schemas.ts).
 * @throws StoreError naming the file (and the record) that cannot be used; nothing is written then.
 */
export async function readCollectionFile(read: () => Promise<unknown>, where: string, collection: CollectionName): Promise<CollectionFile<unknown> | undefined> {
  let data: unknown;
  try {
    data = await read();
  } catch (error) {
    throw new StoreError(`cannot read ${where}: ${(error as Error).message}. Fix or restore the file; it has not been changed.`, { cause: error });
  }
  if (data === null || data === undefined) return undefined;
  checkCollectionFile(data, where);
  return { ...data, items: parseStoredItems(collection, data.items, where) };
}
