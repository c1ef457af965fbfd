import { gradeRank } from '../../model/grades.js';
import { defineRule, hasStudents, outcome } from '../define.js';

const ID = 'privacy.coppa-2025';
const C = 'privacy.coppa';

/**
 * privacy.coppa-2025 — the amended COPPA rule (16 CFR Part 312, 90 FR 16918):
 * a written retention policy with a limit, a written security program, and
 * separate consent to disclose to named third parties. Off unless the policy
 * sets `privacy.coppa_2025`; applies where privacy.coppa does. Before the
 * compliance date (rules/privacy.yaml `dates.compliance`) a gap warns.
 */
export default defineRule({
  id: ID,
  check: 'privacy',
  kind: 'vetting',
  messages: {
    'na-no-students': 'n/a',
    'na-grades': 'n/a',
    'not-provided': 'fail',
    'no-security-program': 'fail',
    bundled: 'fail',
    'early-not-provided': 'warn',
    'early-no-security-program': 'warn',
    'early-bundled': 'warn',
    'school-separate-consent': 'warn',
    compliant: 'pass',
  },
  enabled: (policy) => policy.privacy.coppa_2025,
  evaluate(p, { policy, asOf, data }) {
    const through = String(policy.privacy.coppa_through_grade);
    if (!hasStudents(p)) return outcome('n/a', 'na-no-students', { field: 'audience', value: p.manifest.audience, expected: 'students' });
    // Why: as privacy.coppa — no `grades` means every grade, so children under 13 are covered.
    if (p.grades && p.grades.length > 0 && gradeRank(p.grades[0]) > gradeRank(through)) {
      return outcome('n/a', 'na-grades', { field: 'grades', value: p.manifest.grades, expected: `a grade at or below ${through}` }, { through });
    }
    const compliance = data.texts[ID]?.dates?.compliance ?? '2026-04-22';
    const early = asOf < compliance;
    const c = p.manifest.privacy?.coppa;
    const params = { compliance };
    const missing: [string, unknown][] = [];
    if (!c?.retention_policy_url) missing.push(['retention_policy_url', c?.retention_policy_url ?? null]);
    // Why: "never indefinitely" (312.10) — a retention of 0 days is no limit written down, so it fails like a missing one.
    if (!c?.retention_days) missing.push(['retention_days', c?.retention_days ?? null]);
    if (c?.security_program === null || c?.security_program === undefined) missing.push(['security_program', null]);
    if (!c?.third_party_disclosure) missing.push(['third_party_disclosure', null]);
    else if (c.third_party_disclosure !== 'none' && (!c.third_parties || c.third_parties.length === 0)) missing.push(['third_parties', c.third_parties ?? null]);
    if (missing.length) {
      const [key, value] = missing[0];
      const ev = { field: `${C}.${key}`, value, expected: 'provided' };
      const ps = { ...params, items: missing.map(([k]) => k).join(', ') };
      return early ? outcome('warn', 'early-not-provided', ev, ps) : outcome('fail', 'not-provided', ev, ps);
    }
    if (c?.security_program === false) {
      const ev = { field: `${C}.security_program`, value: false, expected: true };
      return early ? outcome('warn', 'early-no-security-program', ev, params) : outcome('fail', 'no-security-program', ev, params);
    }
    if (c?.third_party_disclosure === 'bundled') {
      const ev = { field: `${C}.third_party_disclosure`, value: 'bundled', expected: 'none, integral or separate-consent' };
      return early ? outcome('warn', 'early-bundled', ev, params) : outcome('fail', 'bundled', ev, params);
    }
    if (c?.consent === 'school' && c.third_party_disclosure === 'separate-consent') {
      return outcome('warn', 'school-separate-consent', { field: `${C}.consent`, value: 'school', expected: 'parent' });
    }
    return outcome('pass', 'compliant', { field: `${C}.third_party_disclosure`, value: c?.third_party_disclosure ?? null, expected: 'none, integral or separate-consent' }, { retention_days: c?.retention_days ?? 0 });
  },
});
