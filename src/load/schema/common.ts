/** Building blocks shared by the manifest and policy schemas. */
import * as z from 'zod';
import { isIsoDate, looksLikeIsoDate } from '../../model/dates.js';

export { isIsoDate };

// A command checks a few dozen small documents once: zod's compiled fast path
// (generated with `new Function` per object schema) costs more to build than it saves.
z.config({ jitless: true });

/** An ISO `YYYY-MM-DD` date that exists on the calendar (2026-02-30 does not). */
export const isoDate = z.string({ error: 'expected a date written YYYY-MM-DD' }).refine(isIsoDate, {
  error: (iss) => (looksLikeIsoDate(String(iss.input)) ? 'impossible date (no such day on the calendar)' : 'expected a date written YYYY-MM-DD'),
});

/** Money in US dollars per year: a number ≥ 0. */
export const money = z.number({ error: 'expected an amount in US dollars (a number)' }).min(0, { error: 'expected an amount ≥ 0' }).finite();

/** A whole number ≥ 0. */
export const count = z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(0, { error: 'expected a number ≥ 0' });

/** A list whose items are lowercased, trimmed strings. */
export const lowerList = z.array(z.string().trim().min(1).transform((s) => s.toLowerCase()));
