import { defineRule, hasStudents, outcome } from '../define.js';

/** privacy.state-addenda — every state-law addendum the policy requires is signed. */
export default defineRule({
  id: 'privacy.state-addenda',
  check: 'privacy',
  kind: 'vetting',
  messages: { 'na-none-required': 'n/a', 'na-no-students': 'n/a', missing: 'fail', signed: 'pass' },
  evaluate(p, { policy }) {
    const required = policy.privacy.state_addenda;
    if (required.length === 0) return outcome('n/a', 'na-none-required', { field: 'privacy.state_addenda', value: p.manifest.privacy?.state_addenda ?? null, expected: [] });
    if (!hasStudents(p)) return outcome('n/a', 'na-no-students', { field: 'audience', value: p.manifest.audience, expected: 'students' });
    const have = new Set((p.manifest.privacy?.state_addenda ?? []).map((a) => a.toLowerCase()));
    const missing = required.filter((a) => !have.has(a.toLowerCase()));
    const value = p.manifest.privacy?.state_addenda ?? null;
    if (missing.length) return outcome('fail', 'missing', { field: 'privacy.state_addenda', value, expected: required }, { missing: missing.join(', ') });
    return outcome('pass', 'signed', { field: 'privacy.state_addenda', value, expected: required }, { addenda: required.join(', ') });
  },
});
