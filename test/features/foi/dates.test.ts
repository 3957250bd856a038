import assert from 'node:assert/strict';
import { calendarDate, inWindow, parseSubmittedAt, startOfDay, twelveMonthsTo } from '../../../src/features/foi/dates.js';
import { calendarDate as calendarDateOfMoment, isCalendarDate } from '../../../src/shared/dates.js';

describe('FOI dates', () => {
  it('the 12 months to 2020-02-11 run from 2019-02-12 to 2020-02-11', () => {
    const window = twelveMonthsTo('2020-02-11');
    assert.deepEqual(window, { from: '2019-02-12', to: '2020-02-11' });
    assert.equal(inWindow('2019-02-11', window), false);
    assert.equal(inWindow('2019-02-12', window), true);
    assert.equal(inWindow('2020-02-11', window), true);
    assert.equal(inWindow('2020-02-12', window), false);
  });

  it('leap years: as of 2020-02-29 the window starts 2019-03-01; as of 2021-02-28 it holds 2020-02-29', () => {
    const leap = twelveMonthsTo('2020-02-29');
    assert.deepEqual(leap, { from: '2019-03-01', to: '2020-02-29' });
    assert.equal(inWindow('2019-02-28', leap), false);
    assert.equal(inWindow('2019-03-01', leap), true);
    const after = twelveMonthsTo('2021-02-28');
    assert.deepEqual(after, { from: '2020-02-29', to: '2021-02-28' });
    assert.deepEqual(twelveMonthsTo('2020-03-01'), { from: '2019-03-02', to: '2020-03-01' });
  });

  it('reads report times as calendar dates in the council time zone', () => {
    assert.equal(calendarDate('2019-06-30T23:30:00.000Z', 'Europe/London'), '2019-07-01');
    assert.equal(calendarDate('2019-06-30T23:30:00.000Z', 'UTC'), '2019-06-30');
    assert.equal(calendarDate('2020-02-11T23:59:00.000Z', 'Europe/London'), '2020-02-11');
    assert.equal(calendarDateOfMoment(new Date('2020-03-29T23:30:00Z'), 'Europe/London'), '2020-03-30');
  });

  it('reads the date within an hour whose half falls on the next day (a zone half an hour off UTC)', () => {
    // 18:00 to 19:00 UTC is 23:30 to 00:30 in India: one UTC hour, two dates.
    assert.equal(calendarDate('2020-06-30T18:15:00.000Z', 'Asia/Kolkata'), '2020-06-30');
    assert.equal(calendarDate('2020-06-30T18:45:00.000Z', 'Asia/Kolkata'), '2020-07-01');
    assert.equal(calendarDate('2020-06-30T18:20:00.000Z', 'Asia/Kolkata'), '2020-06-30');
  });

  it('refuses a report time that is not a real date-time, rather than rolling it over', () => {
    assert.throws(() => calendarDate('2019-02-30T10:00:00.000Z', 'Europe/London'), /foi: not an ISO date-time: 2019-02-30T10:00:00.000Z/);
    assert.throws(() => calendarDate('yesterday', 'Europe/London'), /foi: not an ISO date-time: yesterday/);
  });

  it('refuses an as-of date or a first date that is not a calendar date, or a time zone it cannot read', () => {
    assert.throws(() => twelveMonthsTo('2019-02-30'), /foi: not a calendar date: 2019-02-30/);
    assert.throws(() => startOfDay('2019-02-30', 'Europe/London'), /foi: not a calendar date: 2019-02-30/);
    assert.throws(() => startOfDay('2019-07-01', 'Europe/Nowhere'), /foi: cannot read 2019-07-01 in the time zone Europe\/Nowhere/);
    assert.equal(startOfDay('2019-07-01', 'Europe/London'), '2019-06-30T23:00:00.000Z');
    assert.equal(startOfDay('2019-07-01', 'Europe/London', 1), '2019-07-01T23:00:00.000Z');
  });

  it('knows real calendar dates', () => {
    assert.equal(isCalendarDate('2020-02-29'), true);
    assert.equal(isCalendarDate('2019-02-29'), false);
    assert.equal(isCalendarDate('2020-2-1'), false);
    assert.equal(isCalendarDate('11/02/2020'), false);
  });

  it('parses imported dates, local date-times and date-times with offsets', () => {
    assert.equal(parseSubmittedAt('2019-07-01', 'Europe/London'), '2019-06-30T23:00:00.000Z');
    assert.equal(parseSubmittedAt('2019-07-01T09:15', 'Europe/London'), '2019-07-01T08:15:00.000Z');
    assert.equal(parseSubmittedAt('2019-07-01 09:15:30', 'Europe/London'), '2019-07-01T08:15:30.000Z');
    assert.equal(parseSubmittedAt('2019-07-01T09:15:00Z', 'Europe/London'), '2019-07-01T09:15:00.000Z');
    assert.equal(parseSubmittedAt('2019-07-01T09:15:00+02:00', 'Europe/London'), '2019-07-01T07:15:00.000Z');
    assert.equal(parseSubmittedAt('2019-02-30', 'Europe/London'), undefined);
    assert.equal(parseSubmittedAt('yesterday', 'Europe/London'), undefined);
    assert.equal(parseSubmittedAt('01/07/2019', 'Europe/London'), undefined);
    assert.equal(parseSubmittedAt(' 2019-07-01T09:15:30.250 ', 'Europe/London'), '2019-07-01T08:15:30.250Z', 'fractions of a second, spaces around');
    assert.equal(parseSubmittedAt('2019-07-01T09:15:00+0200', 'Europe/London'), '2019-07-01T07:15:00.000Z', 'an offset without a colon');
    // Luxon reads these, but an import's submitted_at is a whole date or a date-time.
    for (const partial of ['2019-07', '2019-182', '2019-W27-1', '+002019-07-01', '2019-07-01T09', '2019-07-01T09:15:30.x']) {
      assert.equal(parseSubmittedAt(partial, 'Europe/London'), undefined, partial);
    }
  });
});
