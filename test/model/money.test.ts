/** Money in integer cents (src/model/money.ts): in from dollars once, out to dollars at the edge. */
import { describe, expect, it } from 'vitest';
import { centsOf, centsShare, dollarsOf } from '../../src/model/money.js';

describe('money', () => {
  it('turns dollars into cents on their decimal digits, rounding halves up once', () => {
    expect([centsOf(0), centsOf(1.005), centsOf(4.255), centsOf(10500), centsOf(0.1 + 0.2)]).toEqual([0, 101, 426, 1_050_000, 30]);
    expect(centsOf(4.255, 600)).toBe(255_300); // unit price × seats rounded once, not 426 × 600
    expect(centsOf(1e21)).toBe(1e23);
  });

  it('takes a share of an amount rounded to a cent', () => {
    expect([centsShare(100_000, 2, 3), centsShare(100, 1, 8), centsShare(100, 3, 8), centsShare(0, 5, 7)]).toEqual([66_667, 13, 38, 0]);
  });

  it('writes cents as dollars with at most two decimals', () => {
    expect([dollarsOf(336_008), dollarsOf(1_050_000), dollarsOf(7), dollarsOf(null)]).toEqual([3360.08, 10500, 0.07, null]);
    expect(JSON.stringify(dollarsOf(1_652_508))).toBe('16525.08');
  });
});
