/**
 * Calendar dates, the one place they are defined. Two representations, as the
 * style guide asks: `YYYY-MM-DD` strings at the edges and day numbers (days
 * since 1970-01-01, a Thursday) inside. Integer arithmetic only, no `Date`:
 * the usage reader's per-row hot path (and its worker threads) use
 * `daysFromCivil` and `daysInMonth` from here. Calendar arithmetic on these
 * dates (adding days, ages, weekdays) is date-fns, in ./date-math.ts.
 */
/** Days since 1970-01-01 of a calendar date (negative before it). */
export type DayNumber = number;

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
