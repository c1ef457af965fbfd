import rule from '../../../../src/rules/law/oh-sb29/contract-terms.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['oh-sb29'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: 'every term, deletion within 90 days', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.deletion_days' },
  { name: 'deletion in exactly 90 days', fixture: 'law/complete', patch: terms({ deletion_days: 90 }), policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.deletion_days' },
  { name: 'deletion in 91 days: known only from summaries, so a warning', fixture: 'law/complete', patch: terms({ deletion_days: 91 }), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.deletion_days', value: 91, expected: '<= 90', more: { citation: 'Ohio R.C. 3319.326' } },
  { name: 'nothing at all: still only warns (every item is §²)', fixture: 'law/complete', patch: { privacy: { sells_data: null, contract_terms: null } }, policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.data_property_of_district', more: { missing: ['data_property_of_district', 'sells_data', 'security_measures', 'breach_notification', 'deletion_days'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.oh-sb29.applies' },
]);
