import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../src/model/calendar.js';
import { dayOf, isoOf } from '../../src/model/dates.js';
import { runs as caseCount } from '../property.js';

/** fast-check parameters: `numRuns` cases in `npm test`, ten times as many in `npm run test:slow` (the seed: test/property.ts). */
function runs(numRuns = 100): fc.Parameters<unknown> {
  return { numRuns: caseCount(numRuns, numRuns * 10) };
}

const policy = {
  terms: [
    { name: 'Fall 2025', start: '2025-08-18', end: '2025-12-19' },
    { name: 'Spring 2026', start: '2026-01-06', end: '2026-05-29' },
    { name: 'Fall 2026', start: '2026-08-17', end: '2026-12-18' },
  ],
  closed: ['2025-11-26', '2025-11-27', '2025-11-28', '2026-03-16/2026-03-20'],
};

/** The definition, day by day. */
function naiveWindowStart(cal: SchoolCalendar, asOf: number, n: number, floor: number): number {
  let count = 0;
  for (let d = asOf; d >= floor; d--) {
    if (cal.isSchoolDay(d)) {
      count++;
      if (count === n) return d;
    }
  }
  return NaN;
}

describe('SchoolCalendar without a calendar', () => {
  const cal = new SchoolCalendar(null);
  it('counts weekdays', () => {
    expect(cal.hasCalendar).toBe(false);
    expect(cal.isSchoolDay(dayOf('2026-11-20'))).toBe(true);
    expect(cal.isSchoolDay(dayOf('2026-11-21'))).toBe(false);
    expect(cal.schoolDaysBetween(dayOf('2026-11-16'), dayOf('2026-11-22'))).toBe(5);
    expect(cal.schoolDaysBetween(dayOf('2026-11-21'), dayOf('2026-11-22'))).toBe(0);
    expect(cal.schoolDaysBetween(dayOf('2026-11-22'), dayOf('2026-11-21'))).toBe(0);
  });
  it('gives the spec windows as of Friday 2026-11-20', () => {
    const asOf = dayOf('2026-11-20');
    expect(isoOf(cal.windowStart(asOf, 30))).toBe('2026-10-12');
    expect(isoOf(cal.windowStart(asOf, 90))).toBe('2026-07-20');
    expect(isoOf(cal.windowStart(asOf, 1))).toBe('2026-11-20');
    expect(isoOf(cal.windowStart(dayOf('2026-11-22'), 1))).toBe('2026-11-20');
    expect(isoOf(cal.windowStart(dayOf('2026-11-23'), 2))).toBe('2026-11-20');
    expect(cal.windowStart(asOf, 0)).toBe(asOf + 1);
  });
  it('agrees with the day-by-day definition', () => {
    const naiveWeekday = (d: number): boolean => {
      const w = new Date(d * 86_400_000).getUTCDay();
      return w !== 0 && w !== 6;
    };
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 30000 }), (d) => {
        expect(cal.isSchoolDay(d)).toBe(naiveWeekday(d));
      }),
      runs(),
    );
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 30000 }), fc.integer({ min: 1, max: 200 }), (asOf, n) => {
        expect(cal.windowStart(asOf, n)).toBe(naiveWindowStart(cal, asOf, n, asOf - 400));
      }),
      runs(),
    );
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 30000 }), fc.integer({ min: -3, max: 60 }), (from, len) => {
        let count = 0;
        for (let d = from; d <= from + len; d++) if (cal.isSchoolDay(d)) count++;
        expect(cal.schoolDaysBetween(from, from + len)).toBe(count);
      }),
      runs(),
    );
  });
});

describe('SchoolCalendar with a calendar', () => {
  const cal = new SchoolCalendar(policy);
  it('knows terms, weekends and closed days', () => {
    expect(cal.hasCalendar).toBe(true);
    expect(cal.isSchoolDay(dayOf('2025-08-18'))).toBe(true); // Monday, first day of term
    expect(cal.isSchoolDay(dayOf('2025-08-15'))).toBe(false); // before the term
    expect(cal.isSchoolDay(dayOf('2025-08-23'))).toBe(false); // Saturday
    expect(cal.isSchoolDay(dayOf('2025-11-26'))).toBe(false);
    expect(cal.isSchoolDay(dayOf('2025-11-25'))).toBe(true);
    expect(cal.isSchoolDay(dayOf('2026-03-18'))).toBe(false);
    expect(cal.isSchoolDay(dayOf('2026-03-23'))).toBe(true);
    expect(cal.isSchoolDay(dayOf('2026-05-29'))).toBe(true);
    expect(cal.isSchoolDay(dayOf('2026-07-15'))).toBe(false);
    expect(cal.schoolDaysBetween(dayOf('2026-03-16'), dayOf('2026-03-22'))).toBe(0);
    expect(cal.schoolDaysBetween(dayOf('2025-11-24'), dayOf('2025-11-30'))).toBe(2);
    expect(cal.schoolDaysBetween(dayOf('2026-06-01'), dayOf('2026-08-14'))).toBe(0);
  });
  it('as of August 10 looks back over the last 30 school days of spring, not July', () => {
    const asOf = dayOf('2026-08-10');
    const start = cal.windowStart(asOf, 30);
    // 30 school days ending Friday 2026-05-29, counted back over weekdays (no closures in April/May)
    expect(isoOf(start)).toBe('2026-04-20');
    expect(cal.schoolDaysBetween(start, asOf)).toBe(30);
    expect(start).toBe(naiveWindowStart(cal, asOf, 30, dayOf('2025-01-01')));
  });
  it('skips closures when counting back', () => {
    const asOf = dayOf('2026-03-27');
    // 10 school days: the week of 03-23 (5), then the closed week 03-16..20 is skipped, then 03-09..13 (5)
    expect(isoOf(cal.windowStart(asOf, 10))).toBe('2026-03-09');
  });
  it('agrees with the day-by-day definition inside the calendar', () => {
    const lo = dayOf('2025-08-18');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: dayOf('2027-01-31') }), fc.integer({ min: 1, max: 150 }), (asOf, n) => {
        const expected = naiveWindowStart(cal, asOf, n, lo);
        if (!Number.isNaN(expected)) expect(cal.windowStart(asOf, n)).toBe(expected);
        else expect(cal.windowStart(asOf, n)).toBe(lo); // calendar runs out: its first school day
      }),
      runs(),
    );
  });
  it('cuts a window that runs past the calendar at its first school day', () => {
    expect(isoOf(cal.windowStart(dayOf('2025-09-01'), 90))).toBe('2025-08-18');
    // no school day up to as-of: the window starts after as-of, so it is empty
    expect(cal.windowStart(dayOf('2025-01-01'), 5)).toBeGreaterThan(dayOf('2025-01-01'));
    expect(new SchoolCalendar({ terms: [], closed: [] }).windowStart(100, 5)).toBe(101);
  });
  it('rejects bad calendar dates with an input error', () => {
    expect(() => new SchoolCalendar({ terms: [{ name: 'T', start: '2026-13-01', end: '2026-12-01' }], closed: [] })).toThrow(/YYYY-MM-DD/);
    expect(() => new SchoolCalendar({ terms: [{ name: 'T', start: '2026-09-01', end: '2026-08-01' }], closed: [] })).toThrow(/before/);
    expect(() => new SchoolCalendar({ terms: policy.terms, closed: ['2026-01-05/x'] })).toThrow(/range/);
  });
});
