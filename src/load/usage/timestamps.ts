/**
 * Timestamp parsing for usage exports (usage.md, canonical field `timestamp`).
 * The hot path works on bytes (char codes), builds no `Date` and runs no
 * regex: the calendar date is computed arithmetically and a zone offset is
 * consulted (cached per UTC day) only when the text carries an offset or is an
 * epoch, or when naive times are in a zone other than the day's zone.
 */
import { type DayNumber, daysFromCivil, daysInMonth, isLeapYear } from '../../model/dates.js';
import { getZone, type Zone } from './zones.js';

const DAY_MS = 86_400_000;

/** How to read a timestamp. */
export interface TimestampOptions {
  /** IANA zone whose calendar date is the day a sign-in counts for (policy `usage.timezone`). */
  timezone: string;
  /** How to read `03/04/2026`: month first (`mdy`) or day first (`dmy`). */
  dateOrder: 'mdy' | 'dmy';
  /** IANA zone of timestamps written without an offset (default: `timezone`). */
  sourceTimezone?: string;
}

const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 300;
/** Day number of 1 January of each year from 1900 (a lookup instead of divisions on the hot path). */
const YEAR_START = new Int32Array(TABLE_YEARS);
for (let i = 0; i < TABLE_YEARS; i++) YEAR_START[i] = daysFromCivil(TABLE_FIRST_YEAR + i, 1, 1);
/** Days before the first of each month (index 1..12) in a common year. */
const MONTH_START = new Int32Array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]);

