import rule from '../../../../src/rules/law/ny-2d/security-plan.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ny-2d'] } };
const state = (over: Record<string, unknown>) => ({ privacy: { state: { 'ny-2d': over } } });

ruleTester(rule, [
  { name: 'accepted before as-of, with its copy', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.ny-2d.dspp_url' },
  { name: 'accepted on as-of itself', fixture: 'law/complete', policy: ON, asOf: '2025-06-01', status: 'pass', message: 'complete', field: 'privacy.state.ny-2d.dspp_url' },
  { name: 'accepted after as-of: not yet accepted', fixture: 'law/complete', policy: ON, asOf: '2025-05-31', status: 'fail', message: 'missing', field: 'privacy.state.ny-2d.dspp_accepted_on', expected: 'a date on or before 2025-05-31', more: { citation: '8 NYCRR 121.6(a)', missing: ['state.dspp_accepted_on'] } },
  { name: 'no plan at all', fixture: 'law/complete', patch: state({ dspp_accepted_on: null, dspp_url: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.state.ny-2d.dspp_accepted_on', more: { missing: ['state.dspp_accepted_on', 'state.dspp_url'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ny-2d.applies' },
]);
