import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'privacy.state-addenda';
const NY = { privacy: { state_addenda: ['NY-2D'] } };
const NY_CA = { privacy: { state_addenda: ['NY-2D', 'CA-SOPIPA'] } };

describe('privacy.state-addenda', () => {
  it('n/a: the policy lists no addenda (the default)', () => {
    const { o, f } = run(R, 'signed');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-none-required');
  });

  it('pass: every listed addendum is signed (case-insensitive)', () => {
    const { o, f } = run(R, 'signed', { policy: NY_CA });
    expect(f.status).toBe('pass');
    expect(o.message).toBe('signed');
    expect(f.evidence).toMatchObject({ field: 'privacy.state_addenda', expected: ['NY-2D', 'CA-SOPIPA'] });
    expect(f.source.line).toBe(lineOf(R, 'signed', 'state_addenda'));
  });

  it('fail: a listed addendum is missing, and the finding names it', () => {
    const { o, f } = run(R, 'missing-one', { policy: NY_CA });
    expect(f.status).toBe('fail');
    expect(o.message).toBe('missing');
    expect(o.params).toEqual({ missing: 'CA-SOPIPA' });
    expect(f.message).toContain('CA-SOPIPA');
    expect(f.message).not.toContain('NY-2D');
    expect(f.remediation).toBeTruthy();
  });

  it('fail: no addenda at all names every one', () => {
    const { o, f } = run(R, 'none-listed', { policy: NY_CA });
    expect(f.status).toBe('fail');
    expect(o.params).toEqual({ missing: 'NY-2D, CA-SOPIPA' });
    expect(f.evidence.value).toBeNull();
  });

  it('pass with one addendum required', () => {
    expect(run(R, 'missing-one', { policy: NY }).f.status).toBe('pass');
  });

  it('n/a: students do not use it', () => {
    const { o, f } = run(R, 'teachers-only', { policy: NY });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-students');
  });

  it('waived', () => {
    const { before, after } = runWaived(R, 'missing-one', { policy: NY_CA });
    expectWaived(before, after);
  });
});
