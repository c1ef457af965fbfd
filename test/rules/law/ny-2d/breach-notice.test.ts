import rule from '../../../../src/rules/law/ny-2d/breach-notice.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ny-2d'] } };
const days = (n: number | null) => ({ privacy: { contract_terms: { breach_notice_days: n } } });

ruleTester(rule, [
  { name: '7 days, the limit itself', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.breach_notice_days', value: 7 },
  { name: '0 days', fixture: 'law/complete', patch: days(0), policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.breach_notice_days', value: 0 },
  { name: '8 days is over the limit', fixture: 'law/complete', patch: days(8), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.breach_notice_days', value: 8, expected: '<= 7', more: { citation: '8 NYCRR 121.10(a)', missing: ['breach_notice_days'] }, line: 'breach_notice_days:' },
  { name: 'not provided', fixture: 'law/complete', patch: days(null), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.breach_notice_days', value: null },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ny-2d.applies' },
]);
