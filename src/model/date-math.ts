/**
 * Calendar arithmetic on `YYYY-MM-DD` dates and day numbers with date-fns:
 * notice, retirement and decide-by dates, ages in days and years, weekdays.
 * date-fns works on UTC dates here, so no result depends on the time zone the
 * process runs in. Not for the per-row hot path, which uses ./dates.ts.
 */
import { addBusinessDays } from 'date-fns/addBusinessDays';
import { addDays } from 'date-fns/addDays';
import { differenceInBusinessDays } from 'date-fns/differenceInBusinessDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { getYear } from 'date-fns/getYear';
import { isWeekend } from 'date-fns/isWeekend';
import { type DayNumber, dayOf, isoOf } from './dates.js';

const DAY_MS = 86_400_000;

/**
 * A `Date` whose calendar fields are read and written in UTC (what
 * `@date-fns/utc`'s `UTCDate` does). date-fns computes with a date's local
 * fields; on this class those are the UTC ones, so a calendar day never moves
 * with the process's `TZ` (a zone that skipped a day, such as Pacific/Apia on
 * 2011-12-30, included).
 */
class UtcDate extends Date {
  constructor(value: number | string | Date) {
    super(typeof value === 'object' ? value.getTime() : value);
  }
  override getTimezoneOffset(): number {
    return 0;
  }
}
for (const field of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'] as const) {
  Object.defineProperty(UtcDate.prototype, `get${field}`, { value: Date.prototype[`getUTC${field}`] });
  if (field !== 'Day') Object.defineProperty(UtcDate.prototype, `set${field}`, { value: Date.prototype[`setUTC${field}`] });
}

/** date-fns context option: every date a function builds is a {@link UtcDate}. */
const IN_UTC = { in: (value: Date | number | string): UtcDate => new UtcDate(value) };

/** Midnight UTC of a day number, for date-fns. */
function utcOfDay(day: DayNumber): UtcDate {
  return new UtcDate(day * DAY_MS);
}

/** The day number of a date built from {@link utcOfDay} by date-fns. */
function dayOfUtc(date: Date): DayNumber {
  return Math.floor(date.getTime() / DAY_MS);
}

/** `iso` plus `n` calendar days (negative: earlier), as `YYYY-MM-DD`. */
export function addDaysIso(iso: string, n: number): string {
  return isoOf(dayOfUtc(addDays(utcOfDay(dayOf(iso)), n, IN_UTC)));
}

/** Whole calendar days from `from` to `to`, both `YYYY-MM-DD` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(utcOfDay(dayOf(to)), utcOfDay(dayOf(from)), IN_UTC);
}

/** The calendar year of a `YYYY-MM-DD` date. */
export function yearOf(iso: string): number {
  return getYear(utcOfDay(dayOf(iso)), IN_UTC);
}

/** Whether a day is a Saturday or a Sunday. */
export function isWeekendDay(day: DayNumber): boolean {
  return isWeekend(utcOfDay(day), IN_UTC);
}

/** Weekdays (Monday to Friday) in [from, to], both included; 0 when `to` < `from`. */
export function weekdaysBetween(from: DayNumber, to: DayNumber): number {
  if (to < from) return 0;
  // date-fns counts the business days in [earlier, later).
  return differenceInBusinessDays(utcOfDay(to + 1), utcOfDay(from), IN_UTC);
}

/** The weekday `n` weekdays (Monday to Friday) before `day`, a weekday; negative `n` counts forward. */
export function subWeekdays(day: DayNumber, n: number): DayNumber {
  return dayOfUtc(addBusinessDays(utcOfDay(day), -n, IN_UTC));
}
