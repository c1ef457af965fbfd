import rule from '../../../../src/rules/law/tx-ed-32/tsds-agreement.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['tx-ed-32'] } };
const tx = (over: Record<string, unknown>) => ({ privacy: { state: { 'tx-ed-32': over } } });

ruleTester(rule, [
  { name: 'TEA approved, with the data-sharing agreement', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.tx-ed-32.tsds_agreement' },
  { name: 'TEA approved, no agreement', fixture: 'law/complete', patch: tx({ tsds_agreement: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.state.tx-ed-32.tsds_agreement', more: { citation: 'Tex. Educ. Code 32.155(b)' } },
  { name: 'not TEA approved', fixture: 'law/complete', patch: tx({ tea_approved: false, tsds_agreement: null }), policy: ON, status: 'n/a', message: 'na-not-required', field: 'privacy.state.tx-ed-32.tea_approved', value: false },
  { name: 'TEA approval not stated', fixture: 'law/complete', patch: tx({ tea_approved: null }), policy: ON, status: 'n/a', message: 'na-not-required', field: 'privacy.state.tx-ed-32.tea_approved', value: null },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.tx-ed-32.applies' },
]);
