import { expect } from 'vitest';
import rule from '../../../src/rules/accessibility/vpat.js';
import { ruleTester } from '../rule-tester.js';

const DATE = 'accessibility.vpat_date';

ruleTester(rule, [
  { name: 'url and a recent date', fixture: 'current', status: 'pass', message: 'current', field: DATE, value: '2025-01-10', line: 'vpat_date' },
  { name: 'no url', fixture: 'no-url', status: 'warn', message: 'no-url', field: 'accessibility.vpat_url', value: null, line: 'accessibility:' },
  { name: 'no date', fixture: 'no-date', status: 'warn', message: 'no-date', field: DATE, value: null },
  { name: 'nothing provided (never fail)', fixture: 'not-provided', status: 'warn', message: 'no-url', field: 'accessibility.vpat_url', line: 1 },
  { name: 'older than vpat_max_age_days (731 days)', fixture: 'too-old', status: 'warn', message: 'too-old', field: DATE, value: '2024-11-22', params: { date: '2024-11-22', age: 731, max: 730 } },
  { name: 'exactly vpat_max_age_days old', fixture: 'too-old', asOf: '2026-11-22', status: 'pass', message: 'current', field: DATE, params: { date: '2024-11-22' } },
  {
    name: 'an OpenACR report_date written M/D/YYYY is the evidence date (and the ACR stands in for the url)',
    fixture: 'acr-mdy-date',
    status: 'pass',
    message: 'current',
    field: 'accessibility.openacr',
    value: '2025-08-31',
    params: { date: '2025-08-31' },
    also: ({ product }) => expect(product.acr?.reportDate).toBe('2025-08-31'),
  },
  { name: 'the OpenACR report_date ages', fixture: 'acr-mdy-date', asOf: '2027-09-01', status: 'warn', message: 'too-old', field: 'accessibility.openacr', params: { age: 731 } },
  { name: "the ACR's report_date replaces a newer vpat_date", fixture: 'acr-old-date', status: 'warn', message: 'too-old', field: 'accessibility.openacr', value: '2021-05-12', line: 'openacr' },
]);
