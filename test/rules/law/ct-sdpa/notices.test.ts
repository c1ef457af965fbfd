import rule from '../../../../src/rules/law/ct-sdpa/notices.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ct-sdpa'] } };

ruleTester(rule, [
  { name: 'breach notice within 30 days, parents told within 5 business days', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.ct-sdpa.notified_on' },
  { name: 'breach notice in 31 days: a warning (§²)', fixture: 'law/complete', patch: { privacy: { contract_terms: { breach_notice_days: 31 } } }, policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.breach_notice_days', expected: '<= 30' },
  { name: 'parents told on the 6th business day (signed Monday 2025-06-02, limit 2025-06-09)', fixture: 'law/complete', patch: { privacy: { state: { 'ct-sdpa': { notified_on: '2025-06-10' } } } }, policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.state.ct-sdpa.notified_on', expected: 'on or before 2025-06-09 (5 business days after 2025-06-02)' },
  { name: 'no date given warns', fixture: 'law/complete', patch: { privacy: { state: { 'ct-sdpa': null } } }, policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.state.ct-sdpa.notified_on' },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ct-sdpa.applies' },
]);
