import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'evidence.essa-tier';

describe('evidence.essa-tier', () => {
  it('pass: tier 2 with a source', () => {
    const { o, f } = run(R, 'tier-2-with-source');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('meets');
    expect(o.params).toMatchObject({ tier: 2, max: 4 });
    expect(f.evidence).toMatchObject({ field: 'evidence.essa_tier', value: 2 });
    expect(f.source.line).toBe(lineOf(R, 'tier-2-with-source', 'essa_tier'));
  });

  it('fail: tier null', () => {
    const { o, f } = run(R, 'tier-null');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.value).toBeNull();
    expect(f.source.line).toBe(lineOf(R, 'tier-null', 'essa_tier'));
    expect(f.remediation).toBeTruthy();
  });

  it('fail: no evidence block', () => {
    const { o, f } = run(R, 'no-evidence');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.source.line).toBe(1);
  });

  it('fail: tier 4 for an intervention, the category sets the maximum (3) and the message names it', () => {
    const { o, f } = run(R, 'intervention-tier-4');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('too-weak');
    expect(o.params).toMatchObject({ tier: 4, max: 3 });
    expect(String(o.params?.set_by)).toContain('intervention');
    expect(f.message).toContain('intervention');
    expect(f.evidence).toMatchObject({ value: 4, expected: 'tier <= 3' });
  });

  it('fail: tier 4 paid by title-i-1003, the funding source sets the maximum and the message names it', () => {
    const { o, f } = run(R, 'funding-tier-4');
    expect(f.status).toBe('fail');
    expect(o.params).toMatchObject({ tier: 4, max: 3 });
    expect(f.message).toContain('title-i-1003');
  });

  it('the strictest maximum wins: a funding source stricter than the category', () => {
    expect(run(R, 'funding-tier-3').f.status).toBe('pass');
    const { o, f } = run(R, 'funding-tier-3', { policy: { evidence: { max_tier_by_funding: { 'title-i-1003': 2 } } } });
    expect(f.status).toBe('fail');
    expect(o.params).toMatchObject({ max: 2 });
    expect(f.message).toContain('title-i-1003');
  });

  it('max_tier_by_category merges with the defaults key by key', () => {
    // adding a supplemental entry keeps the default intervention: 3
    const { o } = run(R, 'intervention-tier-4', { policy: { evidence: { max_tier_by_category: { supplemental: 2 } } } });
    expect(o.params).toMatchObject({ max: 3 });
  });

  it('the policy max_tier applies to every product', () => {
    const { o, f } = run(R, 'tier-2-with-source', { policy: { evidence: { max_tier: 1 } } });
    expect(f.status).toBe('fail');
    expect(o.params).toMatchObject({ max: 1 });
  });

  it('warn: acceptable tier without a source', () => {
    const { o, f } = run(R, 'no-source');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('no-source');
    expect(f.evidence).toMatchObject({ field: 'evidence.source', value: null });
    expect(f.source.line).toBe(lineOf(R, 'no-source', 'evidence:'));
  });

  it('warn: a study older than max_study_age_years (null by default: no limit)', () => {
    expect(run(R, 'old-study').f.status).toBe('pass');
    const { o, f } = run(R, 'old-study', { policy: { evidence: { max_study_age_years: 10 } } });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('old-study');
    expect(f.evidence).toMatchObject({ field: 'evidence.study_year', value: 2009 });
    expect(f.source.line).toBe(lineOf(R, 'old-study', 'study_year'));
  });

  it('waived', () => {
    const a = runWaived(R, 'funding-tier-4');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'no-source', { by: 'evidence' });
    expectWaived(b.before, b.after);
  });
});
