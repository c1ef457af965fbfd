/**
 * Money inside edvet is integer US cents (style.md "Habits" 6). Amounts enter
 * in dollars (manifest `unit_price`, `annual_total`; policy caps) and are
 * turned into cents once, here; a per-product figure is rounded to a cent
 * once, where it is computed, and totals are sums of those rounded figures
 * (rules.md "Corner cases, decided": rounding of totals). Reports that show
 * dollars convert at the edge with {@link dollarsOf}.
 */

/** An amount of money in US cents: an integer. */
export type Cents = number;

/** `x × 100` computed on the decimal digits (4.255 → 425.5, not 425.49999…), so rounding after it is exact. */
function hundredfold(x: number): number {
  const s = String(x);
  return s.includes('e') ? x * 100 : Number(`${s}e2`);
}

/** Dollars (times a count, e.g. unit price × seats) in cents, rounded once to the nearest cent (halves up). */
export function centsOf(dollars: number, times = 1): Cents {
  return Math.round(hundredfold(dollars) * times);
}

/** The share `part / whole` of an amount, rounded to a cent (halves up): the cost of 1,790 of 3,000 seats. */
export function centsShare(amount: Cents, part: number, whole: number): Cents {
  return Math.round((amount * part) / whole);
}

/** Cents as a dollar number with two decimals at most (123456 → 1234.56): the JSON form of money (reports.md). */
export function dollarsOf(amount: Cents): number;
export function dollarsOf(amount: Cents | null): number | null;
export function dollarsOf(amount: Cents | null): number | null {
  return amount === null ? null : amount / 100;
}
