import rule from '../../../../src/rules/law/co-sdtsa/contract-terms.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['co-sdtsa'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: 'a contract provider with every duty of 108–110', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.deletion_days', params: { count: 11 } },
  { name: 'no notice of material changes (108(2))', fixture: 'law/complete', patch: terms({ material_change_notice: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.material_change_notice', more: { citation: 'C.R.S. 22-16-108(2)' } },
  { name: 'sells data (109(2))', fixture: 'law/complete', patch: { privacy: { sells_data: true } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.sells_data', value: true, more: { citation: 'C.R.S. 22-16-109(2)' } },
  { name: 'only the §² items of 110 missing: warn, never fail', fixture: 'law/complete', patch: terms({ security_measures: null, deletion_days: null }), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.security_measures', more: { citation: 'C.R.S. 22-16-110', missing: ['security_measures', 'deletion_days'] } },
  { name: 'a § and a §² item missing: fail, both listed', fixture: 'law/complete', patch: terms({ breach_notification: false, deletion_days: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.breach_notification', more: { citation: 'C.R.S. 22-16-108(4)', missing: ['breach_notification', 'deletion_days'] } },
  { name: 'an on-demand provider', fixture: 'law/complete', patch: { privacy: { state: { 'co-sdtsa': { provider: 'on-demand' } }, contract_terms: { material_change_notice: null } } }, policy: ON, status: 'n/a', message: 'na-not-required', field: 'privacy.state.co-sdtsa.provider', value: 'on-demand' },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.co-sdtsa.applies' },
]);
