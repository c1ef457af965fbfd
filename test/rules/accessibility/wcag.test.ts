import { expect } from 'vitest';
import rule from '../../../src/rules/accessibility/wcag.js';
import { ruleTester } from '../rule-tester.js';

const ACR = 'accessibility.openacr';
const PARTIAL_FAILS = { accessibility: { openacr_partial: 'fail' } };

ruleTester(rule, [
  // From the manifest's conformance claim.
  { name: '2.1 AA meets the default 2.1 AA', fixture: 'conforms-aa', status: 'pass', message: 'conforms', field: 'accessibility.conformance', value: 'AA', line: 'conformance' },
  { name: '2.2 AAA is above both minimums', fixture: 'conforms-aaa-22', status: 'pass', message: 'conforms', field: 'accessibility.conformance', value: 'AAA' },
  { name: 'conformance A below min_conformance AA', fixture: 'level-a', status: 'fail', message: 'level-below', field: 'accessibility.conformance', value: 'A' },
  { name: 'conformance A meets min_conformance A', fixture: 'level-a', policy: { accessibility: { min_conformance: 'A' } }, status: 'pass', message: 'conforms', field: 'accessibility.conformance' },
  { name: 'version 2.0 below min_wcag 2.1, whatever the conformance (AAA)', fixture: 'version-20-aaa', status: 'fail', message: 'version-below', field: 'accessibility.wcag_version', value: '2.0', line: 'wcag_version' },
  { name: '2.1 AA below min_wcag 2.2', fixture: 'conforms-aa', policy: { accessibility: { min_wcag: '2.2' } }, status: 'fail', message: 'version-below', field: 'accessibility.wcag_version' },
  { name: 'partial with remediation_due after as-of', fixture: 'partial-plan', status: 'warn', message: 'partial-plan', field: 'accessibility.remediation_due', value: '2027-03-31', line: 'remediation_due' },
  { name: 'partial with remediation_due before as-of', fixture: 'partial-past-due', status: 'fail', message: 'partial-no-plan', field: 'accessibility.remediation_due' },
  { name: 'partial with remediation_due on the as-of day', fixture: 'partial-plan', asOf: '2027-03-31', status: 'fail', message: 'partial-no-plan', field: 'accessibility.remediation_due' },
  { name: 'partial without remediation_due', fixture: 'partial-no-date', status: 'fail', message: 'partial-no-plan', field: 'accessibility.conformance', value: 'partial' },
  { name: 'conformance none', fixture: 'none', status: 'fail', message: 'none', field: 'accessibility.conformance' },
  { name: 'no accessibility block is not provided', fixture: 'not-provided', status: 'fail', message: 'not-provided', field: 'accessibility.wcag_version', value: null, line: 1 },
  { name: 'version without conformance is not provided', fixture: 'no-conformance', status: 'fail', message: 'not-provided', field: 'accessibility.conformance', value: null, line: 'accessibility:' },

  // From an OpenACR report: every criterion short of "supports" is named with its WCAG title, worst first.
  {
    name: 'every A/AA criterion supports or is not applicable (AAA ignored), over a `partial` claim',
    fixture: 'acr-supports',
    status: 'pass',
    message: 'acr-supports',
    field: ACR,
    params: { count: 3 },
    line: 'openacr',
    also: ({ product }) => expect(product.acr?.wcagVersion).toBe('2.1'),
  },
  {
    // the count is of the failing ones (any component decides)
    name: 'does-not-support criteria, each named with its WCAG title',
    fixture: 'acr-does-not-support',
    status: 'fail',
    message: 'acr-not-supported',
    field: ACR,
    value: ['2.1.1 Keyboard: does not support', '1.4.3 Contrast (Minimum): does not support', '1.4.4 Resize Text: partially supports'],
    params: { count: 2, criteria: '2.1.1 Keyboard: does not support; 1.4.3 Contrast (Minimum): does not support; 1.4.4 Resize Text: partially supports' },
  },
  {
    name: 'partially-supports with openacr_partial warn (the default)',
    fixture: 'acr-partial',
    status: 'warn',
    message: 'acr-partial',
    field: ACR,
    value: ['1.4.3 Contrast (Minimum): partially supports', '1.4.10 Reflow: not evaluated'],
    params: { count: 1 },
  },
  {
    name: 'partially-supports with openacr_partial fail',
    fixture: 'acr-partial',
    policy: PARTIAL_FAILS,
    status: 'fail',
    message: 'acr-not-supported',
    field: ACR,
    params: { count: 1, criteria: '1.4.3 Contrast (Minimum): partially supports; 1.4.10 Reflow: not evaluated' },
  },
  // with openacr_partial fail, partially supported criteria count as failing
  { name: 'openacr_partial fail counts partial criteria too', fixture: 'acr-does-not-support', policy: PARTIAL_FAILS, status: 'fail', message: 'acr-not-supported', field: ACR, params: { count: 3 } },
  {
    name: 'not-evaluated, blank ("") and absent levels are "not evaluated", each listed',
    fixture: 'acr-not-evaluated',
    status: 'warn',
    message: 'acr-not-evaluated',
    field: ACR,
    value: ['1.3.1 Info and Relationships: not evaluated', '1.4.3 Contrast (Minimum): not evaluated', '1.4.5 Images of Text: not evaluated'],
    params: { count: 3 },
    also: ({ product }) =>
      expect(product.acr?.criteria.map((c) => [c.num, c.adherence])).toEqual([
        ['1.1.1', 'supports'],
        ['1.3.1', 'not-evaluated'],
        ['1.4.3', 'not-evaluated'],
        ['1.4.5', 'not-evaluated'],
      ]),
  },
  {
    name: 'the catalog version (2.0) below min_wcag, though the manifest claims 2.2',
    fixture: 'acr-catalog-20',
    status: 'fail',
    message: 'version-below',
    field: ACR,
    value: '2.0',
    also: ({ product }) => expect(product.acr?.wcagVersion).toBe('2.0'),
  },
  { name: 'the catalog version (2.0) meets min_wcag 2.0', fixture: 'acr-catalog-20', policy: { accessibility: { min_wcag: '2.0' } }, status: 'pass', message: 'acr-supports', field: ACR },
  {
    name: "an ACR naming no catalog takes the manifest's wcag_version",
    fixture: 'acr-no-catalog-manifest-version',
    status: 'pass',
    message: 'acr-supports',
    field: ACR,
    also: ({ product }) => expect(product.acr?.wcagVersion).toBeNull(),
  },
  { name: "the manifest's wcag_version below min_wcag 2.2", fixture: 'acr-no-catalog-manifest-version', policy: { accessibility: { min_wcag: '2.2' } }, status: 'fail', message: 'version-below', field: ACR },
  { name: 'neither the ACR nor the manifest gives a version', fixture: 'acr-no-version', status: 'fail', message: 'acr-no-version', field: ACR },
]);
