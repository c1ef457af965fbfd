/** Building blocks shared by the manifest and policy schemas. */
import * as z from 'zod';
import { isIsoDate, looksLikeIsoDate } from '../../model/dates.js';

export { isIsoDate };

// A command checks a few dozen small documents once: zod's compiled fast path
// (generated with `new Function` per object schema) costs more to build than it saves.
z.config({ jitless: true });

/** The years a date in a manifest, the policy or `--as-of` may fall in: what the date arithmetic is tested on. */
export const MIN_YEAR = 1900;
/** See MIN_YEAR. */
export const MAX_YEAR = 2199;

/** True when `s` is an ISO date (see isIsoDate) in the years MIN_YEAR..MAX_YEAR. */
export function isSupportedDate(s: string): boolean {
  if (!isIsoDate(s)) return false;
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
}

/** The words of an out-of-range date error (schemas and `--as-of` alike). */
export const DATE_RANGE_TEXT = `expected a date between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`;

/** An ISO `YYYY-MM-DD` date that exists on the calendar (2026-02-30 does not), in the years MIN_YEAR..MAX_YEAR. */
export const isoDate = z.string({ error: 'expected a date written YYYY-MM-DD' }).refine(isSupportedDate, {
  error: (iss) =>
    !looksLikeIsoDate(String(iss.input))
      ? 'expected a date written YYYY-MM-DD'
      : !isIsoDate(String(iss.input))
        ? 'impossible date (no such day on the calendar)'
        : DATE_RANGE_TEXT,
});

/** Money in US dollars per year: a number ≥ 0. */
export const money = z.number({ error: 'expected an amount in US dollars (a number)' }).min(0, { error: 'expected an amount ≥ 0' }).finite();

/** A whole number ≥ 0. */
export const count = z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(0, { error: 'expected a number ≥ 0' });

/** The most days a day count may hold (ten years): later date arithmetic stays within the supported years. */
export const MAX_DAYS = 3650;

/** A whole number of days, 0..MAX_DAYS. */
export const dayCount = count.max(MAX_DAYS, { error: `expected a number of days ≤ ${MAX_DAYS} (ten years)` });

/** A list whose items are lowercased, trimmed strings. */
export const lowerList = z.array(z.string().trim().min(1).transform((s) => s.toLowerCase()));
