/**
 * Bot Framework conversation and user state, kept between turns. The shape is botbuilder's
 * `Storage`, so the app passes it to teams-ai as is, and the store needs nothing of botbuilder.
 *
 * Writes follow botbuilder's storage contract: an item read with an `eTag` is written only if
 * nobody has changed it since (otherwise the write fails, as with botbuilder's own stores);
 * `*` or no eTag overwrites.
 */

/** One state item: plain JSON, with the `eTag` it was read with. */
export type StateItem = Record<string, unknown> & { eTag?: string };

export interface BotStateStore {
  read(keys: string[]): Promise<Record<string, StateItem>>;
  write(changes: Record<string, StateItem>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/** The error botbuilder's stores give for a write based on a stale eTag. */
export function eTagConflict(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

/** True for the error {@link eTagConflict} makes. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /due to eTag conflict\.$/.test(error.message);
}
