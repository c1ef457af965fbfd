/**
 * School days (policy.md, "School days"): weekdays inside a term (start and end
 * included) and not closed; without a calendar, every weekday. Days are day
 * numbers (src/model/dates.ts); weekday arithmetic is date-fns' business days.
 */
import type { Policy } from '../load/schema/policy.js';
import { isWeekendDay, subWeekdays, weekdaysBetween } from './date-math.js';
import { type DayNumber, tryDayOf } from './dates.js';
import { inputError } from './errors.js';

/** The policy's `calendar` section (the schema's type). */
export type CalendarPolicy = NonNullable<Policy['calendar']>;

/** First index in sorted `a` whose value is >= x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The district's school days. Built once per run; every query is O(1) without
 * a calendar and O(log n) with one (the calendar's school days are precomputed
 * as a sorted array).
 */
export class SchoolCalendar {
  /** Sorted school days when a calendar is given; null means "every weekday". */
  private readonly days: Int32Array | null;

  /**
   * @param calendar the policy's `calendar`, or null/undefined for none. Throws an
   * input error (no file position: the policy loader knows it) when a date is not
   * `YYYY-MM-DD`, a range or a term ends before it starts.
   */
  constructor(calendar: CalendarPolicy | null | undefined) {
    if (!calendar) {
      this.days = null;
      return;
    }
    const terms: [number, number][] = [];
    for (const t of calendar.terms ?? []) {
      const name = t.name ?? '';
      const start = tryDayOf(String(t.start).trim());
      const end = tryDayOf(String(t.end).trim());
      if (start === null || end === null) {
        throw inputError({ message: `calendar term "${name}": start and end must be YYYY-MM-DD dates` });
      }
      if (end < start) throw inputError({ message: `calendar term "${name}": ends (${t.end}) before it starts (${t.start})` });
      terms.push([start, end]);
    }
    if (terms.length === 0) {
      this.days = new Int32Array(0);
      return;
    }
    let first = Infinity;
    let last = -Infinity;
    for (const [s, e] of terms) {
      if (s < first) first = s;
      if (e > last) last = e;
    }
    const flag = new Uint8Array(last - first + 1);
    for (const [s, e] of terms) for (let d = s; d <= e; d++) if (!isWeekendDay(d)) flag[d - first] = 1;
    for (const c of calendar.closed ?? []) {
      const text = String(c).trim();
      const slash = text.indexOf('/');
      const from = tryDayOf((slash < 0 ? text : text.slice(0, slash)).trim());
      const to = slash < 0 ? from : tryDayOf(text.slice(slash + 1).trim());
      if (from === null || to === null) {
        throw inputError({ message: `calendar closed day "${text}": expected YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD` });
      }
      if (to < from) throw inputError({ message: `calendar closed range "${text}": ends before it starts` });
      for (let d = Math.max(from, first); d <= Math.min(to, last); d++) flag[d - first] = 0;
    }
    let n = 0;
    for (let i = 0; i < flag.length; i++) n += flag[i];
    const days = new Int32Array(n);
    for (let i = 0, k = 0; i < flag.length; i++) if (flag[i]) days[k++] = first + i;
    this.days = days;
  }

  /** True when a calendar was given (false: every weekday is a school day). */
  get hasCalendar(): boolean {
    return this.days !== null;
  }

  /** Whether `day` is a school day. */
  isSchoolDay(day: DayNumber): boolean {
    if (this.days === null) return !isWeekendDay(day);
    const i = lowerBound(this.days, day);
    return i < this.days.length && this.days[i] === day;
  }

  /** School days in [fromDay, toDay], both included; 0 when toDay < fromDay. */
  schoolDaysBetween(fromDay: DayNumber, toDay: DayNumber): number {
    if (toDay < fromDay) return 0;
    if (this.days === null) return weekdaysBetween(fromDay, toDay);
    return lowerBound(this.days, toDay + 1) - lowerBound(this.days, fromDay);
  }

  /**
   * First day of a window of `n` school days ending at `asOfDay`: the n-th school
   * day counted back from as-of, as-of itself counting when it is a school day.
   * Every sign-in on a day in [result, asOfDay] is inside the window.
   *
   * When the calendar has fewer than `n` school days up to as-of (its terms run
   * out), the window is cut at the calendar's edge: the result is the calendar's
   * first school day, and days before the calendar's first term never count.
   * (With no school day at all up to as-of, that first school day lies after
   * as-of and the window is empty; with no terms at all, the result is as-of + 1.)
   * `n` < 1 gives as-of + 1, an empty window.
   */
  windowStart(asOfDay: DayNumber, n: number): DayNumber {
    if (n < 1) return asOfDay + 1;
    if (this.days === null) {
      let last = asOfDay; // the last weekday up to as-of
      while (isWeekendDay(last)) last--;
      return subWeekdays(last, n - 1);
    }
    if (this.days.length === 0) return asOfDay + 1;
    const k = lowerBound(this.days, asOfDay + 1); // school days <= as-of
    return k >= n ? this.days[k - n] : this.days[0];
  }
}
