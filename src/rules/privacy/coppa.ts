import { gradeRank } from '../../model/grades.js';
import { defineRule, hasStudents, outcome } from '../define.js';

/** privacy.coppa — COPPA compliance with verifiable consent when children under 13 use the product. */
export default defineRule({
  id: 'privacy.coppa',
  check: 'privacy',
  kind: 'vetting',
  messages: { 'na-no-students': 'n/a', 'na-grades': 'n/a', 'not-provided': 'fail', 'not-compliant': 'fail', 'no-consent': 'fail', compliant: 'pass' },
  evaluate(p, { policy }) {
    const through = String(policy.privacy.coppa_through_grade);
    if (!hasStudents(p)) return outcome('n/a', 'na-no-students', { field: 'audience', value: p.manifest.audience, expected: 'students' });
    // Why: no `grades` means every grade, so the youngest students are covered and COPPA applies.
    if (p.grades && p.grades.length > 0 && gradeRank(p.grades[0]) > gradeRank(through)) {
      return outcome('n/a', 'na-grades', { field: 'grades', value: p.manifest.grades, expected: `a grade at or below ${through}` }, { grade: nextGrade(through) });
    }
    const c = p.manifest.privacy?.coppa;
    if (c?.compliant === null || c?.compliant === undefined) {
      return outcome('fail', 'not-provided', { field: 'privacy.coppa.compliant', value: null, expected: true });
    }
    if (c.compliant !== true) return outcome('fail', 'not-compliant', { field: 'privacy.coppa.compliant', value: false, expected: true });
    if (c.consent !== 'school' && c.consent !== 'parent') {
      return outcome('fail', 'no-consent', { field: 'privacy.coppa.consent', value: c.consent ?? null, expected: 'school or parent' });
    }
    return outcome('pass', 'compliant', { field: 'privacy.coppa.consent', value: c.consent, expected: 'school or parent' }, { consent: c.consent });
  },
});

function nextGrade(through: string): string {
  const order = ['PK', 'TK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
  const i = order.indexOf(through);
  return i >= 0 && i + 1 < order.length ? order[i + 1] : through;
}
