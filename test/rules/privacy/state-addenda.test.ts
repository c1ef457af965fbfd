import rule from '../../../src/rules/privacy/state-addenda.js';
import { ruleTester } from '../rule-tester.js';

const NY = { privacy: { state_addenda: ['NY-2D'] } };
const NY_CA = { privacy: { state_addenda: ['NY-2D', 'CA-SOPIPA'] } };
const FIELD = 'privacy.state_addenda';

ruleTester(rule, [
  { name: 'the policy lists no addenda (the default)', fixture: 'signed', status: 'n/a', message: 'na-none-required', field: FIELD },
  { name: 'every listed addendum is signed (case-insensitive)', fixture: 'signed', policy: NY_CA, status: 'pass', message: 'signed', field: FIELD, expected: ['NY-2D', 'CA-SOPIPA'], line: 'state_addenda' },
  { name: 'a listed addendum is missing, and the finding names it alone', fixture: 'missing-one', policy: NY_CA, status: 'fail', message: 'missing', field: FIELD, paramsEqual: { missing: 'CA-SOPIPA' } },
  { name: 'no addenda at all names every one', fixture: 'none-listed', policy: NY_CA, status: 'fail', message: 'missing', field: FIELD, value: null, paramsEqual: { missing: 'NY-2D, CA-SOPIPA' } },
  { name: 'one addendum required and signed', fixture: 'missing-one', policy: NY, status: 'pass', message: 'signed', field: FIELD },
  { name: 'students do not use it', fixture: 'teachers-only', policy: NY, status: 'n/a', message: 'na-no-students', field: 'audience' },
]);
