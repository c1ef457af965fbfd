import rule from '../../../src/rules/privacy/coppa.js';
import { ruleTester } from '../rule-tester.js';

const COMPLIANT = 'privacy.coppa.compliant';
const CONSENT = 'privacy.coppa.consent';

ruleTester(rule, [
  { name: 'compliant with school consent', fixture: 'compliant-school', status: 'pass', message: 'compliant', field: CONSENT, value: 'school', line: 'consent:' },
  { name: 'compliant with parent consent', fixture: 'compliant-parent', status: 'pass', message: 'compliant', field: CONSENT, value: 'parent' },
  // the finding sits at the nearest present key above privacy.coppa.compliant
  { name: 'no grades given counts as applying, and COPPA is not provided', fixture: 'no-grades-not-provided', status: 'fail', message: 'not-provided', field: COMPLIANT, value: null, line: 'privacy:' },
  { name: '`compliant` absent is not provided, never false', fixture: 'compliant-absent', status: 'fail', message: 'not-provided', field: COMPLIANT, value: null, line: 'coppa:' },
  { name: 'not compliant', fixture: 'not-compliant', status: 'fail', message: 'not-compliant', field: COMPLIANT, value: false, line: 'compliant:' },
  { name: 'consent `none`', fixture: 'consent-none', status: 'fail', message: 'no-consent', field: CONSENT, value: 'none' },
  { name: 'consent not stated', fixture: 'consent-absent', status: 'fail', message: 'no-consent', field: CONSENT, value: null },
  { name: 'students do not sign in', fixture: 'teachers-only', status: 'n/a', message: 'na-no-students', field: 'audience' },
  { name: 'high-school only (lowest grade 9 > coppa_through_grade 7)', fixture: 'high-school', status: 'n/a', message: 'na-grades', field: 'grades', params: { grade: '8' }, line: 'grades:' },
  { name: 'lowest grade 8 at through-grade 7', fixture: 'grade-8-up', status: 'n/a', message: 'na-grades', field: 'grades' },
  { name: 'lowest grade 8 at through-grade 8 applies', fixture: 'grade-8-up', policy: { privacy: { coppa_through_grade: 8 } }, status: 'fail', message: 'not-provided', field: COMPLIANT },
  { name: 'lowest grade 7 (listed out of order) applies at the default through-grade 7', fixture: 'grade-7-up', status: 'fail', message: 'not-provided', field: COMPLIANT },
  { name: 'lowest grade 7 at through-grade 6', fixture: 'grade-7-up', policy: { privacy: { coppa_through_grade: 6 } }, status: 'n/a', message: 'na-grades', field: 'grades' },
  { name: 'through-grade K: a K-5 product applies', fixture: 'compliant-school', policy: { privacy: { coppa_through_grade: 'K' } }, status: 'pass', message: 'compliant', field: CONSENT },
  { name: 'through-grade K: a 3-8 product does not', fixture: 'compliant-parent', policy: { privacy: { coppa_through_grade: 'K' } }, status: 'n/a', message: 'na-grades', field: 'grades', params: { grade: '1' } },
]);
