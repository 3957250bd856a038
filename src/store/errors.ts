/** The one error the store throws for data it cannot use. */

/** Thrown when data cannot be read or is not the bot's; the data is left untouched. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`store: ${message}`, options);
    this.name = 'StoreError';
  }
}
