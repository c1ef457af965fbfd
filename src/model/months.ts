/**
 * The months of the monthly trend (usage-sources.md "Monthly trend"): the
 * as-of month and the 11 before it, as bits of a 13-bit mask that the
 * readers attach to each event and the aggregation ORs per user and product.
 * Bit k (0..11) is the month k months before as-of's month; bit 12 stands
 * for any earlier month, so the union of every mask of a run tells which
 * months the run's earliest event covers. Integer arithmetic on day numbers,
 * cheap enough for the per-row path.
 */
import { daysFromCivil, isoOf, type DayNumber } from './dates.js';

/** How many months the trend shows. */
export const TREND_MONTHS = 12;
/** The mask bit of an event before the trend's first month. */
export const EARLIER = 1 << TREND_MONTHS;

/** The trend's months for one as-of date: each month's first day and label, and the mask bit of a day. */
export class TrendMonths {
  /** First day of month k before as-of's month (k = 0..11: as-of's month first). */
  private readonly starts: Int32Array;
  /** `YYYY-MM` of month k before as-of's month. */
  private readonly labels: string[];

  constructor(asOfDay: DayNumber) {
    const [y, m] = isoOf(asOfDay).split('-').map(Number);
    this.starts = new Int32Array(TREND_MONTHS);
    this.labels = [];
    for (let k = 0; k < TREND_MONTHS; k++) {
      const index = y * 12 + (m - 1) - k;
      const yy = Math.floor(index / 12);
      const mm = (index % 12) + 1;
      this.starts[k] = daysFromCivil(yy, mm, 1);
      this.labels.push(`${String(yy).padStart(4, '0')}-${mm < 10 ? '0' : ''}${mm}`);
    }
  }

  /** The mask bit of an event on `day` (a day up to as-of): its month's bit, or {@link EARLIER}. */
  bitOf(day: DayNumber): number {
    const s = this.starts;
    for (let k = 0; k < TREND_MONTHS; k++) if (day >= s[k]) return 1 << k;
    return EARLIER;
  }

  /** Each month's label and days, oldest first: from its first day to its last, as-of's month ending at as-of. */
  windowsOldestFirst(asOfDay: DayNumber): { month: string; from: DayNumber; to: DayNumber }[] {
    const out: { month: string; from: DayNumber; to: DayNumber }[] = [];
    for (let k = TREND_MONTHS - 1; k >= 0; k--) out.push({ month: this.labels[k], from: this.starts[k], to: k === 0 ? asOfDay : this.starts[k - 1] - 1 });
    return out;
  }

  /** The months' `YYYY-MM` labels, oldest first. */
  monthsOldestFirst(): string[] {
    return [...this.labels].reverse();
  }
}

/**
 * The oldest month (as k months before as-of's month) that a run's events
 * cover, from the union of their masks: every month when an event is earlier
 * than the trend; -1 when there is no event.
 */
export function oldestCoveredMonth(union: number): number {
  if (union & EARLIER) return TREND_MONTHS - 1;
  for (let k = TREND_MONTHS - 1; k >= 0; k--) if (union & (1 << k)) return k;
  return -1;
}
