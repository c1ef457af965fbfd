import { gradeRank } from '../../model/grades.js';
import { defineRule, hasStudents, outcome } from '../define.js';

/** `{ "6": 41, "7": 3 }` from grade counts (counts only, never a person). */
function byGradeOf(rows: readonly { grade: string; activeStudents: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.grade, r.activeStudents]));
}

/** `grade 6 (41), grade 7 (3)` */
function listed(rows: readonly { grade: string; activeStudents: number }[]): string {
  return rows.map((r) => `grade ${r.grade} (${r.activeStudents})`).join(', ');
}

/**
 * privacy.grade-band-use — who really uses a product, by roster grade
 * (privacy-laws.md §7): semester-active students in a grade at or below
 * `coppa_through_grade` fail unless the product is COPPA compliant with
 * school or parent consent; students in grades outside the manifest's
 * `grades` warn. Counts only: the evidence is `byGrade` and `unknownGrade`,
 * never an id, a name or an e-mail; unknown grades never change the status.
 */
export default defineRule({
  id: 'privacy.grade-band-use',
  check: 'lifecycle',
  kind: 'lifecycle',
  needsUsage: true,
  messages: {
    'na-no-students': 'n/a',
    'na-no-rows': 'n/a',
    'na-no-roster': 'n/a',
    'na-counts': 'n/a',
    'under-coppa-age': 'fail',
    'outside-grades': 'warn',
    'within-grades': 'pass',
  },
  evaluate(p, { policy, usage }) {
    if (!hasStudents(p)) return outcome('n/a', 'na-no-students', { field: 'audience', value: p.manifest.audience, expected: 'students' });
    if (!usage || usage.rows === 0) return outcome('n/a', 'na-no-rows', { field: 'usage.rows', value: usage?.rows ?? null, expected: 'sign-ins matched to the product' });
    // Why (usage-sources.md "Lower bounds"): counts name nobody, so no student's grade is known from them.
    if (usage.basis === 'counts') return outcome('n/a', 'na-counts', { field: 'usage.basis', value: 'counts', expected: 'per-user sign-ins' });
    const byGrade = usage.semesterStudentsByGrade;
    // Why: the grade of a student comes from the roster; without one there is nothing to judge (privacy-laws.md, "Decided details").
    if (byGrade === null) return outcome('n/a', 'na-no-roster', { field: 'usage.semester_students_by_grade', value: null, expected: 'a roster (--roster)' });
    const known = byGrade.filter((g) => g.grade !== 'unknown' && g.activeStudents > 0);
    const unknownGrade = byGrade.find((g) => g.grade === 'unknown')?.activeStudents ?? 0;
    const through = String(policy.privacy.coppa_through_grade);
    const c = p.manifest.privacy?.coppa;
    const consented = c?.compliant === true && (c.consent === 'school' || c.consent === 'parent');
    const young = known.filter((g) => gradeRank(g.grade) <= gradeRank(through));
    const window = policy.usage.semester_days;
    if (young.length > 0 && !consented) {
      const n = young.reduce((a, g) => a + g.activeStudents, 0);
      return outcome(
        'fail',
        'under-coppa-age',
        { field: 'privacy.coppa.compliant', value: c?.compliant ?? null, expected: 'COPPA compliant with school or parent consent', more: { byGrade: byGradeOf(young), unknownGrade } },
        { students: n, grades: listed(young), through, window, compliant: c?.compliant === undefined || c?.compliant === null ? 'not stated' : String(c.compliant), consent: c?.consent ?? 'not stated' },
      );
    }
    const band = p.grades;
    const outside = band ? known.filter((g) => !band.includes(g.grade)) : [];
    if (outside.length > 0) {
      const n = outside.reduce((a, g) => a + g.activeStudents, 0);
      return outcome(
        'warn',
        'outside-grades',
        { field: 'grades', value: p.manifest.grades ?? null, expected: `students only in grades ${band!.join(', ')}`, more: { byGrade: byGradeOf(outside), unknownGrade } },
        { students: n, grades: listed(outside), window },
      );
    }
    return outcome('pass', 'within-grades', { field: 'grades', value: p.manifest.grades ?? null, expected: 'students only in the product grades', more: { byGrade: {}, unknownGrade } }, { window, unknown: unknownGrade });
  },
});
