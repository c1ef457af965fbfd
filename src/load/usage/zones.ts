/**
 * IANA time-zone offsets without a `Date` per row: offsets come from
 * `Intl.DateTimeFormat`, looked up once per UTC day and cached (a day with a
 * transition stores the transition instant, found by bisection). Wall-clock
 * times are turned into instants through a second cache, per local day.
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

/**
 * How the wall-clock times of one local day map to instants: a time before
 * `threshold` is read with offset `before`, from it on with `after`.
 */
interface LocalDayEntry {
  before: number;
  after: number;
  /** Wall-clock time (UTC-based count) from which `after` applies, or +Infinity. */
  threshold: number;
}

const NO_TRANSITION = Number.POSITIVE_INFINITY;
const CACHE_LIMIT = 200_000;

/** One time zone's UTC offsets, cached per UTC day. */
export class Zone {
  /** The IANA name as given. */
  readonly id: string;
  /** True for UTC and its aliases: every offset is 0 and nothing is looked up. */
  readonly isUtc: boolean;
  private readonly fmt: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayEntry>();
  private lastDay = Number.NaN;
  private lastEntry: DayEntry = { before: 0, after: 0, transition: NO_TRANSITION };
  private readonly localDays = new Map<number, LocalDayEntry>();
  private lastLocalDay = Number.NaN;
  private lastLocalEntry: LocalDayEntry = { before: 0, after: 0, threshold: NO_TRANSITION };

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
      e = this.entry(day);
      this.lastDay = day;
      this.lastEntry = e;
    }
    return ms < e.transition ? e.before : e.after;
  }

  /** Days since 1970-01-01 of the calendar date in this zone at instant `ms`. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /**
   * The instant at which the wall-clock time `localMs` (a UTC-based count of
   * the local civil time) occurs in this zone. A time that occurs twice (an
   * overlap, clocks set back) is its earlier instant; a time that does not
   * occur (a gap, clocks set forward) is read with the offset in force before
   * the transition, so it lands as far after the gap as it was into it
   * (2026-09-06 00:30 in America/Santiago, where midnight jumps to 01:00, is
   * 01:30). Both are Temporal's `disambiguation: 'compatible'` and what
   * JavaScript's `Date` does with local times.
   */
  localToInstant(localMs: number): number {
    if (this.isUtc) return localMs;
    const ld = Math.floor(localMs / DAY_MS);
    let e: LocalDayEntry;
    if (ld === this.lastLocalDay) {
      e = this.lastLocalEntry;
    } else {
      let found = this.localDays.get(ld);
      if (found === undefined) {
        found = this.computeLocalDay(ld);
        if (this.localDays.size > CACHE_LIMIT) this.localDays.clear();
        this.localDays.set(ld, found);
      }
      this.lastLocalDay = ld;
      this.lastLocalEntry = found;
      e = found;
    }
    return localMs - (localMs < e.threshold ? e.before : e.after);
  }

  /** The cached offsets of UTC day `day`. */
  private entry(day: number): DayEntry {
    let found = this.days.get(day);
    if (found === undefined) {
      found = this.computeDay(day);
      if (this.days.size > CACHE_LIMIT) this.days.clear();
      this.days.set(day, found);
    }
    return found;
  }

  /**
   * The wall-clock mapping of local day `ld`. A transition at instant T from
   * offset a to b is seen on the wall clock at T + a (before) and T + b
   * (after); a wall-clock time below T + max(a, b) is read with a, which gives
   * the earlier instant in an overlap and the pre-transition offset in a gap.
   * Offsets lie within ±18 h, so the instants of a local day fall in UTC days
   * ld − 1 … ld + 1; a real zone changes its offset at most once in them.
   */
  private computeLocalDay(ld: number): LocalDayEntry {
    const start = ld * DAY_MS;
    const end = start + DAY_MS;
    let offset = this.entry(ld - 1).before;
    for (let k = -1; k <= 1; k++) {
      const e = this.entry(ld + k);
      // A transition exactly at midnight UTC shows only as a different offset from the day before.
      const changes: [number, number, number][] = [];
      if (e.before !== offset) changes.push([(ld + k) * DAY_MS, offset, e.before]);
      if (e.transition !== NO_TRANSITION) changes.push([e.transition, e.before, e.after]);
      for (const [at, before, after] of changes) {
        const threshold = at + Math.max(before, after);
        if (threshold >= end) return { before: offset, after: offset, threshold: NO_TRANSITION };
        if (threshold > start) return { before, after, threshold };
        offset = after;
      }
    }
    return { before: offset, after: offset, threshold: NO_TRANSITION };
  }

  private computeDay(day: number): DayEntry {
    const start = day * DAY_MS;
    const end = start + DAY_MS - 1;
    const a = this.rawOffset(start);
    const b = this.rawOffset(end);
    if (a === b) return { before: a, after: a, transition: NO_TRANSITION };
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
