import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'privacy.coppa';

describe('privacy.coppa', () => {
  it('pass: compliant with school consent', () => {
    const { o, f } = run(R, 'compliant-school');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('compliant');
    expect(f.evidence).toMatchObject({ field: 'privacy.coppa.consent', value: 'school' });
    expect(f.source.line).toBe(lineOf(R, 'compliant-school', 'consent:'));
  });

  it('pass: compliant with parent consent', () => {
    const { f } = run(R, 'compliant-parent');
    expect(f.status).toBe('pass');
    expect(f.evidence.value).toBe('parent');
  });

  it('fail: no grades given counts as applying, and COPPA is not provided', () => {
    const { o, f } = run(R, 'no-grades-not-provided');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence).toMatchObject({ field: 'privacy.coppa.compliant', value: null });
    // nearest present key above privacy.coppa.compliant
    expect(f.source.line).toBe(lineOf(R, 'no-grades-not-provided', 'privacy:'));
    expect(f.remediation).toBeTruthy();
  });

  it('fail: `compliant` absent is not provided, never false', () => {
    const { o, f } = run(R, 'compliant-absent');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.value).toBeNull();
    expect(f.source.line).toBe(lineOf(R, 'compliant-absent', 'coppa:'));
  });

  it('fail: not compliant', () => {
    const { o, f } = run(R, 'not-compliant');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-compliant');
    expect(f.evidence).toMatchObject({ field: 'privacy.coppa.compliant', value: false });
    expect(f.source.line).toBe(lineOf(R, 'not-compliant', 'compliant:'));
  });

  it('fail: consent `none`', () => {
    const { o, f } = run(R, 'consent-none');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('no-consent');
    expect(f.evidence).toMatchObject({ field: 'privacy.coppa.consent', value: 'none' });
  });

  it('fail: consent not stated', () => {
    const { o, f } = run(R, 'consent-absent');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('no-consent');
    expect(f.evidence.value).toBeNull();
  });

  it('n/a: students do not sign in', () => {
    const { o, f } = run(R, 'teachers-only');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-students');
    expect(f.evidence.field).toBe('audience');
    expect(f.remediation).toBeNull();
  });

  it('n/a: high-school only (lowest grade 9 > coppa_through_grade 7)', () => {
    const { o, f } = run(R, 'high-school');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-grades');
    expect(o.params).toMatchObject({ grade: '8' });
    expect(f.evidence.field).toBe('grades');
    expect(f.source.line).toBe(lineOf(R, 'high-school', 'grades:'));
  });

  it('boundary: lowest grade 8 is n/a at through-grade 7 and applies at 8', () => {
    expect(run(R, 'grade-8-up').f.status).toBe('n/a');
    const at8 = run(R, 'grade-8-up', { policy: { privacy: { coppa_through_grade: 8 } } });
    expect(at8.f.status).toBe('fail');
    expect(at8.o.message).toBe('not-provided');
  });

  it('boundary: lowest grade 7 (listed out of order) applies at the default through-grade 7', () => {
    const { f } = run(R, 'grade-7-up');
    expect(f.status).toBe('fail');
    expect(run(R, 'grade-7-up', { policy: { privacy: { coppa_through_grade: 6 } } }).f.status).toBe('n/a');
  });

  it('through-grade K: a K-5 product applies, a 3-8 product does not', () => {
    expect(run(R, 'compliant-school', { policy: { privacy: { coppa_through_grade: 'K' } } }).f.status).toBe('pass');
    expect(run(R, 'compliant-parent', { policy: { privacy: { coppa_through_grade: 'K' } } }).f.status).toBe('n/a');
  });

  it('waived', () => {
    const { before, after } = runWaived(R, 'not-compliant');
    expectWaived(before, after);
  });
});
