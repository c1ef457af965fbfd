import { describe, expect, it } from 'vitest';
import { decideBy } from '../../../src/rules/contract/renewal.js';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'contract.renewal';

describe('contract.renewal', () => {
  it('decide-by = renewal − notice_days (calendar days); without notice_days the renewal date', () => {
    expect(decideBy('2027-06-30', 60)).toBe('2027-05-01');
    expect(decideBy('2027-03-01', 1)).toBe('2027-02-28');
    expect(decideBy('2028-03-01', 1)).toBe('2028-02-29');
    expect(decideBy('2026-12-15', null)).toBe('2026-12-15');
    expect(decideBy('2026-12-15', undefined)).toBe('2026-12-15');
  });

  it('pass: renewal more than renewal_warn_days (120) away', () => {
    const { o, f } = run(R, 'not-due');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('not-due');
    expect(o.params).toMatchObject({ renewal_on: '2027-06-30', decide_by: '2027-05-01', days: 219, window: 120 });
    expect(f.evidence).toMatchObject({ field: 'cost.renewal_on', value: '2027-06-30' });
    expect(f.source.line).toBe(lineOf(R, 'not-due', 'renewal_on:'));
    expect(f.check).toBe('contract');
  });

  it('boundary: exactly renewal_warn_days away is due (within), one more day is not', () => {
    // 2027-06-30 − 120 days = 2027-03-02
    expect(run(R, 'not-due', { asOf: '2027-03-02' }).f.status).toBe('warn');
    expect(run(R, 'not-due', { asOf: '2027-03-01' }).f.status).toBe('pass');
  });

  it('warn: due, the message gives the decide-by date', () => {
    const { o, f } = run(R, 'due');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('due');
    expect(o.params).toMatchObject({ renewal_on: '2027-02-28', decide_by: '2027-01-29', days: 97 });
    expect(f.message).toContain('2027-01-29');
    expect(f.remediation).toBeTruthy();
  });

  it('warn: decide-by already passed on an auto-renewing contract (missed)', () => {
    const { o, f } = run(R, 'missed');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('missed');
    expect(o.params).toMatchObject({ renewal_on: '2027-01-15', decide_by: '2026-11-16', days: 53 });
    expect(f.message).toContain('2026-11-16');
  });

  it('decide-by on the as-of day has not passed yet', () => {
    expect(run(R, 'missed', { asOf: '2026-11-16' }).o.message).toBe('due');
    expect(run(R, 'missed', { asOf: '2026-11-17' }).o.message).toBe('missed');
  });

  it('a passed decide-by on a contract that does not auto-renew is plain "due"', () => {
    const { o, f } = run(R, 'missed-not-auto');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('due');
  });

  it('warn: renewal already past', () => {
    const { o, f } = run(R, 'past');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('past');
    expect(o.params).toMatchObject({ renewal_on: '2026-06-30', decide_by: '2026-06-30' });
  });

  it('without notice_days the decide-by date is the renewal date', () => {
    const { o, f } = run(R, 'no-notice-days');
    expect(f.status).toBe('warn');
    expect(o.params).toMatchObject({ renewal_on: '2026-12-15', decide_by: '2026-12-15', days: 22 });
  });

  it('the window follows sunset.renewal_warn_days', () => {
    expect(run(R, 'due', { policy: { sunset: { renewal_warn_days: 30 } } }).f.status).toBe('pass');
  });

  it('n/a: no renewal date', () => {
    const { o, f } = run(R, 'no-renewal');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-renewal');
    expect(f.remediation).toBeNull();
  });

  it('waived (by rule id and by check name contract)', () => {
    const a = runWaived(R, 'due');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'past', { by: 'contract' });
    expectWaived(b.before, b.after);
  });
});
