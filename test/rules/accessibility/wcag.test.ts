import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'accessibility.wcag';

describe('accessibility.wcag from the conformance claim', () => {
  it('pass: 2.1 AA meets the default 2.1 AA', () => {
    const { o, f } = run(R, 'conforms-aa');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('conforms');
    expect(f.evidence).toMatchObject({ field: 'accessibility.conformance', value: 'AA' });
    expect(f.source.line).toBe(lineOf(R, 'conforms-aa', 'conformance'));
  });

  it('pass: 2.2 AAA is above both minimums', () => {
    expect(run(R, 'conforms-aaa-22').f.status).toBe('pass');
  });

  it('fail: conformance A below min_conformance AA', () => {
    const { o, f } = run(R, 'level-a');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('level-below');
    expect(f.evidence).toMatchObject({ field: 'accessibility.conformance', value: 'A' });
    expect(f.remediation).toBeTruthy();
    expect(run(R, 'level-a', { policy: { accessibility: { min_conformance: 'A' } } }).f.status).toBe('pass');
  });

  it('fail: version 2.0 below min_wcag 2.1, whatever the conformance (AAA)', () => {
    const { o, f } = run(R, 'version-20-aaa');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('version-below');
    expect(f.evidence).toMatchObject({ field: 'accessibility.wcag_version', value: '2.0' });
    expect(f.source.line).toBe(lineOf(R, 'version-20-aaa', 'wcag_version'));
    expect(run(R, 'conforms-aa', { policy: { accessibility: { min_wcag: '2.2' } } }).o.message).toBe('version-below');
  });

  it('warn: partial with remediation_due after as-of', () => {
    const { o, f } = run(R, 'partial-plan');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('partial-plan');
    expect(f.evidence).toMatchObject({ field: 'accessibility.remediation_due', value: '2027-03-31' });
    expect(f.source.line).toBe(lineOf(R, 'partial-plan', 'remediation_due'));
  });

  it('fail: partial with remediation_due on or before as-of', () => {
    const { o, f } = run(R, 'partial-past-due');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('partial-no-plan');
    expect(run(R, 'partial-plan', { asOf: '2027-03-31' }).f.status).toBe('fail');
  });

  it('fail: partial without remediation_due', () => {
    const { o, f } = run(R, 'partial-no-date');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('partial-no-plan');
  });

  it('fail: conformance none', () => {
    const { o, f } = run(R, 'none');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('none');
  });

  it('fail: no accessibility block is not provided', () => {
    const { o, f } = run(R, 'not-provided');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.value).toBeNull();
    expect(f.source.line).toBe(1);
  });

  it('fail: version without conformance is not provided', () => {
    const { o, f } = run(R, 'no-conformance');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.field).toBe('accessibility.conformance');
    expect(f.source.line).toBe(lineOf(R, 'no-conformance', 'accessibility:'));
  });

  it('waived (by rule id and by check name)', () => {
    const a = runWaived(R, 'none');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'partial-plan', { by: 'accessibility' });
    expectWaived(b.before, b.after);
  });
});

describe('accessibility.wcag from an OpenACR report', () => {
  it('pass: every A/AA criterion supports or is not applicable (AAA ignored), over a `partial` claim', () => {
    const { o, f, product } = run(R, 'acr-supports');
    expect(product.acr?.wcagVersion).toBe('2.1');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('acr-supports');
    expect(o.params).toMatchObject({ count: 3 });
    expect(f.evidence.field).toBe('accessibility.openacr');
    expect(f.source.line).toBe(lineOf(R, 'acr-supports', 'openacr'));
  });

  it('fail: does-not-support criteria, each named with its WCAG title (any component decides)', () => {
    const { o, f } = run(R, 'acr-does-not-support');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('acr-not-supported');
    // every criterion short of supports is listed, worst first; the count is of the failing ones
    expect(f.evidence.value).toEqual(['2.1.1 Keyboard: does not support', '1.4.3 Contrast (Minimum): does not support', '1.4.4 Resize Text: partially supports']);
    expect(o.params).toMatchObject({ count: 2 });
    expect(f.message).toContain('1.4.3 Contrast (Minimum)');
    expect(f.message).toContain('2.1.1 Keyboard');
    expect(f.remediation).toBeTruthy();
  });

  it('warn: partially-supports with openacr_partial warn (the default)', () => {
    const { o, f } = run(R, 'acr-partial');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('acr-partial');
    expect(o.params).toMatchObject({ count: 1 });
    expect(f.evidence.value).toEqual(['1.4.3 Contrast (Minimum): partially supports', '1.4.10 Reflow: not evaluated']);
  });

  it('fail: partially-supports with openacr_partial fail', () => {
    const { o, f } = run(R, 'acr-partial', { policy: { accessibility: { openacr_partial: 'fail' } } });
    expect(f.status).toBe('fail');
    expect(o.message).toBe('acr-not-supported');
    expect(o.params).toMatchObject({ count: 1 });
    expect(f.message).toContain('1.4.3 Contrast (Minimum)');
    // with openacr_partial fail, partially supported criteria count as failing
    const both = run(R, 'acr-does-not-support', { policy: { accessibility: { openacr_partial: 'fail' } } });
    expect(both.o.params).toMatchObject({ count: 3 });
  });

  it('warn: not-evaluated, blank ("") and absent levels are "not evaluated", each listed', () => {
    const { o, f, product } = run(R, 'acr-not-evaluated');
    expect(product.acr?.criteria.map((c) => [c.num, c.adherence])).toEqual([
      ['1.1.1', 'supports'],
      ['1.3.1', 'not-evaluated'],
      ['1.4.3', 'not-evaluated'],
      ['1.4.5', 'not-evaluated'],
    ]);
    expect(f.status).toBe('warn');
    expect(o.message).toBe('acr-not-evaluated');
    expect(o.params).toMatchObject({ count: 3 });
    expect(f.evidence.value).toEqual([
      '1.3.1 Info and Relationships: not evaluated',
      '1.4.3 Contrast (Minimum): not evaluated',
      '1.4.5 Images of Text: not evaluated',
    ]);
  });

  it('fail: the catalog version (2.0) below min_wcag, though the manifest claims 2.2', () => {
    const { o, f, product } = run(R, 'acr-catalog-20');
    expect(product.acr?.wcagVersion).toBe('2.0');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('version-below');
    expect(f.evidence).toMatchObject({ field: 'accessibility.openacr', value: '2.0' });
    expect(run(R, 'acr-catalog-20', { policy: { accessibility: { min_wcag: '2.0' } } }).f.status).toBe('pass');
  });

  it("an ACR naming no catalog takes the manifest's wcag_version", () => {
    const { f, product } = run(R, 'acr-no-catalog-manifest-version');
    expect(product.acr?.wcagVersion).toBeNull();
    expect(f.status).toBe('pass');
    expect(run(R, 'acr-no-catalog-manifest-version', { policy: { accessibility: { min_wcag: '2.2' } } }).o.message).toBe('version-below');
  });

  it('fail: neither the ACR nor the manifest gives a version', () => {
    const { o, f } = run(R, 'acr-no-version');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('acr-no-version');
  });

  it('waived', () => {
    const { before, after } = runWaived(R, 'acr-does-not-support');
    expectWaived(before, after);
  });
});
