import rule from '../../../../src/rules/law/ca-sopipa/contract-terms.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ca-sopipa'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: 'the nine terms', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.no_targeted_ads', params: { count: 9 } },
  { name: 'no transfer of pupil content while the product holds student work', fixture: 'law/complete', patch: terms({ pupil_content_transfer: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.pupil_content_transfer', more: { citation: 'Cal. Educ. Code §49073.1(b)(2)', missing: ['pupil_content_transfer'] } },
  { name: 'no student work: the transfer term is not needed', fixture: 'law/complete', patch: { privacy: { data_elements: ['name', 'grade-level'], contract_terms: { pupil_content_transfer: null } } }, policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.no_targeted_ads' },
  { name: 'several terms missing: in (b)(1)–(9) order', fixture: 'law/complete', patch: terms({ no_targeted_ads: null, data_property_of_district: false, ferpa_compliance: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.data_property_of_district', more: { citation: 'Cal. Educ. Code §49073.1(b)(1)', missing: ['data_property_of_district', 'ferpa_compliance', 'no_targeted_ads'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ca-sopipa.applies' },
]);
