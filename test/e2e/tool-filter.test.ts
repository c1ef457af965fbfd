/**
 * `--tool` (rules.md "Corner cases, decided"): waivers of products left out are ignored without a
 * warning; export rows of those products still match them (they are not unmatched apps) and are
 * not reported. The products kept get exactly the figures of a whole-catalog run.
 */
import { describe, expect, it } from 'vitest';
import { edvetJson } from './helpers.js';

interface Report {
  products: { id: string; usage: Record<string, unknown> | null; findings: { rule: string; status: string }[] }[];
  unmatchedApps: { app: string; rows: number }[];
  warnings: string[];
  summary: Record<string, unknown>;
}

const whole = () => edvetJson<Report>(['audit', '--demo', '--format', 'json']);
const only = (...ids: string[]) => edvetJson<Report>(['audit', '--demo', '--format', 'json', ...ids.flatMap((id) => ['--tool', id])]);

describe('--tool on an audit', () => {
  const all = whole().json;
  const two = only('readbridge', 'scribespark').json;

  it('reports only the products named', () => {
    expect(two.products.map((p) => p.id)).toEqual(['readbridge', 'scribespark']);
  });

  it('rows of the products left out are not unmatched apps: the unmatched list is the whole run\'s', () => {
    expect(two.unmatchedApps).toEqual(all.unmatchedApps);
  });

  it('the products kept have the figures and findings of the whole run', () => {
    for (const p of two.products) {
      const q = all.products.find((x) => x.id === p.id)!;
      expect(p.usage).toEqual(q.usage);
      expect(p.findings).toEqual(q.findings);
    }
  });

  it('the waivers of products left out give no warning', () => {
    expect(all.warnings.some((w) => /waiver for product/.test(w))).toBe(false);
    expect(two.warnings.filter((w) => /waiver for product/.test(w))).toEqual([]);
  });
});

describe('--tool on vet', () => {
  it('a kept product keeps its waiver, and the others\' waivers are not reported as unknown products', () => {
    const r = edvetJson<Report>(['vet', 'fixtures/demo-district/catalog', '--tool', 'legacy-gradebook', '--format', 'json', '--as-of', '2026-11-20']);
    expect(r.json.products.map((p) => p.id)).toEqual(['legacy-gradebook']);
    expect(r.json.products[0].findings.find((f) => f.rule === 'accessibility.wcag')?.status).toBe('waived');
    expect(r.json.warnings.filter((w) => /waiver for product/.test(w))).toEqual([]);
  });
});
