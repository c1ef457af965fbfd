import rule from '../../../../src/rules/law/ut-sdpa/contract-terms.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['ut-sdpa'] } };
const terms = (over: Record<string, unknown>) => ({ privacy: { contract_terms: over } });

ruleTester(rule, [
  { name: '(a)–(e) and termination for a privacy violation', fixture: 'law/complete', policy: ON, status: 'pass', message: 'complete', field: 'privacy.contract_terms.termination_for_privacy_violation' },
  { name: 'no audit right (e)', fixture: 'law/complete', patch: terms({ audit_right: null }), policy: ON, status: 'fail', message: 'missing', field: 'privacy.contract_terms.audit_right', more: { citation: 'Utah Code 53E-9-309(2)(e)' } },
  { name: 'no secondary-use prohibition (d): required only if the district requires it, so a warning', fixture: 'law/complete', patch: terms({ secondary_use_prohibited: null }), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.secondary_use_prohibited', more: { citation: 'Utah Code 53E-9-309(2)(d)' } },
  { name: 'no termination clause from 2026-07-01 (§²): a warning', fixture: 'law/complete', patch: terms({ termination_for_privacy_violation: null }), policy: ON, status: 'warn', message: 'missing-warn', field: 'privacy.contract_terms.termination_for_privacy_violation' },
  { name: 'no termination clause before 2026-07-01: not yet asked', fixture: 'law/complete', patch: terms({ termination_for_privacy_violation: null }), policy: ON, asOf: '2026-06-30', status: 'pass', message: 'complete', field: 'privacy.contract_terms.termination_for_privacy_violation' },
  { name: 'no subcontractor list nor link (b)', fixture: 'law/complete', patch: { privacy: { subprocessors: null } }, policy: ON, status: 'fail', message: 'missing', field: 'privacy.subprocessors', more: { citation: 'Utah Code 53E-9-309(2)(b)' } },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.ut-sdpa.applies' },
]);
