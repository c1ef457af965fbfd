import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDaysIso, daysBetween, isWeekendDay, subWeekdays, weekdaysBetween, yearOf } from '../../src/model/date-math.js';
import { dayOf, daysFromCivil, isoOf } from '../../src/model/dates.js';
import { runs as caseCount } from '../property.js';

const DAY_MS = 86_400_000;

/** fast-check parameters: `numRuns` cases in `npm test`, ten times as many in `npm run test:slow` (the seed: test/property.ts). */
function runs(numRuns = 300): fc.Parameters<unknown> {
  return { numRuns: caseCount(numRuns, numRuns * 10) };
}

describe('calendar arithmetic (date-fns on UTC dates)', () => {
  const day = fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2200, 12, 31) });

  it('agrees with day-number arithmetic', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: -4000, max: 4000 }), (a, b, n) => {
        expect(addDaysIso(isoOf(a), n)).toBe(isoOf(a + n));
        expect(daysBetween(isoOf(a), isoOf(b))).toBe(b - a);
        expect(yearOf(isoOf(a))).toBe(Number(isoOf(a).slice(0, 4)));
      }),
      runs(),
    );
  });

  it('counts weekdays as the day-by-day definition does', () => {
    const weekday = (d: number): boolean => new Date(d * DAY_MS).getUTCDay() % 6 !== 0;
    fc.assert(
      fc.property(day, fc.integer({ min: -3, max: 40 }), fc.integer({ min: 0, max: 40 }), (from, len, n) => {
        expect(isWeekendDay(from)).toBe(!weekday(from));
        let count = 0;
        for (let d = from; d <= from + len; d++) if (weekday(d)) count++;
        expect(weekdaysBetween(from, from + len)).toBe(count);
        if (weekday(from)) {
          let back = from;
          for (let k = 0; k < n; k++) do back--; while (!weekday(back));
          expect(subWeekdays(from, n)).toBe(back);
        }
      }),
      runs(),
    );
  });

  describe('does not depend on the process time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    /** Date math across DST changes and a skipped day (Pacific/Apia, 2011-12-30), as plain data. */
    function sample(): unknown[] {
      const isos = ['2026-03-07', '2026-03-08', '2026-03-09', '2026-11-01', '2026-09-06', '2026-04-05', '2011-12-29', '2011-12-30', '2011-12-31', '2024-02-29'];
      return isos.flatMap((iso) => [
        addDaysIso(iso, 1),
        addDaysIso(iso, -1),
        addDaysIso(iso, -60),
        daysBetween(iso, '2026-11-20'),
        daysBetween('2011-12-28', iso),
        yearOf(iso),
        isWeekendDay(dayOf(iso)),
        weekdaysBetween(dayOf(iso), dayOf(iso) + 10),
        subWeekdays(dayOf('2026-11-20'), 3),
      ]);
    }

    it('gives identical results in UTC, Los Angeles, Kiritimati, Apia and Santiago', () => {
      process.env.TZ = 'UTC';
      const utc = sample();
      expect(utc.slice(0, 3)).toEqual(['2026-03-08', '2026-03-06', '2026-01-06']);
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Apia', 'America/Santiago']) {
        process.env.TZ = tz;
        expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0); // the zone took effect
        expect([tz, sample()]).toEqual([tz, utc]);
      }
    });
  });
});
