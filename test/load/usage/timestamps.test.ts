import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../../src/model/dates.js';
import { parseTimestamp, TimestampParser, type TimestampOptions } from '../../../src/load/usage/timestamps.js';
import { getZone } from '../../../src/load/usage/zones.js';
import { runs } from '../../property.js';

const DAY_MS = 86_400_000;

const civil = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;
const day = (iso: string): number => civil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

const UTC: TimestampOptions = { timezone: 'UTC', dateOrder: 'mdy' };
const DMY: TimestampOptions = { timezone: 'UTC', dateOrder: 'dmy' };
const CHICAGO: TimestampOptions = { timezone: 'America/Chicago', dateOrder: 'mdy' };

/** Reference: the calendar date of an instant in a zone, straight from Intl. */
function refDayInZone(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)!.value);
  return civil(get('year'), get('month'), get('day'));
}

describe('daysFromCivil', () => {
  it('agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (n) => {
        const d = new Date(n * DAY_MS);
        expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(n);
      }),
      { numRuns: runs(100, 1000) },
    );
  });
});

describe('parseTimestamp forms', () => {
  const cases: [string, TimestampOptions, string | null][] = [
    ['2025-09-02T08:15:00Z', UTC, '2025-09-02'],
    ['2025-09-02T08:15:00.123Z', UTC, '2025-09-02'],
    ['2025-09-02T08:15:00.123456789Z', UTC, '2025-09-02'],
    ['2025-09-02T08:15:00', UTC, '2025-09-02'],
    ['2025-09-02T08:15', UTC, '2025-09-02'],
    ['2025-09-02t08:15:00z', UTC, '2025-09-02'],
    ['2025-09-02T23:15:00-05:00', UTC, '2025-09-03'],
    ['2025-09-02T23:15:00-0500', UTC, '2025-09-03'],
    ['2025-09-02T23:15:00-05', UTC, '2025-09-03'],
    ['2025-09-03T01:15:00+05:30', UTC, '2025-09-02'],
    ['2025-09-02 08:15', UTC, '2025-09-02'],
    ['2025-09-02 08:15:59', UTC, '2025-09-02'],
    ['2025-09-02 08:15:59 UTC', UTC, '2025-09-02'],
    ['2025-09-02', UTC, '2025-09-02'],
    ['2025-9-2', UTC, '2025-09-02'],
    ['2025-9-2 8:05', UTC, '2025-09-02'],
    ['  2025-09-02  ', UTC, '2025-09-02'],
    ['2025/09/02', UTC, '2025-09-02'],
    ['9/2/2025 1:05 PM', UTC, '2025-09-02'],
    ['09/02/2025 01:05:09 pm', UTC, '2025-09-02'],
    ['9/2/2025 12:05 AM', UTC, '2025-09-02'],
    ['9/2/2025 12:05 PM', UTC, '2025-09-02'],
    ['9/2/2025 13:05', UTC, '2025-09-02'],
    ['9/2/25 13:05', UTC, '2025-09-02'],
    ['9/2/2025', UTC, '2025-09-02'],
    ['10/5/2023, 2:30:12 PM', UTC, '2023-10-05'],
    ['2/9/2025 13:05', DMY, '2025-09-02'],
    ['23/01/23, 12:09', DMY, '2023-01-23'],
    ['23/01/23, 12:09:05', DMY, '2023-01-23'],
    ['3/1/23, 9:09', DMY, '2023-01-03'],
    ['1757059200', UTC, '2025-09-05'],
    ['1757059200000', UTC, '2025-09-05'],
    // Not timestamps, or not real ones.
    ['', UTC, null],
    ['never', UTC, null],
    ['yesterday', UTC, null],
    ['2025-02-29', UTC, null],
    ['2024-02-29', UTC, '2024-02-29'],
    ['2000-02-29', UTC, '2000-02-29'],
    ['2100-02-29', UTC, null],
    ['2250-03-01T10:00:00Z', UTC, '2250-03-01'],
    ['1850-12-31 23:59', UTC, '1850-12-31'],
    ['2025-13-01', UTC, null],
    ['2025-09-02T24:00:00Z', UTC, null],
    ['2025-09-02T08:60:00Z', UTC, null],
    ['2025-09-02T08:15:00Q', UTC, null],
    ['2025-09-02T08:15:00+25:00', UTC, null],
    ['23/01/23, 12:09', UTC, null],
    ['13/2/2025 1:05 PM', UTC, null],
    ['9/2/2025 13:05 PM', UTC, null],
    ['9/2/202 13:05', UTC, null],
    ['20140102', UTC, null],
    ['175705920', UTC, null],
    ['2025-09-02T08:15:00Z trailing', UTC, null],
    ['２０２５-09-02', UTC, null],
  ];
  it.each(cases)('%j (%o) → %s', (text, opts, want) => {
    const got = parseTimestamp(text, opts);
    expect(got).toBe(want === null ? null : day(want));
  });
});

