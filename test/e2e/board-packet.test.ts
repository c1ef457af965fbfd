/**
 * The board packet on the demo district (reports.md "the board packet"):
 * decisions whose savings add up to the potential savings, totals that
 * reconcile with the headline figures, the utilization evidence naming its
 * figure, and the sections in the spec's order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt } from './helpers.js';

interface Month { month: string; activeUsers: number | null; activeTeachers: number | null }
interface Product { id: string; name: string; status: string; usage: { annualCost: number; wastedSpend: number | null; rows: number; activeUsers: number; lastSeen: string | null; monthly: Month[] | null } | null; findings: { rule: string; status: string; message: string; evidence: { field: string; value: unknown; expected: unknown; dueOn?: string } }[] }
interface Audit {
  products: Product[];
  decisions: { product: string; action: string; seats: number | null; saving: number | null; atStake: number | null; decideBy: string | null; reason: string }[];
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

  it('has a monthly trend per product: 12 months ending with the as-of month, oldest first, in JSON, HTML and Markdown', () => {
    const expected = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
    for (const p of audit.products) {
      const u = p.usage!;
      if (u.rows === 0) {
        expect(u.monthly, p.id).toBeNull(); // no event: no trend
        continue;
      }
      expect(u.monthly!.map((m) => m.month), p.id).toEqual(expected);
      for (const m of u.monthly!) {
        expect(m.activeUsers, `${p.id} ${m.month}`).not.toBeNull(); // the demo's exports start in 2025-08: every month is covered
        expect(m.activeTeachers!).toBeLessThanOrEqual(m.activeUsers!);
      }
      // Everyone active in the as-of month signed in during its days, so the as-of month can hold no more users than have a last sign-in in it.
      // (Counts name nobody and give no last sign-in: ClipCurio's months are its counts' lower bounds.)
      const lastMonth = u.monthly![11].activeUsers!;
      if ((u as { basis?: string }).basis !== 'counts') expect(lastMonth === 0 || (u.lastSeen ?? '').startsWith('2026-11'), p.id).toBe(true);
    }
    // The demo's summer: far fewer users in July than in the October before the as-of month.
    const ww = audit.products.find((p) => p.id === 'wordwise')!.usage!.monthly!;
    expect(ww[7].activeUsers!).toBeLessThan(ww[10].activeUsers! / 10);
    const html = edvet(['audit', '--demo', '--format', 'html']).stdout;
    expect(html).toContain('<h2 id="h-monthly">Monthly trend (Dec 2025 to Nov 2026)</h2>');
    const md = edvet(['audit', '--demo', '--format', 'markdown']).stdout;
    const h2 = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(h2.indexOf('Monthly trend (Dec 2025 to Nov 2026)')).toBeGreaterThan(h2.indexOf('Usage'));
    expect(h2.indexOf('Monthly trend (Dec 2025 to Nov 2026)')).toBeLessThan(h2.indexOf('Sunset plans'));
    // The Markdown table holds WordWise's JSON figures.
    const row = md.split('\n').find((l) => l.startsWith('| WordWise Reader (wordwise) | All users |'))!;
    expect(row.split('|').slice(3, 15).map((c) => Number(c.trim().replace(/,/g, '')))).toEqual(ww.map((m) => m.activeUsers));
  });

  it('lists the deletion due, the use outside the grade band and the re-review due, with the findings\' own dates and words, in JSON, HTML and Markdown', () => {
    const calls = { 'privacy.data-deletion': 'delete-data', 'privacy.grade-band-use': 'restrict-use', 'contract.review-due': 're-review' } as const;
    const html = edvet(['audit', '--demo', '--format', 'html']).stdout;
    const md = edvet(['audit', '--demo', '--format', 'markdown']).stdout;
    const decisionsHtml = html.slice(html.indexOf('<h2 id="h-decisions"'), html.indexOf('<h2 id="h-headline"'));
    const decisionsMd = md.slice(md.indexOf('## Decisions'), md.indexOf('## Headline figures'));
    const seen = new Set<string>();
    for (const p of audit.products) {
      for (const [rule, action] of Object.entries(calls)) {
        const f = p.findings.find((x) => x.rule === rule && (x.status === 'warn' || x.status === 'fail'));
        if (!f) continue;
        const d = audit.decisions.find((x) => x.product === p.id);
        expect(d, `${p.id} ${rule}`).toBeDefined();
        const text = f.message.replace(/[.]$/, '');
        if (d!.action === action) {
          seen.add(action);
          expect(d!.reason.startsWith(text), p.id).toBe(true);
          if (action !== 'restrict-use') expect(d!.decideBy, p.id).toBe(f.evidence.dueOn ?? null);
          if (action === 'restrict-use' && f.status === 'fail') expect(d!.decideBy).toBe('2026-11-23');
        } else expect(d!.reason, p.id).toContain(`Also: ${text}`);
        // Nothing is at stake for a product the district does not pay for now.
        if (!['pilot', 'active', 'sunsetting'].includes(p.status)) expect(d!.atStake, p.id).toBeNull();
      }
    }
    expect([...seen].sort()).toEqual(['delete-data', 're-review', 'restrict-use']);
    const words = { 'delete-data': 'Get the data deleted', 'restrict-use': 'Restrict use', 're-review': 'Re-review' } as Record<string, string>;
    for (const d of audit.decisions.filter((x) => words[x.action])) {
      const name = audit.products.find((p) => p.id === d.product)!.name;
      expect(decisionsHtml, d.product).toMatch(new RegExp(`<th scope="row">${name}</th><td><strong>${words[d.action]}</strong></td><td class="nowrap">${d.decideBy ?? '–'}`));
      expect(decisionsMd, d.product).toContain(`| ${name} | **${words[d.action]}** | ${d.decideBy ?? '–'}`);
    }
  });
});
