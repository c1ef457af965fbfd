/**
 * IANA time-zone offsets without a `Date` per row: offsets come from
 * `Intl.DateTimeFormat`, looked up once per UTC day and cached (a day with a
 * transition stores the transition instant, found by bisection).
 */
import { usageError } from '../../model/errors.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

interface DayEntry {
  /** Offset (ms) before `transition`. */
  before: number;
  /** Offset (ms) from `transition` on; equal to `before` on days without one. */
  after: number;
  /** Instant of the offset change within the day, or +Infinity. */
  transition: number;
}

/** One time zone's UTC offsets, cached per UTC day. */
export class Zone {
  /** The IANA name as given. */
  readonly id: string;
  /** True for UTC and its aliases: every offset is 0 and nothing is looked up. */
  readonly isUtc: boolean;
  private readonly fmt: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayEntry>();
  private lastDay = Number.NaN;
  private lastEntry: DayEntry = { before: 0, after: 0, transition: Number.POSITIVE_INFINITY };

  constructor(id: string) {
    this.id = id;
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: id,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw usageError(`unknown time zone "${id}" (expected an IANA name such as America/Chicago or UTC)`);
    }
    this.fmt = fmt;
    const resolved = fmt.resolvedOptions().timeZone;
    this.isUtc = resolved === 'UTC' || resolved === 'Etc/UTC' || resolved === 'Etc/GMT' || resolved === 'GMT';
  }

  /** The zone's UTC offset in milliseconds at instant `ms` (local = UTC + offset). */
  offsetAt(ms: number): number {
    if (this.isUtc) return 0;
    const day = Math.floor(ms / DAY_MS);
    let e: DayEntry;
    if (day === this.lastDay) {
      e = this.lastEntry;
    } else {
      let found = this.days.get(day);
      if (found === undefined) {
        found = this.computeDay(day);
        if (this.days.size > 200_000) this.days.clear();
        this.days.set(day, found);
      }
      this.lastDay = day;
      this.lastEntry = found;
      e = found;
    }
    return ms < e.transition ? e.before : e.after;
  }

  /** Days since 1970-01-01 of the calendar date in this zone at instant `ms`. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /**
   * The instant at which the wall-clock time `localMs` (a UTC-based count of
   * the local civil time) occurs in this zone. In a gap or an overlap of a
   * transition, the usual choice: the offset in force just before.
   */
  localToInstant(localMs: number): number {
    if (this.isUtc) return localMs;
    const guess = localMs - this.offsetAt(localMs);
    const o2 = this.offsetAt(guess);
    return localMs - o2;
  }

  private computeDay(day: number): DayEntry {
    const start = day * DAY_MS;
    const end = start + DAY_MS - 1;
    const a = this.rawOffset(start);
    const b = this.rawOffset(end);
    if (a === b) return { before: a, after: a, transition: Number.POSITIVE_INFINITY };
    // One transition within the day (true of every real zone): bisect to the minute.
    let lo = start; // offset a
    let hi = end; // offset b
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (mid <= lo) break;
      if (this.rawOffset(mid) === a) lo = mid;
      else hi = mid;
    }
    // Transitions fall on whole minutes, so `hi` is the first instant with the new offset.
    return { before: a, after: b, transition: hi };
  }

  /** Offset via Intl (slow: a Date and formatToParts). */
  private rawOffset(ms: number): number {
    const whole = Math.floor(ms / 1000) * 1000;
    const parts = this.fmt.formatToParts(new Date(whole));
    let y = 0;
    let mo = 0;
    let d = 0;
    let h = 0;
    let mi = 0;
    let s = 0;
    for (const p of parts) {
      switch (p.type) {
        case 'year':
          y = Number(p.value);
          break;
        case 'month':
          mo = Number(p.value);
          break;
        case 'day':
          d = Number(p.value);
          break;
        case 'hour':
          h = Number(p.value) % 24;
          break;
        case 'minute':
          mi = Number(p.value);
          break;
        case 'second':
          s = Number(p.value);
          break;
        default:
          break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
  }
}

const zones = new Map<string, Zone>();

/** The cached `Zone` for an IANA name; a usage error for an unknown name. */
export function getZone(id: string): Zone {
  let z = zones.get(id);
  if (z === undefined) {
    z = new Zone(id);
    zones.set(id, z);
  }
  return z;
}
