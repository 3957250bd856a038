/**
 * Calendar dates for FOI figures. Every report time is read as a calendar date in the
 * council's time zone, so a complaint sent at 00:30 BST on 1 June counts as 1 June.
 */
import { DateTime } from 'luxon';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2019-02-29 is not one). */
export function isCalendarDate(text: string): boolean {
  return ISO_DATE.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/** The calendar date (YYYY-MM-DD) of an ISO date-time in `timeZone`. */
export function calendarDate(isoDateTime: string, timeZone: string): string {
  const moment = DateTime.fromISO(isoDateTime, { zone: 'UTC' });
  if (!moment.isValid) throw new Error(`foi: not an ISO date-time: ${isoDateTime}`);
  return moment.setZone(timeZone).toISODate() as string;
}

/** Today's calendar date in `timeZone`. */
export function today(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate() as string;
}

/** A window of calendar dates, both ends included. */
export interface DateWindow {
  from: string;
  to: string;
}

/**
 * "The 12 months up to and including `asOf`": the days after the same calendar date a year
 * earlier, up to and including `asOf`. When that date does not exist (29 February) the
 * year-earlier date is 28 February, so as of 2020-02-29 the window starts on 2019-03-01.
 */
export function twelveMonthsTo(asOf: string): DateWindow {
  const end = DateTime.fromISO(asOf, { zone: 'UTC' });
  if (!isCalendarDate(asOf)) throw new Error(`foi: not a calendar date: ${asOf}`);
  // Luxon clamps 2020-02-29 minus one year to 2019-02-28, the last day outside the window.
  const from = end.minus({ years: 1 }).plus({ days: 1 });
  return { from: from.toISODate() as string, to: asOf };
}

/** True when `date` lies in `window` (both ends included; YYYY-MM-DD compares as text). */
export function inWindow(date: string, window: DateWindow): boolean {
  return date >= window.from && date <= window.to;
}

/**
 * Reads an imported `submitted_at`: a date (taken as the start of that day), a local
 * date-time (in `timeZone`) or a date-time with an offset. Returns an ISO UTC time, or
 * undefined when the text is not a real date.
 */
export function parseSubmittedAt(text: string, timeZone: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return undefined;
  const moment = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone: timeZone });
  return moment.isValid ? (moment.toUTC().toISO() as string) : undefined;
}
