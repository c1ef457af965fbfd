import rule from '../../../../src/rules/law/tx-ed-32/operator-duties.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['tx-ed-32'] } };

ruleTester(rule, [
  { name: 'no ads, profiling or sale; security', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.security_measures' },
  { name: 'sells data', fixture: 'law/complete', patch: { privacy: { sells_data: true } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.sells_data', more: { citation: 'Tex. Educ. Code 32.152(a)' } },
  { name: 'no security procedures', fixture: 'law/complete', patch: { privacy: { contract_terms: { security_measures: null } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.security_measures', more: { citation: 'Tex. Educ. Code 32.155(a)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.tx-ed-32.applies' },
]);
