/**
 * Calendar dates, the one place they are defined. Two representations, as the
 * style guide asks: `YYYY-MM-DD` strings at the edges and day numbers (days
 * since 1970-01-01, a Thursday) inside. The usage reader's per-row hot path
 * uses the integer functions here (`daysFromCivil`, `daysInMonth`); calendar
 * arithmetic elsewhere goes through date-fns on UTC dates, so no result
 * depends on the time zone the process runs in.
 */
import { addBusinessDays, addDays, differenceInBusinessDays, differenceInCalendarDays, getYear, isWeekend } from 'date-fns';

/** Days since 1970-01-01 of a calendar date (negative before it). */
export type DayNumber = number;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(y: number): boolean {
  return (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Days in month `m` (1..12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (no validation; H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The day number of year `y`, month `m`, day `d` when that date exists; null otherwise. */
export function dayOfCivil(y: number, m: number, d: number): DayNumber | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** The day number of a `YYYY-MM-DD` date; null when the text is not a real date in that form. */
export function tryDayOf(iso: string): DayNumber | null {
  const m = ISO_DATE.exec(iso);
  return m ? dayOfCivil(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** True when `s` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return tryDayOf(s) !== null;
}

/** True when `s` has the shape `YYYY-MM-DD`, whether or not the date exists. */
export function looksLikeIsoDate(s: string): boolean {
  return ISO_DATE.test(s);
}

/** The day number of a `YYYY-MM-DD` date; throws a RangeError when it is not one (check input with {@link tryDayOf}). */
export function dayOf(iso: string): DayNumber {
  const day = tryDayOf(iso);
  if (day === null) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return day;
}

/** The `YYYY-MM-DD` date of a day number (years 0..9999). */
export function isoOf(day: DayNumber): string {
  // H. Hinnant's civil_from_days.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

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
