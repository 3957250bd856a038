/** One collection as a store holds it, read whole: tests look at everything, features never need to. */
import type { CollectionName, Store, StoredData } from '../../src/store/store.js';

export async function allStored<K extends CollectionName>(store: Store, name: K): Promise<StoredData[K]> {
  return (await store.snapshot())[name];
}
