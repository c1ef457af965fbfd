import rule from '../../../../src/rules/law/ny-2d/supplemental-information.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ny-2d'] } };

ruleTester(rule, [
  { name: 'the six items of 121.3(c) are given', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.storage.encrypted_at_rest', params: { count: 8 } },
  { name: 'no purpose: (1) is the first gap', fixture: 'law/complete', patch: { privacy: { purpose: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.purpose', more: { citation: '8 NYCRR 121.3(c)(1)', missing: ['purpose'] } },
  { name: 'subcontractors not bound (2)', fixture: 'law/complete', patch: { privacy: { contract_terms: { subprocessors_bound: false } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.subprocessors_bound', more: { citation: '8 NYCRR 121.3(c)(2)' } },
  { name: 'no end date nor deletion days (3): both listed, the first is the field', fixture: 'law/complete', patch: { privacy: { dpa: { expires_on: null }, contract_terms: { deletion_days: null } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.dpa.expires_on', more: { citation: '8 NYCRR 121.3(c)(3)', missing: ['dpa.expires_on', 'deletion_days'] } },
  { name: 'no storage location (5) and no encryption at rest (6)', fixture: 'law/complete', patch: { privacy: { storage: { location: null, encrypted_at_rest: false } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.storage.location', more: { citation: '8 NYCRR 121.3(c)(5)', missing: ['storage.location', 'storage.encrypted_at_rest'] } },
  { name: 'no challenge procedure (4)', fixture: 'law/complete', patch: { privacy: { contract_terms: { parent_review_correction: null } } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.parent_review_correction', more: { citation: '8 NYCRR 121.3(c)(4)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ny-2d.applies' },
]);
