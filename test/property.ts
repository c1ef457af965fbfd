/**
 * How many cases the property tests (fast-check) run, and with which seed.
 * Every run uses a fixed seed, so a failure reproduces; fast-check prints the
 * seed and path of a failure. Environment variables:
 * - EDVET_SEED: another seed (an integer);
 * - EDVET_SLOW=1: the high case counts (`npm run test:slow` sets it);
 * - EDVET_RUNS: this many cases for every property, whatever the suite.
 */
import fc from 'fast-check';

/** The seed of every property run: EDVET_SEED, or a fixed default. */
export const SEED = intFromEnv('EDVET_SEED', 20261123, -(2 ** 31), 2 ** 31 - 1);

/** True in `npm run test:slow`: the properties run their high case counts. */
export const SLOW = process.env.EDVET_SLOW === '1';

const RUNS_OVERRIDE = process.env.EDVET_RUNS === undefined ? null : intFromEnv('EDVET_RUNS', 0, 1, 10_000_000);

/** Cases of one property: `fast` in `npm test`, `slow` in `npm run test:slow`, EDVET_RUNS in both when set. */
export function runs(fast: number, slow: number): number {
  return RUNS_OVERRIDE ?? (SLOW ? slow : fast);
}

/** Sets fast-check's global seed and default case count (100, or 1,000 in the slow suite). Called by test/setup.ts. */
export function configureProperties(): void {
  fc.configureGlobal({ seed: SEED, numRuns: runs(100, 1000) });
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}=${raw}: expected an integer from ${min} to ${max}`);
  return n;
}
