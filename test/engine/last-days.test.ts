/** The last-day store of the usage aggregation (src/engine/last-days.ts), dense and hashed alike. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LastDayStore } from '../../src/engine/last-days.js';
import { runs } from '../property.js';

describe('LastDayStore', () => {
  it('keeps the latest day per user and product, and null for a pair never seen', () => {
    const s = new LastDayStore(2, 4);
    s.record(1, 0, 10);
    s.record(1, 0, 7);
    s.record(3, 1, -5);
    expect([s.lastDay(1, 0), s.lastDay(3, 1), s.lastDay(0, 0), s.lastDay(99, 1)]).toEqual([10, -5, null, null]);
    expect(s.hashed).toBe(false);
    const ix = s.index();
    expect([...ix.offsets]).toEqual([0, 1, 2]);
    expect([[...ix.users], [...ix.days]]).toEqual([[1, 3], [10, -5]]);
  });

  it('reserve() sizes the dense matrix once, or moves to the hash table past the limit, with the same answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300), fc.nat(4), fc.integer({ min: -1000, max: 1000 })), { maxLength: 300 }),
        fc.nat(400),
        fc.constantFrom(5 * 16, 5 * 256, 1 << 20),
        (events, reserve, denseLimit) => {
          const plain = new LastDayStore(5, 0, denseLimit);
          const reserved = new LastDayStore(5, 0, denseLimit);
          reserved.reserve(reserve);
          if (reserve * 5 > denseLimit) expect(reserved.hashed).toBe(true);
          for (const [u, p, d] of events) {
            plain.record(u, p, d);
            reserved.record(u, p, d);
          }
          for (const [u, p] of events) expect(reserved.lastDay(u, p)).toBe(plain.lastDay(u, p));
          // The same pairs (a dense store lists each product's users in order, a hashed one in table order).
          const pairs = (s: LastDayStore) => {
            const ix = s.index();
            const out: string[] = [];
            for (let p = 0; p < 5; p++) for (let k = ix.offsets[p]; k < ix.offsets[p + 1]; k++) out.push(`${p},${ix.users[k]},${ix.days[k]},${ix.months[k]}`);
            return out.sort();
          };
          expect(pairs(reserved)).toEqual(pairs(plain));
          if (reserve * 5 <= denseLimit) expect(reserved.index()).toEqual(plain.index());
        },
      ),
      { numRuns: runs(100, 1000) },
    );
  });

  it('moves to the hash table past the dense limit, with the same answers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(300), fc.nat(4), fc.integer({ min: -1000, max: 1000 })), { maxLength: 400 }),
        fc.constantFrom(0, 5 * 16, 1 << 20),
        (events, denseLimit) => {
          const s = new LastDayStore(5, 0, denseLimit);
          const ref = new Map<string, number>();
          for (const [u, p, d] of events) {
            s.record(u, p, d);
            ref.set(`${u},${p}`, Math.max(ref.get(`${u},${p}`) ?? -Infinity, d));
          }
          for (const [k, d] of ref) {
            const [u, p] = k.split(',').map(Number);
            expect(s.lastDay(u, p)).toBe(d);
          }
          const ix = s.index();
          const seen = new Map<string, number>();
          for (let p = 0; p < 5; p++) for (let k = ix.offsets[p]; k < ix.offsets[p + 1]; k++) seen.set(`${ix.users[k]},${p}`, ix.days[k]);
          expect(seen).toEqual(ref);
          if (denseLimit === 0 && events.length > 0) expect(s.hashed).toBe(true);
        },
      ),
      { numRuns: runs(200, 2000) },
    );
  });
});
