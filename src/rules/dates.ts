/** Calendar-day arithmetic on `YYYY-MM-DD` strings for rules (no Date objects, no clock). */
import { dayOf, isoOf } from '../model/calendar.js';

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayOf(b) - dayOf(a);
}

/** `iso` plus `n` calendar days. */
export function addDays(iso: string, n: number): string {
  return isoOf(dayOf(iso) + n);
}
