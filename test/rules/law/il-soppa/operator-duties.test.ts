import rule from '../../../../src/rules/law/il-soppa/operator-duties.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['il-soppa'] } };

ruleTester(rule, [
  { name: 'security, deletion on request, a privacy policy', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.policy_url' },
  { name: 'no security measures', fixture: 'law/complete', patch: { privacy: { contract_terms: { security_measures: false } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.security_measures', more: { citation: '105 ILCS 85/15(1)' } },
  { name: 'no privacy policy address', fixture: 'law/complete', patch: { privacy: { policy_url: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.policy_url', more: { citation: '105 ILCS 85/15(3)', missing: ['policy_url'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.il-soppa.applies' },
]);
