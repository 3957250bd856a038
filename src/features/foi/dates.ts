/**
 * Calendar dates for FOI figures. Every report time is read as a calendar date in the
 * council's time zone, so a complaint sent at 00:30 BST on 1 June counts as 1 June.
 */
import { DateTime } from 'luxon';
import { isCalendarDate } from '../../shared/dates.js';

const HOUR = 3_600_000;
/** A UTC date-time as the bot stores it (`Date.prototype.toISOString`). */
const STORED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
/** "<zone> <UTC hour in ms>" -> that hour's calendar date, or null when the date or offset changes within it. */
const hourDates = new Map<string, string | null>();

/**
 * The calendar date (YYYY-MM-DD) of an ISO date-time in `timeZone`. FOI figures ask this of
 * every report, so the answer is kept per UTC hour: within an hour whose offset and date do
 * not change, every moment has the same date (hours with a change are worked out exactly).
 */
export function calendarDate(isoDateTime: string, timeZone: string): string {
  if (STORED_DATE_TIME.test(isoDateTime)) {
    const at = Date.parse(isoDateTime);
    // Date.parse rolls 30 February over to March; a real date-time reads back the same.
    if (!Number.isNaN(at) && new Date(at).toISOString().slice(0, 19) === isoDateTime.slice(0, 19)) {
      const hour = Math.floor(at / HOUR) * HOUR;
      const key = `${timeZone} ${hour}`;
      let date = hourDates.get(key);
      if (date === undefined) {
        if (hourDates.size >= 200_000) hourDates.clear();
        date = wholeHourDate(hour, timeZone);
        hourDates.set(key, date);
      }
      if (date !== null) return date;
    }
  }
  const moment = DateTime.fromISO(isoDateTime, { zone: 'UTC' });
  if (!moment.isValid) throw new Error(`foi: not an ISO date-time: ${isoDateTime}`);
  return moment.setZone(timeZone).toISODate() as string;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Local date, hour and minute of `at` in `timeZone` (Intl: far quicker than building zoned dates). */
function localMinute(at: number, timeZone: string): { date: string; minutes: number } | undefined {
  let format = hourFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      return undefined;
    }
    hourFormats.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(at)) part[type] = value;
  return { date: `${part.year}-${part.month}-${part.day}`, minutes: Number(part.hour) * 60 + Number(part.minute) };
}

/**
 * The calendar date of the UTC hour starting at `hour` (ms), or null when it is not one
 * date throughout: the date differs at its ends, or the clock moved (local time did not
 * advance by exactly 59 minutes between its first and last minute).
 */
function wholeHourDate(hour: number, timeZone: string): string | null {
  const start = localMinute(hour, timeZone);
  const end = localMinute(hour + HOUR - 1, timeZone);
  if (!start || !end || start.date !== end.date || end.minutes - start.minutes !== 59) return null;
  return start.date;
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

/**
 * The first instant (ISO, UTC) of the calendar day `days` after `date` in `timeZone`: where the
 * figures' dates begin and end as instants. Local dates are taken to run forward with time,
 * as they do in the UK (clocks change at 01:00 UTC, never across midnight).
 */
export function startOfDay(date: string, timeZone: string, days = 0): string {
  if (!isCalendarDate(date)) throw new Error(`foi: not a calendar date: ${date}`);
  const start = DateTime.fromISO(date, { zone: timeZone }).plus({ days });
  if (!start.isValid) throw new Error(`foi: cannot read ${date} in the time zone ${timeZone}`);
  return start.toUTC().toISO() as string;
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
