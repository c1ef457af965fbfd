import rule from '../../../../src/rules/law/il-soppa/written-agreement.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['il-soppa'] } };

ruleTester(rule, [
  { name: 'signed, with its date', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.dpa.signed_on' },
  { name: 'not signed', fixture: 'law/complete', patch: { privacy: { dpa: { signed: false } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.dpa.signed', value: false, more: { citation: '105 ILCS 85/15(4)', missing: ['dpa.signed'] } },
  { name: 'signed, no date', fixture: 'law/complete', patch: { privacy: { dpa: { signed_on: null } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.dpa.signed_on', more: { missing: ['dpa.signed_on'] } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.il-soppa.applies', params: { reason: 'no student accounts; the teacher projects it' } },
]);
