import rule from '../../../../src/rules/law/ut-sdpa/metadata-dictionary.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ut-sdpa'] } };
const ut = (over: Record<string, unknown>) => ({ privacy: { state: { 'ut-sdpa': over } } });

ruleTester(rule, [
  { name: 'elements, purpose, justification, FERPA exception', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.state.ut-sdpa.ferpa_exception' },
  { name: 'no justification (USBE template, §²): a warning', fixture: 'law/complete', patch: ut({ justification: null }), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.state.ut-sdpa.justification', more: { missing: ['state.justification'] } },
  { name: 'no data elements', fixture: 'law/complete', patch: { privacy: { data_elements: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.data_elements', more: { citation: 'Utah Code 53E-9-303(3)(b)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ut-sdpa.applies' },
]);
