import { describe, expect, it } from 'vitest';
import { decisionsOf, isSunsetCandidate, savingOf } from '../../src/engine/decisions.js';
import type { Finding, ProductReport, Status } from '../../src/model/types.js';
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

  describe('the privacy and contract findings that call for a decision (privacy-laws.md §5–§7)', () => {
    const asOf = '2026-11-23';
    /** An approved active product with no saving, no renewal due and no other finding that calls for a decision. */
    function plain(): ProductReport {
      const p = structuredClone(report.products.find((x) => x.id === 'mathquest')!);
      p.status = 'active';
      p.renewal = { renewalOn: '2027-08-01', decideBy: '2027-06-01', autoRenews: false, due: false };
      expect(decisionsOf([p], asOf, 90)).toEqual([]);
      return p;
    }
    function add(p: ProductReport, rule: string, status: Status, message: string, more: Record<string, unknown> = {}): void {
      const f: Finding = {
        rule, check: rule.startsWith('contract.') ? 'contract' : 'lifecycle', status, message,
        evidence: { field: 'x', value: null, expected: null, ...more },
        source: { file: 'catalog/x.yaml', line: 3, column: 1 }, remediation: null, waiver: null, known: false,
      };
      p.findings.push(f);
    }

    const cases: { rule: string; status: Status; more: Record<string, unknown>; action: string; decideBy: string | null }[] = [
      { rule: 'privacy.data-deletion', status: 'fail', more: { dueOn: '2026-08-14', daysLate: 101 }, action: 'delete-data', decideBy: '2026-08-14' },
      { rule: 'privacy.data-deletion', status: 'warn', more: { dueOn: '2026-12-01', daysLate: null }, action: 'delete-data', decideBy: '2026-12-01' },
      { rule: 'privacy.data-deletion', status: 'fail', more: {}, action: 'delete-data', decideBy: null }, // retired without a date: no due date
      { rule: 'privacy.grade-band-use', status: 'fail', more: { byGrade: { '5': 12 }, unknownGrade: 0 }, action: 'restrict-use', decideBy: asOf },
      { rule: 'privacy.grade-band-use', status: 'warn', more: { byGrade: { '9': 40 }, unknownGrade: 0 }, action: 'restrict-use', decideBy: '2027-06-01' },
      { rule: 'contract.review-due', status: 'fail', more: { dueOn: '2026-10-01' }, action: 're-review', decideBy: '2026-10-01' },
      { rule: 'contract.review-due', status: 'warn', more: { dueOn: '2026-12-10' }, action: 're-review', decideBy: '2026-12-10' },
    ];
    it.each(cases)('$rule $status gives $action, decided by $decideBy, its reason the finding message', ({ rule, status, more, action, decideBy }) => {
      const p = plain();
      add(p, rule, status, `The ${rule} message, 17 days.`, more);
      const [d] = decisionsOf([p], asOf, 90);
      expect(d).toMatchObject({ product: p.id, action, decideBy, seats: null, saving: null, atStake: p.usage!.annualCost, reason: `The ${rule} message, 17 days` });
    });

    it.each(['pass', 'n/a', 'waived'] as Status[])('a %s finding calls for no decision', (status) => {
      const p = plain();
      for (const rule of ['privacy.data-deletion', 'privacy.grade-band-use', 'contract.review-due']) add(p, rule, status, 'fine');
      expect(decisionsOf([p], asOf, 90)).toEqual([]);
    });

    it('chooses deletion, then grade band, then re-review, before renew; the others follow the reason as "Also:"', () => {
      const p = plain();
      p.renewal = { renewalOn: '2027-01-10', decideBy: '2026-12-10', autoRenews: true, due: true };
      add(p, 'contract.review-due', 'warn', 'Re-review due on 2026-12-10', { dueOn: '2026-12-10' });
      expect(decisionsOf([p], asOf, 90)[0]).toMatchObject({ action: 're-review', reason: 'Re-review due on 2026-12-10' });
      add(p, 'privacy.grade-band-use', 'warn', '40 students outside its grades');
      expect(decisionsOf([p], asOf, 90)[0]).toMatchObject({ action: 'restrict-use', reason: '40 students outside its grades. Also: Re-review due on 2026-12-10' });
      add(p, 'privacy.data-deletion', 'warn', 'Deletion due on 2026-12-01.', { dueOn: '2026-12-01' });
      expect(decisionsOf([p], asOf, 90)[0]).toMatchObject({
        action: 'delete-data', decideBy: '2026-12-01',
        reason: 'Deletion due on 2026-12-01. Also: 40 students outside its grades. Also: Re-review due on 2026-12-10',
      });
    });

    it('keeps the actions of reports.md first: a right-sizing names the grade-band use after its reason', () => {
      const p = plain();
      p.usage = { ...p.usage!, recommendedSeats: 2000, rightSizeSaving: 400 * 1200 };
      expect(decisionsOf([p], asOf, 90)[0]).toMatchObject({ action: 'right-size', seats: 2000, saving: 480_000 });
      add(p, 'privacy.grade-band-use', 'warn', '40 students outside its grades used it');
      const [d] = decisionsOf([p], asOf, 90);
      expect(d.action).toBe('right-size');
      expect(d.saving).toBe(savingOf(p));
      expect(d.reason).toMatch(/\. Also: 40 students outside its grades used it$/);
    });

    it('puts nothing at stake for a product the district does not pay for now (retired, proposed)', () => {
      for (const status of ['retired', 'proposed']) {
        const p = plain();
        p.status = status;
        add(p, 'privacy.data-deletion', 'fail', 'Deletion overdue', { dueOn: '2026-08-14' });
        expect(decisionsOf([p], asOf, 90)[0]).toMatchObject({ action: 'delete-data', atStake: null, saving: null });
      }
    });
  });
});
