/**
 * Figures from aggregate counts (usage-sources.md "edvet-counts", "Lower
 * bounds"): distinct users of an app in a period, naming nobody, give only
 * lower bounds. For a window W and a role r, a row is inside W when its
 * period lies within W; the candidates are each such row's count of role r
 * (any row for r = all) and, for r = all, per group of rows inside W with one
 * period and school, the sum over roles of each role's largest count (a user
 * has one role). at least(W, r) is the largest candidate, null when none.
 * Never a sum over periods or schools: one person can be in several.
 */
import type { DayNumber } from '../model/dates.js';
import type { TrendMonths } from '../model/months.js';
import type { CountRow, MonthCount } from '../model/usage.js';

/** Whose distinct users a bound counts: everyone, or one role. */
export type CountRole = 'all' | 'teacher' | 'student';

/** at least(W, r) over `rows` for the window [from, to] (days, both included); null when no row of the role lies inside it. */
export function atLeast(rows: readonly CountRow[], from: DayNumber, to: DayNumber, role: CountRole): number | null {
  let best: number | null = null;
  // Per period and school: each named role's largest count (r = all only).
  const groups = role === 'all' ? new Map<string, Map<string, number>>() : null;
  for (const r of rows) {
    if (r.start < from || r.end > to) continue;
    if (role === 'all') {
      if (best === null || r.activeUsers > best) best = r.activeUsers;
      // An everyone row (no role, or one that maps to none) is a candidate on its own, never a term of a group sum.
      if (r.role === 'unknown' || r.role === 'family') continue;
      const key = `${r.start}\u0000${r.end}\u0000${r.school.trim().toLowerCase()}`;
      let g = groups!.get(key);
      if (g === undefined) groups!.set(key, (g = new Map()));
      if (r.activeUsers > (g.get(r.role) ?? -1)) g.set(r.role, r.activeUsers);
    } else if (r.role === role) {
      if (best === null || r.activeUsers > best) best = r.activeUsers;
    }
  }
  if (groups !== null) {
    for (const g of groups.values()) {
      let sum = 0;
      for (const n of g.values()) sum += n;
      if (best === null || sum > best) best = sum;
    }
  }
  return best;
}

/** The lower bounds a product's counts give for the active and semester windows (both end at as-of). */
export interface CountBounds {
  activeUsers: number | null;
  activeTeachers: number | null;
  activeStudents: number | null;
  semesterActiveUsers: number | null;
  semesterTeachers: number | null;
  /** The latest period end of a used row: the day up to which the counts reach (not a sign-in: no lastSeen from it). */
  lastEnd: DayNumber | null;
}

/** The bounds of `rows` for windows from `activeFrom` and `semesterFrom` to `asOf`. */
export function countBounds(rows: readonly CountRow[], activeFrom: DayNumber, semesterFrom: DayNumber, asOf: DayNumber): CountBounds {
  let lastEnd: number | null = null;
  for (const r of rows) if (lastEnd === null || r.end > lastEnd) lastEnd = r.end;
  return {
    activeUsers: atLeast(rows, activeFrom, asOf, 'all'),
    activeTeachers: atLeast(rows, activeFrom, asOf, 'teacher'),
    activeStudents: atLeast(rows, activeFrom, asOf, 'student'),
    semesterActiveUsers: atLeast(rows, semesterFrom, asOf, 'all'),
    semesterTeachers: atLeast(rows, semesterFrom, asOf, 'teacher'),
    lastEnd,
  };
}

/** A counts-only product's activity figures (usage-sources.md "Lower bounds"): every one a lower bound, null where no row lies inside its window. */
export interface CountFigures {
  rows: number;
  activeUsers: number | null;
  activeTeachers: number | null;
  activeStudents: number | null;
  semesterActiveUsers: number | null;
  semesterActiveTeacherUsers: number | null;
  /** Teachers who signed in = min(at least(semester, teacher), teachers with access); null with no teacher row inside the semester window or no teachers with access known. */
  semesterActiveTeachers: number | null;
}

/** The figures of a product's used count rows for the active and semester windows (both end at as-of: the reader skipped later periods). */
export function countFigures(rows: readonly CountRow[], activeFrom: DayNumber, semesterFrom: DayNumber, teachersWithAccess: number | null): CountFigures {
  const b = countBounds(rows, activeFrom, semesterFrom, Number.POSITIVE_INFINITY);
  return {
    rows: rows.length,
    activeUsers: b.activeUsers,
    activeTeachers: b.activeTeachers,
    activeStudents: b.activeStudents,
    semesterActiveUsers: b.semesterActiveUsers,
    semesterActiveTeacherUsers: b.semesterTeachers,
    semesterActiveTeachers: b.semesterTeachers === null || teachersWithAccess === null ? null : Math.min(b.semesterTeachers, teachersWithAccess),
  };
}

/**
 * The monthly trend of a counts-only product (usage-sources.md "Monthly trend"): each month holds
 * at least(month, all) and at least(month, teacher), each null when no row lies inside that month
 * (as-of's month ends at as-of), whatever months the run's events cover.
 */
export function countMonthly(rows: readonly CountRow[], trend: TrendMonths, asOf: DayNumber): MonthCount[] {
  return trend.windowsOldestFirst(asOf).map(({ month, from, to }) => ({
    month,
    activeUsers: atLeast(rows, from, to, 'all'),
    activeTeachers: atLeast(rows, from, to, 'teacher'),
  }));
}
