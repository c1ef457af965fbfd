/**
 * The board packet on the demo district (reports.md "the board packet"):
 * decisions whose savings add up to the potential savings, totals that
 * reconcile with the headline figures, the utilization evidence naming its
 * figure, and the sections in the spec's order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt } from './helpers.js';

interface Product { id: string; status: string; usage: { annualCost: number; wastedSpend: number | null } | null; findings: { rule: string; status: string; evidence: { field: string; value: unknown; expected: unknown } }[] }
interface Audit {
  products: Product[];
  decisions: { product: string; action: string; seats: number | null; saving: number | null; atStake: number | null; decideBy: string | null }[];
  summary: { annualSpend: number; wastedSpend: number; potentialSavings: number; sunsetSavings: number; rightSizeSavings: number };
}

const cents = (x: number) => Math.round(x * 100);

describe('the board packet on the demo district', () => {
  let audit: Audit;
  beforeAll(() => {
    ensureBuilt();
    audit = edvetJson<Audit>(['audit', '--demo', '--format', 'json']).json;
  });

  it('has decisions whose savings add up to the potential savings, and a breakdown that does too', () => {
    const s = audit.summary;
    expect(cents(audit.decisions.reduce((n, d) => n + (d.saving ?? 0), 0))).toBe(cents(s.potentialSavings));
    expect(cents(s.sunsetSavings) + cents(s.rightSizeSavings)).toBe(cents(s.potentialSavings));
    const actions = Object.fromEntries(audit.decisions.map((d) => [d.product, d.action]));
    expect(actions).toMatchObject({ tutorline: 'sunset', vocabvault: 'sunset', clarityprep: 'right-size', atlasworks: 'fix-before-renewal', readbridge: 'retiring' });
    const keys = audit.decisions.map((d) => `${d.decideBy ?? '9999-99-99'} ${d.product}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('reconciles the usage table totals with the headline figures in the HTML', () => {
    const listed = audit.products.filter((p) => p.usage);
    const annual = listed.reduce((n, p) => n + cents(p.usage!.annualCost), 0);
    const paid = listed.filter((p) => ['pilot', 'active', 'sunsetting'].includes(p.status)).reduce((n, p) => n + cents(p.usage!.annualCost), 0);
    expect(paid).toBe(cents(audit.summary.annualSpend));
    const html = edvet(['audit', '--demo', '--format', 'html']).stdout;
    const money = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    // The total row holds the listed sum; the footnote names the headline figure it reconciles with.
    expect(html).toContain(`<td class="num">${money(annual)}</td>`);
    expect(html).toContain(`headline annual spend of ${money(paid)}`);
    const h2 = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(h2.slice(0, 2)).toEqual(['h-decisions', 'h-headline']);
    expect(h2.indexOf('h-sunset')).toBeLessThan(h2.indexOf('h-vetting') === -1 ? Infinity : h2.indexOf('h-vetting'));
  });

  it('names the measured figure in the teacher-utilization evidence', () => {
    const f = audit.products.find((p) => p.id === 'tutorline')!.findings.find((x) => x.rule === 'usage.teacher-utilization')!;
    expect(f.evidence).toMatchObject({ field: 'usage.teacher_utilization', value: 0.1167, expected: '>= 0.3' });
  });
});
