import { describe, expect, it } from 'vitest';
import { enabledRules } from '../../../src/rules/define.js';
import rule from '../../../src/rules/privacy/coppa-2025.js';
import { policyWith } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const ON = { privacy: { coppa_2025: true } };
const C = 'privacy.coppa';
const EARLY = '2026-04-21';
const coppa = (over: Record<string, unknown>) => ({ privacy: { coppa: over } });

ruleTester(rule, [
  { name: 'retention policy, limit, security program, integral disclosure to named parties', fixture: 'complete', policy: ON, status: 'pass', message: 'compliant', field: `${C}.third_party_disclosure`, value: 'integral', params: { retention_days: 365 } },
  { name: 'no third-party disclosure needs no named parties', fixture: 'complete', patch: coppa({ third_party_disclosure: 'none', third_parties: [] }), policy: ON, status: 'pass', message: 'compliant', field: `${C}.third_party_disclosure` },
  { name: 'parent consent with separate-consent disclosure', fixture: 'complete', patch: coppa({ consent: 'parent', third_party_disclosure: 'separate-consent' }), policy: ON, status: 'pass', message: 'compliant', field: `${C}.third_party_disclosure` },
  { name: 'nothing of the amended rule given, from the compliance date: the first item is the field, every item listed', fixture: 'none-given', policy: ON, status: 'fail', message: 'not-provided', field: `${C}.retention_policy_url`, params: { items: 'retention_policy_url, retention_days, security_program, third_party_disclosure' }, line: 'coppa:' },
  { name: 'on the compliance date itself it fails', fixture: 'none-given', policy: ON, asOf: '2026-04-22', status: 'fail', message: 'not-provided', field: `${C}.retention_policy_url` },
  { name: 'the day before the compliance date it warns', fixture: 'none-given', policy: ON, asOf: EARLY, status: 'warn', message: 'early-not-provided', field: `${C}.retention_policy_url`, params: { compliance: '2026-04-22' } },
  { name: 'retention_days 0 fails like a missing one', fixture: 'complete', patch: coppa({ retention_days: 0 }), policy: ON, status: 'fail', message: 'not-provided', field: `${C}.retention_days`, value: 0, params: { items: 'retention_days' }, line: 'retention_days:' },
  { name: 'third_parties [] with an integral disclosure fails (they must be named)', fixture: 'complete', patch: coppa({ third_parties: [] }), policy: ON, status: 'fail', message: 'not-provided', field: `${C}.third_parties`, value: [] },
  { name: 'security_program false', fixture: 'complete', patch: coppa({ security_program: false }), policy: ON, status: 'fail', message: 'no-security-program', field: `${C}.security_program`, value: false },
  { name: 'security_program false before the compliance date', fixture: 'complete', patch: coppa({ security_program: false }), policy: ON, asOf: EARLY, status: 'warn', message: 'early-no-security-program', field: `${C}.security_program` },
  { name: 'bundled consent', fixture: 'complete', patch: coppa({ third_party_disclosure: 'bundled' }), policy: ON, status: 'fail', message: 'bundled', field: `${C}.third_party_disclosure`, value: 'bundled' },
  { name: 'bundled consent before the compliance date', fixture: 'complete', patch: coppa({ third_party_disclosure: 'bundled' }), policy: ON, asOf: EARLY, status: 'warn', message: 'early-bundled', field: `${C}.third_party_disclosure` },
  { name: 'school consent with separate-consent disclosures', fixture: 'complete', patch: coppa({ third_party_disclosure: 'separate-consent' }), policy: ON, status: 'warn', message: 'school-separate-consent', field: `${C}.consent`, value: 'school' },
  { name: 'students do not sign in', fixture: 'teachers-only', policy: ON, status: 'n/a', message: 'na-no-students', field: 'audience' },
  { name: 'high school only (as privacy.coppa)', fixture: 'high-school', policy: ON, status: 'n/a', message: 'na-grades', field: 'grades', params: { through: '7' } },
]);

describe('privacy.coppa-2025 is off by default', () => {
  it('the default policy does not run it; coppa_2025: true does', () => {
    expect(enabledRules([rule], policyWith({}))).toHaveLength(0);
    expect(enabledRules([rule], policyWith(ON))).toHaveLength(1);
  });
});
