/**
 * Reading an import CSV all-or-nothing: every row is checked against a schema, and any
 * problem is reported with its line number so the file can be fixed and imported again.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export type ImportResult<T> = { ok: true; rows: T[] } | { ok: false; errors: string[] };

/** Stop listing after this many problems; the file needs fixing either way. */
const MAX_ERRORS = 50;

/**
 * Parses `text` (a CSV with a header row) and checks each row with `schema`; each row
 * keeps its `line` number for later checks across rows.
 * @param columns the required columns; `optional` may also appear; any other column is an error.
 */
export function readCsv<S extends z.ZodTypeAny>(
  text: string,
  columns: readonly string[],
  schema: S,
  optional: readonly string[] = []
): ImportResult<z.output<S> & { line: number }> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (error) {
    return { ok: false, errors: [`the file is not valid CSV: ${(error as Error).message}`] };
  }
  const header = headerOf(text);
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !columns.includes(c) && !optional.includes(c));
  const errors: string[] = [];
  if (missing.length) errors.push(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (unknown.length) errors.push(`line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (expected ${columns.join(',')})`);
  if (errors.length) return { ok: false, errors };
  if (records.length === 0) return { ok: false, errors: ['the file has no rows after the header'] };

  const rows: Array<z.output<S> & { line: number }> = [];
  for (const { record, info } of records) {
    const checked = schema.safeParse(record);
    if (checked.success) rows.push({ ...checked.data, line: info.lines });
    else {
      // One problem per column is enough to fix it; list items add an index nobody needs.
      const seen = new Set<string>();
      for (const issue of checked.error.issues) {
        const column = String(issue.path[0] ?? 'row');
        if (!seen.has(column)) errors.push(`line ${info.lines}: ${column}: ${issue.message}`);
        seen.add(column);
      }
    }
    if (errors.length >= MAX_ERRORS) {
      errors.push(`stopped after ${MAX_ERRORS} problems`);
      break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

function headerOf(text: string): string[] {
  const [first = []] = parse(text, { bom: true, to_line: 1, trim: true }) as string[][];
  return first.map((h) => h.trim().toLowerCase());
}

/** A required text cell. */
export const requiredText = (max: number) => z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(max, `is longer than ${max} characters`);

/** A cell that must be one of `values` (case-insensitive); `fallback` when empty. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback?: T[number]) {
  const message = `must be one of ${values.join(', ')}`;
  return z
    .string()
    .trim()
    .transform((value) => value.toLowerCase())
    .transform((value) => (value === '' && fallback !== undefined ? fallback : value))
    .pipe(z.enum(values, { errorMap: () => ({ message }) }));
}

/** A `;`-separated list of values from `values`, possibly empty; each kept once. */
export function listOf<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `must be values from ${values.join(', ')} separated by ";"`;
  return z
    .string()
    .trim()
    .transform((value) => (value === '' ? [] : value.split(';').map((part) => part.trim().toLowerCase()).filter(Boolean)))
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message }) })))
    .transform((list) => [...new Set(list)]);
}
