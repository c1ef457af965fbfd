import rule from '../../../../src/rules/law/il-soppa/agreement-contents.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['il-soppa'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: '(A)–(D) given', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.breach_cost_allocation' },
  { name: 'data_elements [] means none, but the law needs them listed', fixture: 'law/complete', patch: { privacy: { data_elements: [] } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.data_elements', value: [], more: { citation: '105 ILCS 85/15(4)(A)' } },
  { name: 'no school-official designation (C) nor breach costs (D)', fixture: 'law/complete', patch: terms({ ferpa_school_official: null, breach_cost_allocation: false }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.ferpa_school_official', more: { citation: '105 ILCS 85/15(4)(C)', missing: ['ferpa_school_official', 'breach_cost_allocation'] } },
  { name: 'no purpose (B)', fixture: 'law/complete', patch: { privacy: { purpose: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.purpose', more: { citation: '105 ILCS 85/15(4)(B)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.il-soppa.applies' },
]);