/** `daysFromCivil` for a valid date, by table where the year allows. */
function civilDays(y: number, m: number, d: number): number {
  const i = y - TABLE_FIRST_YEAR;
  if (i < 0 || i >= TABLE_YEARS) return daysFromCivil(y, m, d);
  const leap = m > 2 && isLeapYear(y) ? 1 : 0;
  return YEAR_START[i] + MONTH_START[m] + leap + d - 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 97 && l <= 122;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Each month's first three letters as a number (a = 1 … z = 26, base 32), for a lookup without strings. */
const MONTH_KEYS = MONTH_NAMES.map((m) => ((m.charCodeAt(0) - 96) * 32 + (m.charCodeAt(1) - 96)) * 32 + (m.charCodeAt(2) - 96));

/** True when `b[s, e)` spells `lower`, ignoring case. */
function spells(b: Uint8Array, s: number, e: number, lower: string): boolean {
  if (e - s !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if ((b[s + i] | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

/** The US zone abbreviations usage-sources.md lists, with their offsets in minutes. */
const ZONE_ABBREVIATIONS: readonly [string, number][] = [
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['akst', -540],
  ['akdt', -480],
  ['hst', -600],
];

/** The offset (minutes) of the zone abbreviation that is all of `b[s, e)`, NaN for anything else. */
function zoneAbbreviation(b: Uint8Array, s: number, e: number): number {
  for (const [name, offset] of ZONE_ABBREVIATIONS) if (spells(b, s, e, name)) return offset;
  return Number.NaN;
}

/**
 * A reusable timestamp reader for one zone and date order. `parseBytes` is the
 * allocation-free hot path; `parse` reads a string.
 */
export class TimestampParser {
  private readonly dayZone: Zone;
  private readonly srcZone: Zone;
  private readonly sameZone: boolean;
  private readonly dmy: boolean;
  /** Cursor shared by the small helpers (avoids returning tuples). */
  private p = 0;
  private scratch = new Uint8Array(64);

  constructor(opts: TimestampOptions) {
    this.dayZone = getZone(opts.timezone);
    this.srcZone = getZone(opts.sourceTimezone ?? opts.timezone);
    this.sameZone = this.srcZone === this.dayZone || (this.srcZone.isUtc && this.dayZone.isUtc);
    this.dmy = opts.dateOrder === 'dmy';
  }

  /** Reads an unsigned decimal of 1..max digits at `this.p`; -1 when there is none. */
  private num(b: Uint8Array, e: number, max: number): number {
    let i = this.p;
    const stop = Math.min(e, i + max);
    let n = 0;
    while (i < stop) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
      i++;
    }
    if (i === this.p) return -1;
    // More digits than allowed: not this form.
    if (i < e && i === stop && isDigit(b[i])) return -1;
    this.p = i;
    return n;
  }

  private skipSpaces(b: Uint8Array, e: number): void {
    let i = this.p;
    while (i < e && (b[i] === 32 || b[i] === 9)) i++;
    this.p = i;
  }

  /**
   * The day of the timestamp in `b[s, e)` (ASCII bytes), or NaN when it is
   * not one of the accepted forms or not a real date and time.
   */
  parseBytes(b: Uint8Array, s: number, e: number): number {
    while (s < e && (b[s] === 32 || b[s] === 9)) s++;
    while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
    if (s >= e) return Number.NaN;
    if (e - s >= 19) {
      const fast = this.isoFast(b, s, e);
      if (fast === fast) return fast;
    }
    this.p = s;
    let y: number;
    let mo: number;
    let d: number;
    if (isLetter(b[s])) {
      // An English month name first (usage-sources.md): `Nov 2, 2026, 5:00 PM`, `November 2 2026 17:00`.
      const m = this.monthName(b, e);
      if (m < 0) return Number.NaN;
      this.skipSpaces(b, e);
      d = this.num(b, e, 2);
      if (d < 0) return Number.NaN;
      if (this.p < e && b[this.p] === 44) this.p++;
      this.skipSpaces(b, e);
      const ys = this.p;
      y = this.num(b, e, 4);
      if (y < 0 || this.p - ys !== 4) return Number.NaN;
      mo = m;
      return this.afterDate(b, e, y, mo, d);
    }
    const n1 = this.num(b, e, 16);
    if (n1 < 0) return Number.NaN;
    const len1 = this.p - s;
    if (this.p === e) {
      // Epoch seconds (10 digits), milliseconds (13) or microseconds (16, Google's Reports API).
      if (len1 === 10) return this.dayZone.dayOf(n1 * 1000);
      if (len1 === 13) return this.dayZone.dayOf(n1);
      if (len1 === 16) return this.dayZone.dayOf(Math.floor(n1 / 1000));
      return Number.NaN;
    }
    const sep = b[this.p];
    if (len1 === 4 && (sep === 45 /* - */ || sep === 47 /* / */ || sep === 46) /* . */) {
      y = n1;
      this.p++;
      mo = this.num(b, e, 2);
      if (mo < 0 || this.p >= e || b[this.p] !== sep) return Number.NaN;
      this.p++;
      d = this.num(b, e, 2);
      if (d < 0) return Number.NaN;
    } else if (len1 <= 2 && (sep === 47 || sep === 46)) {
      this.p++;
      const n2 = this.num(b, e, 2);
      if (n2 < 0 || this.p >= e || b[this.p] !== sep) return Number.NaN;
      this.p++;
      const ys = this.p;
      const n3 = this.num(b, e, 4);
      const ylen = this.p - ys;
      if (n3 < 0) return Number.NaN;
      if (ylen === 2) y = 2000 + n3;
      else if (ylen === 4) y = n3;
      else return Number.NaN;
      if (this.dmy) {
        d = n1;
        mo = n2;
      } else {
        mo = n1;
        d = n2;
      }
    } else {
      return Number.NaN;
    }
    return this.afterDate(b, e, y, mo, d);
  }

  /** The rest of a timestamp whose date has been read (`this.p` just after it): an optional time, AM/PM and zone. */
  private afterDate(b: Uint8Array, e: number, y: number, mo: number, d: number): number {
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
    const days = civilDays(y, mo, d);
    if (this.p === e) return days; // a date alone is the calendar date as written

    // Between date and time: `T`, spaces, or a comma and spaces (Moodle, month names).
    let c = b[this.p];
    if (c === 84 /* T */ || c === 116 /* t */) {
      this.p++;
    } else if (c === 44 /* , */) {
      this.p++;
      this.skipSpaces(b, e);
    } else if (c === 32 || c === 9) {
      this.skipSpaces(b, e);
    } else {
      return Number.NaN;
    }
    let h = this.num(b, e, 2);
    if (h < 0 || this.p >= e || b[this.p] !== 58 /* : */) return Number.NaN;
    this.p++;
    const mi = this.num(b, e, 2);
    if (mi < 0) return Number.NaN;
    let sec = 0;
    let ms = 0;
    if (this.p < e && b[this.p] === 58) {
      this.p++;
      sec = this.num(b, e, 2);
      if (sec < 0) return Number.NaN;
      if (this.p < e && (b[this.p] === 46 || b[this.p] === 44) && this.p + 1 < e && isDigit(b[this.p + 1])) {
        this.p++;
        let scale = 100;
        while (this.p < e && isDigit(b[this.p])) {
          ms += (b[this.p] - 48) * scale;
          scale /= 10;
          this.p++;
        }
        ms = Math.floor(ms);
      }
    }
    this.skipSpaces(b, e);
    // AM / PM
    if (this.p + 1 < e) {
      c = b[this.p] | 0x20;
      if ((c === 97 /* a */ || c === 112) /* p */ && (b[this.p + 1] | 0x20) === 109 /* m */) {
        if (h > 12) return Number.NaN;
        if (c === 97) {
          if (h === 12) h = 0;
        } else if (h < 12) {
          h += 12;
        }
        this.p += 2;
        this.skipSpaces(b, e);
      }
    }
    if (h > 23 || mi > 59 || sec > 59) return Number.NaN;
    const secOfDay = h * 3600 + mi * 60 + sec;
    if (this.p === e) {
      // No offset: a wall-clock time in the source zone.
      if (this.sameZone) return days;
      const local = days * DAY_MS + secOfDay * 1000 + ms;
      return this.dayZone.dayOf(this.srcZone.localToInstant(local));
    }
    let offsetMin = 0;
    c = b[this.p];
    if (c === 90 /* Z */ || c === 122 /* z */) {
      this.p++;
    } else if (
      this.p + 2 < e &&
      ((c | 0x20) === 117 /* u */ || (c | 0x20) === 103) /* g */ &&
      (((c | 0x20) === 117 && (b[this.p + 1] | 0x20) === 116 && (b[this.p + 2] | 0x20) === 99) /* utc */ ||
        ((c | 0x20) === 103 && (b[this.p + 1] | 0x20) === 109 && (b[this.p + 2] | 0x20) === 116)) /* gmt */
    ) {
      this.p += 3;
      if (this.p < e && (b[this.p] === 43 || b[this.p] === 45)) {
        const o = this.offset(b, e);
        if (Number.isNaN(o)) return Number.NaN;
        offsetMin = o;
      }
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const o = this.offset(b, e);
      if (Number.isNaN(o)) return Number.NaN;
      offsetMin = o;
    } else {
      // A US zone abbreviation (usage-sources.md "Timestamps"); any other text is no time shifted on a guess.
      const o = zoneAbbreviation(b, this.p, e);
      if (Number.isNaN(o)) return Number.NaN;
      offsetMin = o;
      this.p = e;
    }
    if (this.p !== e) return Number.NaN;
    return this.dayZone.dayOf(days * DAY_MS + secOfDay * 1000 + ms - offsetMin * 60_000);
  }

  /** An English month name or its abbreviation (`Nov`, `Sept`, `November`, any case, an optional `.`) at `this.p`: 1..12, or -1. */
  private monthName(b: Uint8Array, e: number): number {
    let i = this.p;
    let key = 0;
    let n = 0;
    while (i < e && isLetter(b[i])) {
      if (n < 3) key = key * 32 + ((b[i] | 0x20) - 96);
      n++;
      i++;
    }
    if (n < 3) return -1;
    const m = MONTH_KEYS.indexOf(key) + 1;
    if (m === 0) return -1;
    // The whole word must be the month's name, its three letters, or `sept`.
    if (n > 3 && !(n === 4 && m === 9 && (b[this.p + 3] | 0x20) === 116) && !spells(b, this.p, i, MONTH_NAMES[m - 1])) return -1;
    if (i < e && b[i] === 46 /* . */) i++;
    this.p = i;
    return m;
  }

  /**
   * The common shape `YYYY-MM-DDTHH:MM:SS[.fff][Z]` (or a space for `T`) read
   * at fixed positions; NaN hands anything else to the general parser.
   */
  private isoFast(b: Uint8Array, s: number, e: number): number {
    if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 13] !== 58 || b[s + 16] !== 58) return Number.NaN;
    const t = b[s + 10];
    if (t !== 84 && t !== 32) return Number.NaN;
    const y0 = b[s] - 48;
    const y1 = b[s + 1] - 48;
    const y2 = b[s + 2] - 48;
    const y3 = b[s + 3] - 48;
    const m0 = b[s + 5] - 48;
    const m1 = b[s + 6] - 48;
    const d0 = b[s + 8] - 48;
    const d1 = b[s + 9] - 48;
    const h0 = b[s + 11] - 48;
    const h1 = b[s + 12] - 48;
    const i0 = b[s + 14] - 48;
    const i1 = b[s + 15] - 48;
    const s0 = b[s + 17] - 48;
    const s1 = b[s + 18] - 48;
    if (
      y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 ||
      d1 >>> 0 > 9 || h0 >>> 0 > 9 || h1 >>> 0 > 9 || i0 >>> 0 > 9 || i1 >>> 0 > 9 || s0 >>> 0 > 9 || s1 >>> 0 > 9
    ) {
      return Number.NaN;
    }
    const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    const mo = m0 * 10 + m1;
    const d = d0 * 10 + d1;
    const h = h0 * 10 + h1;
    const mi = i0 * 10 + i1;
    const sec = s0 * 10 + s1;
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return Number.NaN;
    let p = s + 19;
    let ms = 0;
    if (p < e && b[p] === 46) {
      p++;
      const fs = p;
      let scale = 100;
      while (p < e) {
        const c = b[p] - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        p++;
      }
      if (p === fs) return Number.NaN;
      ms = Math.floor(ms);
    }
    const days = civilDays(y, mo, d);
    if (p === e) {
      if (this.sameZone) return days;
      return this.dayZone.dayOf(this.srcZone.localToInstant(days * DAY_MS + (h * 3600 + mi * 60 + sec) * 1000 + ms));
    }
    if (p + 1 === e && (b[p] === 90 || b[p] === 122)) {
      if (this.dayZone.isUtc) return days;
      return this.dayZone.dayOf(days * DAY_MS + (h * 3600 + mi * 60 + sec) * 1000 + ms);
    }
    return Number.NaN;
  }

  /** `±HH`, `±HHMM` or `±HH:MM` at `this.p`, in minutes; NaN when malformed. */
  private offset(b: Uint8Array, e: number): number {
    const sign = b[this.p] === 45 ? -1 : 1;
    this.p++;
    const start = this.p;
    const n = this.num(b, e, 4);
    if (n < 0) return Number.NaN;
    const len = this.p - start;
    let oh: number;
    let om = 0;
    if (len === 4) {
      oh = Math.floor(n / 100);
      om = n % 100;
    } else if (len === 2 || len === 1) {
      oh = n;
      if (this.p < e && b[this.p] === 58) {
        this.p++;
        const ms = this.p;
        om = this.num(b, e, 2);
        if (om < 0 || this.p - ms !== 2) return Number.NaN;
      }
    } else {
      return Number.NaN;
    }
    if (oh > 18 || om > 59) return Number.NaN;
    return sign * (oh * 60 + om);
  }

  /** The day of a timestamp string, or null when it cannot be read. */
  parse(text: string): DayNumber | null {
    const n = text.length;
    if (n > this.scratch.length) {
      if (n > 256) return null;
      this.scratch = new Uint8Array(256);
    }
    const buf = this.scratch;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) return null;
      buf[i] = c;
    }
    const day = this.parseBytes(buf, 0, n);
    return Number.isNaN(day) ? null : day;
  }
}

const parsers = new Map<string, TimestampParser>();

/** A cached parser for these options (zones are validated on first use). */
export function timestampParser(opts: TimestampOptions): TimestampParser {
  const key = `${opts.timezone}\u0000${opts.dateOrder}\u0000${opts.sourceTimezone ?? ''}`;
  let p = parsers.get(key);
  if (p === undefined) {
    p = new TimestampParser(opts);
    parsers.set(key, p);
  }
  return p;
}

/**
 * Reads a usage-export timestamp and returns the calendar day (days since
 * 1970-01-01) in `opts.timezone`, or null when the text is no accepted form.
 * Forms: ISO 8601 with or without `Z`/offset and fractional seconds,
 * `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DD`, `M/D/YYYY h:mm[:ss] AM/PM`,
 * `M/D/YYYY H:MM`, day first under `dmy`, a two-digit year as 20YY, Moodle's
 * `23/01/23, 12:09[:05]`, epoch seconds (10 digits) and milliseconds (13).
 * Leading zeros are optional. A time without an offset is a wall-clock time in
 * `opts.sourceTimezone` (default `opts.timezone`).
 */
export function parseTimestamp(text: string, opts: TimestampOptions): DayNumber | null {
  return timestampParser(opts).parse(text);
}
