/** Calendar dates (YYYY-MM-DD) in the council's time zone, for cards and reports. */
import { z } from 'zod';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Formatters are costly to build (a millisecond or so on a busy machine) and cheap to reuse, so each is built once.
const calendarFormats = new Map<string, Intl.DateTimeFormat>();
const readableFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** The calendar date of `at` in `timeZone`, as YYYY-MM-DD. */
export function calendarDate(at: Date, timeZone: string): string {
  let format = calendarFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    calendarFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** `date` moved by whole months (negative goes back), clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** A date for people to read, e.g. "3 March 2026". */
export function readableDate(date: string): string {
  return readableFormat.format(new Date(`${date}T00:00:00Z`));
}

/** The dates a report form accepts: from `earliest` to `latest` (today), both included. */
export interface DateBounds {
  earliest: string;
  latest: string;
}

/** Today and the earliest date a report may be about, `monthsBack` months ago. */
export function reportDateBounds(now: Date, timeZone: string, monthsBack: number): DateBounds {
  const latest = calendarDate(now, timeZone);
  return { earliest: addMonths(latest, -monthsBack), latest };
}

/** An `Input.Date` value: a real date within `bounds`. */
export const cardDate = (bounds: DateBounds) => {
  const message = `Choose a date from ${readableDate(bounds.earliest)} to today.`;
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ required_error: message, invalid_type_error: message })
      .refine((v) => isCalendarDate(v) && v >= bounds.earliest && v <= bounds.latest, message)
  );
};
