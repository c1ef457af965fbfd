import { describe, expect, it } from 'vitest';
import { decisionsOf, isSunsetCandidate, savingOf } from '../../src/engine/decisions.js';
import { reportToJson } from '../../src/reporters/json.js';
import { buildReport } from '../fixtures/report-model.js';

describe('decisions', () => {
  const report = buildReport();

  it('gives every product with a saving a decision, so the savings add up to the potential savings', () => {
    const sum = report.decisions.reduce((n, d) => n + (d.saving ?? 0), 0);
    expect(sum).toBe(report.summary.potentialSavings);
    expect(report.summary.sunsetSavings + report.summary.rightSizeSavings).toBe(report.summary.potentialSavings);
    const json = reportToJson(report);
    const dollars = (json.decisions ?? []).reduce((n, d) => n + (d.saving ?? 0), 0);
    expect(Math.round(dollars * 100)).toBe(Math.round(json.summary.potentialSavings * 100));
  });

  it('chooses the first action that applies in reports.md order and sorts by decide-by, null last, then id', () => {
    const byId = new Map(report.decisions.map((d) => [d.product, d]));
    for (const p of report.products) {
      const d = byId.get(p.id);
      if (isSunsetCandidate(p)) expect(d?.action).toBe('sunset');
      else if (p.status === 'active' && p.verdict === 'rejected') expect(d?.action).toBe('fix-before-renewal');
      else if (savingOf(p) !== null) expect(d?.action).toBe('right-size');
      if (d?.action === 'right-size') expect(d.seats).toBe(p.usage!.recommendedSeats);
      else if (d) expect(d.seats).toBeNull();
    }
    const keys = report.decisions.map((d) => `${d.decideBy ?? '9999-99-99'} ${d.product}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('lists a sunsetting product as retiring, with no saving, when its renewal is due', () => {
    const p = structuredClone(report.products.find((x) => x.status === 'sunsetting')!);
    p.renewal = { renewalOn: '2026-12-01', decideBy: '2026-11-01', autoRenews: false, due: true };
    const [d] = decisionsOf([p], '2026-11-23', 90);
    expect(d).toMatchObject({ product: p.id, action: 'retiring', saving: null, decideBy: '2026-11-01' });
    expect(savingOf(p)).toBeNull();
  });

  it('renews a product whose renewal is due and that needs nothing else, and skips one that needs no decision', () => {
    const p = structuredClone(report.products.find((x) => x.verdict === 'approved' && !isSunsetCandidate(x) && savingOf(x) === null)!);
    p.status = 'active';
    p.renewal = { renewalOn: '2027-01-10', decideBy: '2026-12-10', autoRenews: true, due: true };
    expect(decisionsOf([p], '2026-11-23', 90)).toMatchObject([{ action: 'renew', saving: null, atStake: p.usage?.annualCost ?? null }]);
    p.renewal = { ...p.renewal, due: false };
    expect(decisionsOf([p], '2026-11-23', 90)).toEqual([]);
  });
});
