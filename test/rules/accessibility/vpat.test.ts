import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'accessibility.vpat';

describe('accessibility.vpat', () => {
  it('pass: url and a recent date', () => {
    const { o, f } = run(R, 'current');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('current');
    expect(f.evidence).toMatchObject({ field: 'accessibility.vpat_date', value: '2025-01-10' });
    expect(f.source.line).toBe(lineOf(R, 'current', 'vpat_date'));
  });

  it('warn: no url', () => {
    const { o, f } = run(R, 'no-url');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('no-url');
    expect(f.evidence).toMatchObject({ field: 'accessibility.vpat_url', value: null });
    expect(f.source.line).toBe(lineOf(R, 'no-url', 'accessibility:'));
    expect(f.remediation).toBeTruthy();
  });

  it('warn: no date', () => {
    const { o, f } = run(R, 'no-date');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('no-date');
  });

  it('warn: nothing provided (never fail)', () => {
    const { f } = run(R, 'not-provided');
    expect(f.status).toBe('warn');
    expect(f.source.line).toBe(1);
  });

  it('warn: older than vpat_max_age_days (731 days)', () => {
    const { o, f } = run(R, 'too-old');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('too-old');
    expect(o.params).toMatchObject({ date: '2024-11-22', age: 731, max: 730 });
    expect(f.evidence).toMatchObject({ field: 'accessibility.vpat_date', value: '2024-11-22' });
  });

  it('pass: exactly vpat_max_age_days old', () => {
    const { o, f } = run(R, 'too-old', { asOf: '2026-11-22' });
    expect(f.status).toBe('pass');
    expect(o.params).toMatchObject({ date: '2024-11-22' });
  });

  it("an OpenACR report_date written M/D/YYYY is the evidence date (and the ACR stands in for the url)", () => {
    const { o, f, product } = run(R, 'acr-mdy-date');
    expect(product.acr?.reportDate).toBe('2025-08-31');
    expect(f.status).toBe('pass');
    expect(f.evidence).toMatchObject({ field: 'accessibility.openacr', value: '2025-08-31' });
    expect(o.params).toMatchObject({ date: '2025-08-31' });
    const later = run(R, 'acr-mdy-date', { asOf: '2027-09-01' });
    expect(later.f.status).toBe('warn');
    expect(later.o.params).toMatchObject({ age: 731 });
  });

  it("the ACR's report_date replaces a newer vpat_date", () => {
    const { o, f } = run(R, 'acr-old-date');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('too-old');
    expect(f.evidence).toMatchObject({ field: 'accessibility.openacr', value: '2021-05-12' });
    expect(f.source.line).toBe(lineOf(R, 'acr-old-date', 'openacr'));
  });

  it('waived', () => {
    const a = runWaived(R, 'too-old');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'no-url', { by: 'accessibility' });
    expectWaived(b.before, b.after);
  });
});
