/**
 * Server-side checking of card submissions. A card's own `isRequired` checks are a
 * convenience; these are the ones that count.
 */
import { z } from 'zod';

/** Problems by input id, worded for the person who filled the card in. */
export type FieldErrors = Record<string, string>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Parses card data with a schema; on failure, names the first problem of each field. */
export function checkCardData<S extends z.ZodTypeAny>(schema: S, data: unknown): Checked<z.infer<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

const guid = z.string().uuid();

/** True for a GUID: a Teams (Entra ID) object id, or a submission id the bot made. */
export function isGuid(value: unknown): value is string {
  return guid.safeParse(value).success;
}

/** Everything a card sends is text; trims it and treats blank as missing. */
export const cardText = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ required_error: message, invalid_type_error: message }).min(1, message));

/** One of a fixed set of choice values. */
export const cardChoice = <const T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) })
  );

/** A multi-select `Input.ChoiceSet`: a comma-separated string of choice values, possibly empty. */
export const cardMultiChoice = <const T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ invalid_type_error: message })
      .max(1000, message)
      .transform((v) => [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))])
      .pipe(z.array(z.enum(values as [T, ...T[]], { errorMap: () => ({ message }) })))
  );

/** The first `max` characters of `text`, never cutting one (an emoji) in half. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : Array.from(text).slice(0, max).join('');
}

/**
 * The values to show again when a card is re-shown: whatever the person sent, as text,
 * so nothing they typed is lost.
 */
export function keptValues(data: Record<string, unknown>, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = data[field];
    values[field] = typeof value === 'string' ? clip(value, 5000) : '';
  }
  return values;
}

/** An empty message for every field, so card templates can test `errors.x != ''`. */
export function errorSlots(fields: readonly string[], errors: FieldErrors = {}): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, errors[field] ?? '']));
}
