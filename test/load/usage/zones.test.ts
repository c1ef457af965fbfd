import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/load/usage/timestamps.js';
import { getZone } from '../../../src/load/usage/zones.js';
import { runs as caseCount } from '../../property.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** fast-check parameters: `numRuns` cases in `npm test`, ten times as many in `npm run test:slow` (the seed: test/property.ts). */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns: caseCount(numRuns, numRuns * 10) };
}

// Zones with every kind of transition: US/EU, southern hemisphere, DST at
// midnight (Santiago, Havana, Asunción), 30-minute DST (Lord Howe), 45-minute
// base offsets (Chatham, Kathmandu), negative DST (Dublin, Casablanca), a
// two-hour DST (Troll), a skipped day (Apia 2011) and +14 (Kiritimati).
const ZONES = [
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'America/Havana',
  'America/Asuncion',
  'America/Sao_Paulo',
  'Europe/Berlin',
  'Europe/London',
  'Europe/Dublin',
  'Africa/Casablanca',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Antarctica/Troll',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Asia/Tehran',
];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at instant `ms` in `zone` as a UTC-based count, straight from Intl. */
function wallAt(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const get = (parts: Intl.DateTimeFormatPart[], t: string): number => Number(parts.find((p) => p.type === t)!.value);
  const parts = f.formatToParts(new Date(ms));
  return Date.UTC(get(parts, 'year'), get(parts, 'month') - 1, get(parts, 'day'), get(parts, 'hour') % 24, get(parts, 'minute'), get(parts, 'second'));
}

/**
 * Brute force, by definition: every instant within −15 h … +13 h (offsets run
 * from −12 h to +14 h) whose wall clock reads `local`; the earliest when there
 * are several. When there is none (a gap), the wall clock jumps over `local`
 * between two instants t − step and t: read `local` with the offset of t − step.
 * Every offset of these zones since 2010 is a whole number of quarter hours
 * (checked below), so the candidates L − offset lie on a 15-minute grid through L.
 */
function bruteLocalToInstant(zone: string, local: number): number {
  const step = 15 * MINUTE;
  let jumpedAt = Number.NaN;
  let prevWall = Number.NEGATIVE_INFINITY;
  for (let t = local - 15 * HOUR; t <= local + 13 * HOUR; t += step) {
    const w = wallAt(zone, t);
    if ((w - t) % step !== 0) throw new Error(`${zone} has an offset of ${(w - t) / MINUTE} minutes at ${new Date(t).toISOString()}`);
    if (w === local) return t;
    if (Number.isNaN(jumpedAt) && prevWall < local && w > local) jumpedAt = t;
    prevWall = w;
  }
  if (Number.isNaN(jumpedAt)) throw new Error(`no instant found for ${new Date(local).toISOString()} in ${zone}`);
  const before = jumpedAt - step;
  return local - (wallAt(zone, before) - before);
}

/** Every offset change in [from, to), by a scan of whole days and bisection to the minute (transitions are weeks apart). */
function transitions(zone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const off = (t: number): number => wallAt(zone, t) - t;
  const out: { at: number; before: number; after: number }[] = [];
  let next = off(from);
  for (let t = from; t < to; t += DAY) {
    const a = next;
    next = off(t + DAY);
    if (next === a) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (off(mid) === a) lo = mid;
      else hi = mid;
    }
    out.push({ at: hi, before: a, after: off(hi) });
  }
  return out;
}

describe('Zone.localToInstant', () => {
  it('reads a time in a gap with the offset before the transition (Santiago, DST at midnight)', () => {
    const z = getZone('America/Santiago');
    // 2026-09-06 00:00 -04 jumps to 01:00 -03: 00:30 does not exist and is read at -04, i.e. 01:30 -03.
    expect(new Date(z.localToInstant(Date.UTC(2026, 8, 6, 0, 30))).toISOString()).toBe('2026-09-06T04:30:00.000Z');
    expect(z.dayOf(z.localToInstant(Date.UTC(2026, 8, 6, 0, 30)))).toBe(Date.UTC(2026, 8, 6) / DAY);
    // Either side of the gap.
    expect(new Date(z.localToInstant(Date.UTC(2026, 8, 5, 23, 59))).toISOString()).toBe('2026-09-06T03:59:00.000Z');
    expect(new Date(z.localToInstant(Date.UTC(2026, 8, 6, 1, 0))).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('reads a repeated time as its earlier instant, east and west of Greenwich', () => {
    // New York 2025-11-02 01:30 happens at -04 then at -05.
    expect(new Date(getZone('America/New_York').localToInstant(Date.UTC(2025, 10, 2, 1, 30))).toISOString()).toBe('2025-11-02T05:30:00.000Z');
    // Berlin 2025-10-26 02:30 happens at +02 then at +01.
    expect(new Date(getZone('Europe/Berlin').localToInstant(Date.UTC(2025, 9, 26, 2, 30))).toISOString()).toBe('2025-10-26T00:30:00.000Z');
    // Lord Howe 2026-04-05 01:45 happens at +11 then at +10:30.
    expect(new Date(getZone('Australia/Lord_Howe').localToInstant(Date.UTC(2026, 3, 5, 1, 45))).toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });

  it('counts a naive time in a gap of the source zone on its written date in another day zone', () => {
    const opts = { timezone: 'America/New_York', dateOrder: 'mdy' as const, sourceTimezone: 'America/Santiago' };
    expect(parseTimestamp('2026-09-06 00:30', opts)).toBe(Date.UTC(2026, 8, 6) / DAY);
    expect(parseTimestamp('9/6/2026 12:30 AM', opts)).toBe(Date.UTC(2026, 8, 6) / DAY);
    expect(parseTimestamp('2026-09-06T00:30:00', opts)).toBe(Date.UTC(2026, 8, 6) / DAY);
  });

  it('agrees with a brute-force Intl search at times around transitions and at random', () => {
    const from = Date.UTC(2010, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    // Transitions of a few years per zone (all of 2011 for Apia's skipped day), computed once.
    const near = ZONES.flatMap((zone) =>
      [2011, 2019, 2026].flatMap((y) => transitions(zone, Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)).map((t) => ({ zone, ...t }))),
    );
    expect(near.length).toBeGreaterThan(60);
    const aroundTransition = fc
      .tuple(fc.constantFrom(...near), fc.integer({ min: -180, max: 180 }))
      .map(([t, minutes]) => ({ zone: t.zone, local: t.at + t.before + minutes * MINUTE }));
    const anytime = fc
      .tuple(fc.constantFrom(...ZONES), fc.integer({ min: from / MINUTE, max: to / MINUTE }))
      .map(([zone, minute]) => ({ zone, local: minute * MINUTE }));
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: aroundTransition }, { weight: 1, arbitrary: anytime }), ({ zone, local }) => {
        const got = getZone(zone).localToInstant(local);
        const want = bruteLocalToInstant(zone, local);
        expect({ zone, local: new Date(local).toISOString(), got: new Date(got).toISOString() }).toEqual({ zone, local: new Date(local).toISOString(), got: new Date(want).toISOString() });
      }),
      runs(600),
    );
  });
});
