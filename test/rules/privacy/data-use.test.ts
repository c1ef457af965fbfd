import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'privacy.data-use';

describe('privacy.data-use', () => {
  it('pass: neither sells data nor shows targeted ads', () => {
    const { o, f } = run(R, 'clean');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('clean');
    expect(f.evidence).toMatchObject({ field: 'privacy.sells_data', value: false });
    expect(f.source.line).toBe(lineOf(R, 'clean', 'sells_data'));
  });

  it('fail: sells data while the policy forbids it', () => {
    const { o, f } = run(R, 'sells-data');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('sells-data');
    expect(f.evidence).toMatchObject({ field: 'privacy.sells_data', value: true, expected: false });
    expect(f.source.line).toBe(lineOf(R, 'sells-data', 'sells_data'));
    expect(f.remediation).toBeTruthy();
  });

  it('fail: targeted ads while the policy forbids them', () => {
    const { o, f } = run(R, 'targeted-ads');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('targeted-ads');
    expect(f.evidence).toMatchObject({ field: 'privacy.targeted_ads', value: true });
    expect(f.source.line).toBe(lineOf(R, 'targeted-ads', 'targeted_ads'));
  });

  it('pass: selling data when the policy allows it', () => {
    const { o, f } = run(R, 'sells-data', { policy: { privacy: { forbid_data_sale: false } } });
    expect(f.status).toBe('pass');
    expect(o.message).toBe('allowed');
  });

  it('warn: sells_data not stated (absent is not false)', () => {
    const { o, f } = run(R, 'sells-not-stated');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('not-stated');
    expect(f.evidence).toMatchObject({ field: 'privacy.sells_data', value: null });
    expect(f.source.line).toBe(lineOf(R, 'sells-not-stated', 'privacy:'));
  });

  it('warn: targeted_ads not stated', () => {
    const { f } = run(R, 'ads-not-stated');
    expect(f.status).toBe('warn');
    expect(f.evidence).toMatchObject({ field: 'privacy.targeted_ads', value: null });
  });

  it('warn: no privacy block at all', () => {
    const { f } = run(R, 'no-privacy');
    expect(f.status).toBe('warn');
    expect(f.source.line).toBe(1);
  });

  it('n/a: students do not use it (even if it sells data)', () => {
    const { o, f } = run(R, 'staff-only');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-students');
  });

  it('waived', () => {
    const { before, after } = runWaived(R, 'targeted-ads');
    expectWaived(before, after);
    const w = runWaived(R, 'sells-not-stated', { by: 'privacy' });
    expectWaived(w.before, w.after);
  });
});
