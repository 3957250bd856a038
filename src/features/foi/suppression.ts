/**
 * Small-number suppression for the published answer: counts from 1 to threshold - 1 are
 * shown as "fewer than <threshold>", so no one can be picked out. Exact figures stay with
 * the FOI officer; the outputs say which figures were suppressed.
 */

/** A figure as published: the exact count, or the words that replace it. */
export type Published<T> = T extends number
  ? number | string
  : T extends readonly (infer U)[]
    ? Published<U>[]
    : T extends object
      ? { [K in keyof T]: Published<T[K]> }
      : T;

export interface PublishedFigures<T> {
  figures: Published<T>;
  /** Dotted paths of the suppressed figures, e.g. `e.byCause.training`. */
  suppressed: string[];
  /** The threshold applied; 0 when suppression is off. */
  threshold: number;
}

/** The words shown instead of a small count. */
export function suppressedText(threshold: number): string {
  return `fewer than ${threshold}`;
}

/** True when `count` is suppressed at `threshold` (0 or 1 turns suppression off). */
export function isSuppressed(count: number, threshold: number): boolean {
  return threshold > 1 && count > 0 && count < threshold;
}

/**
 * Applies suppression to every count in `figures` (every number in them is a count).
 * @param threshold counts from 1 to threshold - 1 are replaced; 0 turns suppression off.
 */
export function publish<T extends object>(figures: T, threshold: number): PublishedFigures<T> {
  const suppressed: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'number') {
      if (!isSuppressed(value, threshold)) return value;
      suppressed.push(path);
      return suppressedText(threshold);
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, `${path}.${index}`));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner, path ? `${path}.${key}` : key)]));
    }
    return value;
  };
  return { figures: walk(figures, '') as Published<T>, suppressed, threshold: threshold > 1 ? threshold : 0 };
}
