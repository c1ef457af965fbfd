import { describe, expect, it } from 'vitest';
import { enabledRules } from '../../../../src/rules/define.js';
import rule from '../../../../src/rules/law/ny-2d/parents-bill-of-rights.js';
import { policyWith } from '../../helpers.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ny-2d'] } };
const state = (over: Record<string, unknown>) => ({ privacy: { state: { 'ny-2d': over } } });

ruleTester(rule, [
  { name: 'the bill of rights is attached', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.ny-2d.bill_of_rights_attached', more: { citation: 'N.Y. Educ. Law §2-d(3)', missing: [] } },
  { name: 'not attached', fixture: 'law/complete', patch: state({ bill_of_rights_attached: false }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.state.ny-2d.bill_of_rights_attached', value: false, expected: true, more: { citation: 'N.Y. Educ. Law §2-d(3)', missing: ['state.bill_of_rights_attached'] }, line: 'bill_of_rights_attached:' },
  { name: 'not provided fails like false (a § item)', fixture: 'law/complete', patch: state({ bill_of_rights_attached: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.state.ny-2d.bill_of_rights_attached', value: null },
  { name: 'teachers only, no data elements', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'the district decided it does not apply', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ny-2d.applies', params: { reason: "hosted by the state's regional information center" } },
]);

describe('law.ny-2d.parents-bill-of-rights runs only with ny-2d in privacy.state_laws', () => {
  it('no finding at all otherwise', () => {
    expect(enabledRules([rule], policyWith({}))).toHaveLength(0);
    expect(enabledRules([rule], policyWith({ privacy: { state_laws: ['il-soppa'] } }))).toHaveLength(0);
    expect(enabledRules([rule], policyWith(ON))).toHaveLength(1);
  });
});
