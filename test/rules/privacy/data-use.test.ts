import rule from '../../../src/rules/privacy/data-use.js';
import { ruleTester } from '../rule-tester.js';

const SELLS = 'privacy.sells_data';
const ADS = 'privacy.targeted_ads';

ruleTester(rule, [
  { name: 'neither sells data nor shows targeted ads', fixture: 'clean', status: 'pass', message: 'clean', field: SELLS, value: false, line: 'sells_data' },
  { name: 'sells data while the policy forbids it', fixture: 'sells-data', status: 'fail', message: 'sells-data', field: SELLS, value: true, expected: false, line: 'sells_data' },
  { name: 'targeted ads while the policy forbids them', fixture: 'targeted-ads', status: 'fail', message: 'targeted-ads', field: ADS, value: true, line: 'targeted_ads' },
  { name: 'selling data when the policy allows it', fixture: 'sells-data', policy: { privacy: { forbid_data_sale: false } }, status: 'pass', message: 'allowed', field: SELLS, value: true },
  { name: 'sells_data not stated (absent is not false)', fixture: 'sells-not-stated', status: 'warn', message: 'not-stated', field: SELLS, value: null, line: 'privacy:' },
  { name: 'targeted_ads not stated', fixture: 'ads-not-stated', status: 'warn', message: 'not-stated', field: ADS, value: null },
  { name: 'no privacy block at all', fixture: 'no-privacy', status: 'warn', message: 'not-stated', field: SELLS, line: 1 },
  { name: 'students do not use it (even if it sells data)', fixture: 'staff-only', status: 'n/a', message: 'na-no-students', field: 'audience' },
]);
