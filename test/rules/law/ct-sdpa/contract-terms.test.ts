import rule from '../../../../src/rules/law/ct-sdpa/contract-terms.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ct-sdpa'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: 'the ten provisions, Connecticut law governing', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.severability', params: { count: 10 } },
  { name: 'governed by another state', fixture: 'law/complete', patch: terms({ governing_law: 'NY' }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.governing_law', value: 'NY', expected: 'CT', more: { citation: 'Conn. Gen. Stat. 10-234bb(a)(9)', missing: ['governing_law'] } },
  { name: 'no severability (10) nor deletion on request (2)', fixture: 'law/complete', patch: terms({ severability: null, deletion_on_request: false }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.deletion_on_request', more: { citation: 'Conn. Gen. Stat. 10-234bb(a)(2)', missing: ['deletion_on_request', 'severability'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ct-sdpa.applies' },
]);
