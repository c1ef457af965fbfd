import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived, usageInput } from '../helpers.js';

const R = 'usage.dormant-seats';

describe('usage.dormant-seats', () => {
  it('pass: dormant ratio below dormant_warn_ratio', () => {
    const { o, f } = run(R, 'active-seats', { usage: usageInput({ seats: 100, activeUsers: 60 }) });
    expect(f.status).toBe('pass');
    expect(o.message).toBe('used');
    expect(o.params).toMatchObject({ dormant: 40, seats: 100, active: 60, pct: 40, days: 30 });
    expect(f.evidence).toMatchObject({ field: 'cost.seats', value: 100 });
    expect(f.source.line).toBe(lineOf(R, 'active-seats', 'seats:'));
    expect(f.check).toBe('usage');
  });

  it('warn: ratio exactly at dormant_warn_ratio (0.5)', () => {
    const { o, f } = run(R, 'active-seats', { usage: usageInput({ seats: 100, activeUsers: 50 }) });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('dormant');
    expect(o.params).toMatchObject({ dormant: 50, pct: 50 });
    expect(f.remediation).toBeTruthy();
  });

  it('warn compares the unrounded ratio: 49.6 % dormant passes, 50.0 % warns', () => {
    // pilot: 40 seats; 21 active → 19 dormant = 0.475; 20 active → 0.5
    expect(run(R, 'pilot-seats', { usage: usageInput({ seats: 40, activeUsers: 21 }) }).f.status).toBe('pass');
    expect(run(R, 'pilot-seats', { usage: usageInput({ seats: 40, activeUsers: 20 }) }).f.status).toBe('warn');
    expect(run(R, 'active-seats', { usage: usageInput({ activeUsers: 60 }), policy: { usage: { dormant_warn_ratio: 0.4 } } }).f.status).toBe('warn');
  });

  it('pass: more active users than seats means no dormant seat', () => {
    const { o, f } = run(R, 'active-seats', { usage: usageInput({ activeUsers: 250 }) });
    expect(f.status).toBe('pass');
    expect(o.params).toMatchObject({ dormant: 0 });
  });

  it('warn: no usage row matched, with the aliases listed', () => {
    const { o, f } = run(R, 'active-seats', { usage: usageInput({ rows: 0, activeUsers: 0 }) });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('no-rows');
    expect(o.params).toMatchObject({ dormant: 100, pct: 100 });
    expect(f.message).toContain('Dormant Active App');
    expect(f.message).toContain('5f2e9c0d1a');
    expect(f.message).toContain('dormant-active');
  });

  it('n/a: no seat count', () => {
    const { o, f } = run(R, 'no-seats', { usage: usageInput({ activeUsers: 5 }) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-seats');
  });

  it('n/a: status not pilot or active', () => {
    const { o, f } = run(R, 'proposed', { usage: usageInput({ activeUsers: 0 }) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-status');
  });

  it('n/a: no usage export given', () => {
    const { o, f } = run(R, 'active-seats', { usage: null });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-usage');
  });

  it('waived (by rule id and by check name usage)', () => {
    const a = runWaived(R, 'active-seats', { usage: usageInput({ activeUsers: 10 }) });
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'active-seats', { usage: usageInput({ rows: 0 }), by: 'usage' });
    expectWaived(b.before, b.after);
  });
});
