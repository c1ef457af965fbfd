import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, dayOfCivil, daysFromCivil, isIsoDate, isoOf, tryDayOf } from '../../src/model/dates.js';
import { runs as caseCount } from '../property.js';

const DAY_MS = 86_400_000;

/** fast-check parameters: `numRuns` cases in `npm test`, ten times as many in `npm run test:slow` (the seed: test/property.ts). */
function runs(numRuns = 300): fc.Parameters<unknown> {
  return { numRuns: caseCount(numRuns, numRuns * 10) };
}

/** Reference: a day number's date through `Date`'s UTC fields. */
function refIso(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Reference: whether y-m-d exists, through `Date`'s UTC fields. */
function refExists(y: number, m: number, d: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const FIRST_DAY = daysFromCivil(0, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

describe('day numbers and ISO dates', () => {
  it('fixed points', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('1970-01-02')).toBe(1);
    expect(isoOf(-1)).toBe('1969-12-31');
    expect(isoOf(dayOf('2026-11-20'))).toBe('2026-11-20');
    expect(isoOf(FIRST_DAY)).toBe('0000-01-01');
    expect(isoOf(LAST_DAY)).toBe('9999-12-31');
  });

  it('isoOf agrees with Date and dayOf inverts it, years 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (day) => {
        const iso = isoOf(day);
        expect(iso).toBe(refIso(day));
        expect(dayOf(iso)).toBe(day);
      }),
      runs(1000),
    );
  });

  it('accepts exactly the dates that exist', () => {
    for (const [s, ok] of [
      ['2024-02-29', true],
      ['2000-02-29', true],
      ['2026-02-29', false],
      ['2100-02-29', false],
      ['2026-02-30', false],
      ['2026-04-31', false],
      ['2026-13-01', false],
      ['2026-00-10', false],
      ['2026-2-3', false],
      ['11/20/2026', false],
      [' 2026-01-01', false],
      ['2026-01-01T00:00', false],
    ] as const) {
      expect([s, isIsoDate(s)]).toEqual([s, ok]);
      expect([s, tryDayOf(s) !== null]).toEqual([s, ok]);
    }
    expect(() => dayOf('nope')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const exists = m >= 1 && m <= 12 && d >= 1 && refExists(y, m, d);
        expect(dayOfCivil(y, m, d) !== null).toBe(exists);
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isIsoDate(iso)).toBe(exists);
        if (exists) expect(isoOf(dayOf(iso))).toBe(iso);
      }),
      runs(1000),
    );
  });
});
