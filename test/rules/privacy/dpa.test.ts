import rule from '../../../src/rules/privacy/dpa.js';
import { ruleTester } from '../rule-tester.js';

const EXPIRES = 'privacy.dpa.expires_on';

ruleTester(rule, [
  { name: 'signed and in force', fixture: 'in-force', status: 'pass', message: 'in-force', field: EXPIRES, value: '2028-06-30', line: 'expires_on', column: '2028-06-30' },
  { name: 'signed with no end date', fixture: 'signed-open', status: 'pass', message: 'signed-open', field: 'privacy.dpa.signed', value: true },
  // 2026-11-23 + 90 days = 2027-02-21
  { name: 'expires exactly dpa_expiry_warn_days (90) after as-of', fixture: 'expiring', asOf: '2026-11-23', status: 'warn', message: 'expiring', field: EXPIRES, value: '2027-02-21', params: { days: 90, expires_on: '2027-02-21' }, line: 'expires_on' },
  { name: 'one day outside the warn window (91 days)', fixture: 'expiring', asOf: '2026-11-22', status: 'pass', message: 'in-force', field: EXPIRES },
  { name: 'the warn window follows the policy (89 days)', fixture: 'expiring', policy: { privacy: { dpa_expiry_warn_days: 89 } }, status: 'pass', message: 'in-force', field: EXPIRES },
  { name: 'the warn window follows the policy (1000 days)', fixture: 'in-force', policy: { privacy: { dpa_expiry_warn_days: 1000 } }, status: 'warn', message: 'expiring', field: EXPIRES },
  { name: 'expires on the as-of day itself: warn, not fail (expires_on < as-of is the fail)', fixture: 'expiring', asOf: '2027-02-21', status: 'warn', message: 'expiring', field: EXPIRES, params: { days: 0 } },
  { name: 'expired (expires_on before as-of)', fixture: 'expired', status: 'fail', message: 'expired', field: EXPIRES, value: '2026-06-30', line: 'expires_on' },
  { name: 'expired the day before as-of', fixture: 'expired', asOf: '2026-07-01', status: 'fail', message: 'expired', field: EXPIRES },
  { name: 'ends on as-of', fixture: 'expired', asOf: '2026-06-30', status: 'warn', message: 'expiring', field: EXPIRES, params: { days: 0 } },
  // rules.md "Corner cases": an agreement signed for the future cannot be relied on yet.
  { name: 'signed for the future (signed_on after as-of) warns, naming the day it takes force', fixture: 'signed-future', status: 'warn', message: 'not-yet', field: 'privacy.dpa.signed_on', value: '2027-01-01', params: { signed_on: '2027-01-01' }, line: 'signed_on:' },
  { name: 'signed_on on the as-of day is in force', fixture: 'signed-future', asOf: '2027-01-01', status: 'pass', message: 'in-force', field: EXPIRES },
  { name: 'not signed', fixture: 'not-signed', status: 'fail', message: 'not-signed', field: 'privacy.dpa.signed', value: false, line: 'signed:' },
  { name: 'no privacy block at all, located at the document start', fixture: 'no-privacy', status: 'fail', message: 'not-provided', field: 'privacy.dpa.signed', value: null, line: 1, column: 1 },
  { name: '`signed` absent is not provided (never false), located at the nearest present key', fixture: 'signed-absent', status: 'fail', message: 'not-provided', field: 'privacy.dpa.signed', value: null, line: 'dpa:' },
  { name: '`signed: null` is not provided', fixture: 'signed-null', status: 'fail', message: 'not-provided', field: 'privacy.dpa.signed', value: null },
]);