describe('time zones', () => {
  it('puts an instant near midnight on its Chicago date, across DST', () => {
    expect(parseTimestamp('2025-09-03T04:59:59Z', CHICAGO)).toBe(day('2025-09-02'));
    expect(parseTimestamp('2025-09-03T05:00:00Z', CHICAGO)).toBe(day('2025-09-03'));
    expect(parseTimestamp('2025-01-15T05:59:59Z', CHICAGO)).toBe(day('2025-01-14'));
    expect(parseTimestamp('2025-01-15T06:00:00Z', CHICAGO)).toBe(day('2025-01-15'));
    // The day of the spring-forward and fall-back transitions.
    expect(parseTimestamp('2025-03-09T05:59:00Z', CHICAGO)).toBe(day('2025-03-08'));
    expect(parseTimestamp('2025-03-09T06:00:00Z', CHICAGO)).toBe(day('2025-03-09'));
    expect(parseTimestamp('2025-03-10T04:59:00Z', CHICAGO)).toBe(day('2025-03-09'));
    expect(parseTimestamp('2025-03-10T05:00:00Z', CHICAGO)).toBe(day('2025-03-10'));
    expect(parseTimestamp('2025-11-02T04:59:00Z', CHICAGO)).toBe(day('2025-11-01'));
    expect(parseTimestamp('2025-11-03T05:59:00Z', CHICAGO)).toBe(day('2025-11-02'));
    expect(parseTimestamp('2025-11-03T06:00:00Z', CHICAGO)).toBe(day('2025-11-03'));
  });

  it('keeps a naive time near midnight on its written date', () => {
    expect(parseTimestamp('2025-09-02 23:59:59', CHICAGO)).toBe(day('2025-09-02'));
    expect(parseTimestamp('9/2/2025 11:59 PM', CHICAGO)).toBe(day('2025-09-02'));
    expect(parseTimestamp('2025-09-03 00:00', CHICAGO)).toBe(day('2025-09-03'));
  });

  it('reads naive times in a source zone other than the day zone', () => {
    const entra = { timezone: 'America/Chicago', dateOrder: 'mdy' as const, sourceTimezone: 'UTC' };
    expect(parseTimestamp('2025-09-03 04:30:00', entra)).toBe(day('2025-09-02'));
    expect(parseTimestamp('2025-09-03 05:30:00', entra)).toBe(day('2025-09-03'));
    const tokyo = { timezone: 'UTC', dateOrder: 'dmy' as const, sourceTimezone: 'Asia/Tokyo' };
    expect(parseTimestamp('2/09/25, 08:15', tokyo)).toBe(day('2025-09-01'));
    expect(parseTimestamp('2/09/25, 09:15', tokyo)).toBe(day('2025-09-02'));
  });

  it('uses half-hour and 45-minute zones correctly', () => {
    expect(parseTimestamp('2025-09-02T18:29:00Z', { timezone: 'Asia/Kolkata', dateOrder: 'mdy' })).toBe(day('2025-09-02'));
    expect(parseTimestamp('2025-09-02T18:30:00Z', { timezone: 'Asia/Kolkata', dateOrder: 'mdy' })).toBe(day('2025-09-03'));
    expect(parseTimestamp('2025-09-02T18:14:00Z', { timezone: 'Asia/Kathmandu', dateOrder: 'mdy' })).toBe(day('2025-09-02'));
    expect(parseTimestamp('2025-09-02T18:15:00Z', { timezone: 'Asia/Kathmandu', dateOrder: 'mdy' })).toBe(day('2025-09-03'));
  });

  it('refuses an unknown zone with a usage error', () => {
    expect(() => parseTimestamp('2025-09-02', { timezone: 'Mars/Olympus', dateOrder: 'mdy' })).toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it('zone offsets agree with Intl at random instants', () => {
    const zones = ['America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Apia'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (zone, ms) => {
        expect(getZone(zone).dayOf(ms)).toBe(refDayInZone(ms, zone));
      }),
      { numRuns: runs(300, 3000) },
    );
  });
});

const pad = (n: number, w: number, zeros: boolean): string => (zeros ? String(n).padStart(w, '0') : String(n));

describe('property: parsing agrees with a Date.UTC / Intl reference', () => {
  const zones = ['UTC', 'America/Chicago', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
  const dateTime = fc.record({
    y: fc.integer({ min: 2001, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    ms: fc.integer({ min: 0, max: 999 }),
    zeros: fc.boolean(),
    zone: fc.constantFrom(...zones),
    dmy: fc.boolean(),
  });

  it('for every accepted form', () => {
    fc.assert(
      fc.property(
        dateTime,
        fc.constantFrom('iso-z', 'iso-offset', 'iso-naive', 'iso-space', 'date', 'us-ampm', 'us-24h', 'two-digit-year', 'moodle', 'epoch-s', 'epoch-ms'),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        ({ y, m, d, h, mi, s, ms, zeros, zone, dmy }, form, offsetMin) => {
          // Epoch seconds have 10 digits from September 2001 on.
          if (form.startsWith('epoch')) y = Math.max(y, 2002);
          const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
          d = Math.min(d, dim);
          const opts: TimestampOptions = { timezone: zone, dateOrder: dmy ? 'dmy' : 'mdy' };
          const wall = Date.UTC(y, m - 1, d, h, mi, s, ms);
          const ymd = `${y}-${pad(m, 2, true)}-${pad(d, 2, true)}`;
          const hms = `${pad(h, 2, true)}:${pad(mi, 2, true)}:${pad(s, 2, true)}`;
          const md = dmy ? `${pad(d, 2, zeros)}/${pad(m, 2, zeros)}` : `${pad(m, 2, zeros)}/${pad(d, 2, zeros)}`;
          const naiveDay = civil(y, m, d);
          let text: string;
          let want: number;
          switch (form) {
            case 'iso-z':
              text = `${ymd}T${hms}.${pad(ms, 3, true)}Z`;
              want = refDayInZone(wall, zone);
              break;
            case 'iso-offset': {
              const sign = offsetMin < 0 ? '-' : '+';
              const a = Math.abs(offsetMin);
              text = `${ymd}T${hms}${sign}${pad(Math.floor(a / 60), 2, true)}:${pad(a % 60, 2, true)}`;
              want = refDayInZone(Date.UTC(y, m - 1, d, h, mi, s) - offsetMin * 60_000, zone);
              break;
            }
            case 'iso-naive':
              text = `${ymd}T${hms}`;
              want = naiveDay;
              break;
            case 'iso-space':
              text = `${y}-${pad(m, 2, zeros)}-${pad(d, 2, zeros)} ${pad(h, 2, zeros)}:${pad(mi, 2, true)}`;
              want = naiveDay;
              break;
            case 'date':
              text = ymd;
              want = naiveDay;
              break;
            case 'us-ampm': {
              const h12 = h % 12 === 0 ? 12 : h % 12;
              text = `${md}/${y} ${pad(h12, 2, zeros)}:${pad(mi, 2, true)}${s % 2 ? `:${pad(s, 2, true)}` : ''} ${h < 12 ? 'AM' : 'PM'}`;
              want = naiveDay;
              break;
            }
            case 'us-24h':
              text = `${md}/${y} ${pad(h, 2, zeros)}:${pad(mi, 2, true)}`;
              want = naiveDay;
              break;
            case 'two-digit-year':
              text = `${md}/${pad(y % 100, 2, true)} ${pad(h, 2, zeros)}:${pad(mi, 2, true)}`;
              want = naiveDay;
              break;
            case 'moodle':
              text = `${md}/${pad(y % 100, 2, true)}, ${pad(h, 2, true)}:${pad(mi, 2, true)}${s % 2 ? `:${pad(s, 2, true)}` : ''}`;
              want = naiveDay;
              break;
            case 'epoch-s':
              text = String(Math.floor(wall / 1000));
              want = refDayInZone(Math.floor(wall / 1000) * 1000, zone);
              break;
            default:
              text = String(wall);
              want = refDayInZone(wall, zone);
              break;
          }
          expect({ text, got: parseTimestamp(text, opts) }).toEqual({ text, got: want });
        },
      ),
      { numRuns: runs(500, 5000) },
    );
  });

  it('the byte parser and the string parser agree, and random text never throws', () => {
    const p = new TimestampParser({ timezone: 'America/Chicago', dateOrder: 'mdy' });
    const chars = fc.constantFrom(...'0123456789-/:T .,ZAPMaz+'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        const viaBytes = p.parseBytes(Buffer.from(text, 'latin1'), 0, text.length);
        const viaString = p.parse(text);
        expect(Number.isNaN(viaBytes) ? null : viaBytes).toBe(viaString);
      }),
      { numRuns: runs(500, 5000) },
    );
  });
});
