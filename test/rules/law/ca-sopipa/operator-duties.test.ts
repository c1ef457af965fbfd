import rule from '../../../../src/rules/law/ca-sopipa/operator-duties.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ca-sopipa'] } };
const C = 'Cal. Bus. & Prof. Code §22584';

ruleTester(rule, [
  { name: 'no ads, no profiling, no sale; security and deletion', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.deletion_on_request', more: { citation: C } },
  { name: 'targeted ads shown', fixture: 'law/complete', patch: { privacy: { targeted_ads: true } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.targeted_ads', value: true, expected: false, more: { citation: C, missing: ['targeted_ads'] } },
  { name: 'profiling and sale not stated (= false means false)', fixture: 'law/complete', patch: { privacy: { profiling: null, sells_data: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.profiling', more: { missing: ['profiling', 'sells_data'] } },
  { name: 'no deletion on request', fixture: 'law/complete', patch: { privacy: { contract_terms: { deletion_on_request: false } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.deletion_on_request' },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ca-sopipa.applies' },
]);
