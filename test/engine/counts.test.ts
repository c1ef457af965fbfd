import { describe, expect, it } from 'vitest';
import { atLeast, countBounds, countFigures, countMonthly } from '../../src/engine/counts.js';
import { TrendMonths } from '../../src/model/months.js';
import { dayOf } from '../../src/model/dates.js';
import type { CountRow } from '../../src/model/usage.js';
import type { Role } from '../../src/model/roles.js';

const row = (start: string, end: string, activeUsers: number, role: Role = 'unknown', school = ''): CountRow => ({ start: dayOf(start), end: dayOf(end), activeUsers, role, school });

/** usage-sources.md worked example F, less the row that ends after as-of (the reader skips it). */
const F: CountRow[] = [
  row('2026-10-19', '2026-11-15', 180, 'student'),
  row('2026-10-19', '2026-11-15', 31, 'teacher'),
  row('2026-11-01', '2026-11-20', 150, 'student', 'oak'),
  row('2026-11-01', '2026-11-20', 9, 'teacher', 'oak'),
  row('2026-11-01', '2026-11-20', 75, 'student', 'elm'),
  row('2026-11-01', '2026-11-20', 6, 'teacher', 'elm'),
  row('2026-08-17', '2026-10-16', 240),
  row('2026-08-17', '2026-10-16', 22, 'teacher'),
];

describe('at least (usage-sources.md "Lower bounds")', () => {
  it('worked example F: the bounds of each window and role', () => {
    const b = countBounds(F, dayOf('2026-10-12'), dayOf('2026-07-20'), dayOf('2026-11-20'));
    expect(b).toEqual({
      // 180 + 31: one period and school, two roles.
      activeUsers: 211,
      activeTeachers: 31,
      activeStudents: 180,
      semesterActiveUsers: 240,
      semesterTeachers: 31,
      lastEnd: dayOf('2026-11-20'),
    });
  });

  it('a month holds the rows inside it (example F: November is oak, October none)', () => {
    expect(atLeast(F, dayOf('2026-11-01'), dayOf('2026-11-20'), 'all')).toBe(159);
    expect(atLeast(F, dayOf('2026-11-01'), dayOf('2026-11-20'), 'teacher')).toBe(9);
    expect(atLeast(F, dayOf('2026-10-01'), dayOf('2026-10-31'), 'all')).toBeNull();
  });

  it('never sums over periods or schools; an everyone row is a candidate alone', () => {
    const rows = [row('2026-11-01', '2026-11-07', 50, 'student', 'a'), row('2026-11-01', '2026-11-07', 40, 'student', 'b'), row('2026-11-08', '2026-11-14', 60, 'student', 'a')];
    expect(atLeast(rows, dayOf('2026-11-01'), dayOf('2026-11-20'), 'all')).toBe(60);
    const withEveryone = [row('2026-11-01', '2026-11-07', 10), row('2026-11-01', '2026-11-07', 8, 'teacher'), row('2026-11-01', '2026-11-07', 5, 'student')];
    expect(atLeast(withEveryone, dayOf('2026-11-01'), dayOf('2026-11-07'), 'all')).toBe(13);
    // Two rows of one role in one group: the largest, not their sum.
    const twice = [row('2026-11-01', '2026-11-07', 8, 'teacher'), row('2026-11-01', '2026-11-07', 6, 'teacher'), row('2026-11-01', '2026-11-07', 5, 'staff')];
    expect(atLeast(twice, dayOf('2026-11-01'), dayOf('2026-11-07'), 'all')).toBe(13);
  });

  it('a period longer than the window bounds nothing', () => {
    expect(atLeast([row('2025-11-21', '2026-11-20', 1240)], dayOf('2026-10-12'), dayOf('2026-11-20'), 'all')).toBeNull();
    expect(atLeast([row('2026-11-01', '2026-11-20', 9, 'teacher')], dayOf('2026-10-12'), dayOf('2026-11-20'), 'student')).toBeNull();
  });
});

describe('countFigures', () => {
  it('example F: teachers who signed in are capped by the teachers with access', () => {
    expect(countFigures(F, dayOf('2026-10-12'), dayOf('2026-07-20'), 40)).toEqual({
      rows: 8,
      activeUsers: 211,
      activeTeachers: 31,
      activeStudents: 180,
      semesterActiveUsers: 240,
      semesterActiveTeacherUsers: 31,
      semesterActiveTeachers: 31,
    });
    expect(countFigures(F, dayOf('2026-10-12'), dayOf('2026-07-20'), 20).semesterActiveTeachers).toBe(20);
    expect(countFigures(F, dayOf('2026-10-12'), dayOf('2026-07-20'), null).semesterActiveTeachers).toBeNull();
  });
});

describe('the monthly trend of a counts-only product (usage-sources.md "Monthly trend")', () => {
  const asOf = dayOf('2026-11-20');
  const m = countMonthly(F, new TrendMonths(asOf), asOf);

  it('12 months ending with as-of\'s, oldest first', () => {
    expect(m.map((x) => x.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('example F: November (up to as-of) holds oak\'s rows, every other month none: null, never 0', () => {
    expect(m[11]).toEqual({ month: '2026-11', activeUsers: 159, activeTeachers: 9 });
    for (const x of m.slice(0, 11)) expect(x).toEqual({ month: x.month, activeUsers: null, activeTeachers: null });
  });

  it('a row covering exactly one month is inside it; a row across two months is inside neither', () => {
    const rows = [row('2026-09-01', '2026-09-30', 40), row('2026-09-01', '2026-09-30', 4, 'teacher'), row('2026-09-20', '2026-10-05', 900)];
    const t = countMonthly(rows, new TrendMonths(asOf), asOf);
    expect(t[9]).toEqual({ month: '2026-09', activeUsers: 40, activeTeachers: 4 });
    expect(t[10]).toEqual({ month: '2026-10', activeUsers: null, activeTeachers: null });
  });
});
