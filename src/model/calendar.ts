/**
 * School days (policy.md, "School days"): weekdays inside a term (start and end
 * included) and not closed; without a calendar, every weekday. Days are day
 * numbers: days since 1970-01-01 (a Thursday), so day arithmetic is integer
 * arithmetic and no time zone is involved.
 */
import { inputError } from './errors.js';

/** Days since 1970-01-01 of a calendar date. */
export type DayNumber = number;

/** The policy's `calendar` section. */
export interface CalendarPolicy {
  terms: { name: string; start: string; end: string }[];
  /** Closed days, `YYYY-MM-DD`, or ranges `YYYY-MM-DD/YYYY-MM-DD` (both ends included). */
  closed: string[];
}

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` date; null when the text is not a real date in that form. */
export function tryDayOf(iso: string): DayNumber | null {
  const m = ISO_DAY.exec(iso.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** The day number of a `YYYY-MM-DD` date; throws a RangeError when it is not one (check input with {@link tryDayOf}). */
export function dayOf(iso: string): DayNumber {
  const day = tryDayOf(iso);
  if (day === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return day;
}

/** The `YYYY-MM-DD` date of a day number. */
export function isoOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week of a day number: 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekday(day: DayNumber): boolean {
  const w = weekdayOf(day);
  return w !== 0 && w !== 6;
}

/** Weekdays in (-inf, day], up to a constant: differences give counts over ranges. */
function weekdaysThrough(day: DayNumber): number {
  const s = day - 4; // day 4 (1970-01-05) is a Monday: s % 7 === 0 on Mondays
  const weeks = Math.floor(s / 7);
  const rest = s - weeks * 7; // 0 = Monday ... 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5);
}

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
      const start = tryDayOf(String(t.start));
      const end = tryDayOf(String(t.end));
      if (start === null || end === null) {
        throw inputError({ message: `calendar term "${t.name}": start and end must be YYYY-MM-DD dates` });
      }
      if (end < start) throw inputError({ message: `calendar term "${t.name}": ends (${t.end}) before it starts (${t.start})` });
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
    for (const [s, e] of terms) for (let d = s; d <= e; d++) if (isWeekday(d)) flag[d - first] = 1;
    for (const c of calendar.closed ?? []) {
      const text = String(c).trim();
      const slash = text.indexOf('/');
      const from = tryDayOf(slash < 0 ? text : text.slice(0, slash));
      const to = slash < 0 ? from : tryDayOf(text.slice(slash + 1));
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
    if (this.days === null) return isWeekday(day);
    const i = lowerBound(this.days, day);
    return i < this.days.length && this.days[i] === day;
  }

  /** School days in [fromDay, toDay], both included; 0 when toDay < fromDay. */
  schoolDaysBetween(fromDay: DayNumber, toDay: DayNumber): number {
    if (toDay < fromDay) return 0;
    if (this.days === null) return weekdaysThrough(toDay) - weekdaysThrough(fromDay - 1);
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
      let d = asOfDay;
      const w = weekdayOf(d);
      if (w === 6) d -= 1;
      else if (w === 0) d -= 2;
      const back = n - 1;
      d -= Math.floor(back / 5) * 7;
      const rest = back % 5;
      // weekdayOf(d) is 1..5; stepping back `rest` weekdays crosses a weekend when rest >= weekday
      d -= rest >= weekdayOf(d) ? rest + 2 : rest;
      return d;
    }
    if (this.days.length === 0) return asOfDay + 1;
    const k = lowerBound(this.days, asOfDay + 1); // school days <= as-of
    return k >= n ? this.days[k - n] : this.days[0];
  }
}
