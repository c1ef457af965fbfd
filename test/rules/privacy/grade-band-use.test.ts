import rule from '../../../src/rules/privacy/grade-band-use.js';
import { ruleTester } from '../rule-tester.js';

const by = (rows: Record<string, number>) => ({ semesterStudentsByGrade: Object.entries(rows).map(([grade, activeStudents]) => ({ grade, activeStudents })) });
const consented = { privacy: { coppa: { compliant: true, consent: 'school' } } };

// The policy's coppa_through_grade is 7 by default.
ruleTester(rule, [
  { name: 'every student in grades 8 and up of a 6-8 product', fixture: 'middle-school', usage: by({ '8': 40 }), status: 'pass', message: 'within-grades', field: 'grades', more: { byGrade: {}, unknownGrade: 0 } },
  { name: 'students of unknown grade never change the status', fixture: 'middle-school', usage: by({ '8': 40, unknown: 12 }), status: 'pass', message: 'within-grades', field: 'grades', more: { unknownGrade: 12 }, params: { unknown: 12 } },
  { name: 'grade 9 and 10 students on a 6-8 product', fixture: 'middle-school', patch: consented, usage: by({ '6': 30, '9': 4, '10': 1, unknown: 2 }), status: 'warn', message: 'outside-grades', field: 'grades', more: { byGrade: { '9': 4, '10': 1 }, unknownGrade: 2 }, params: { students: 5 } },
  { name: 'grade 6 students without COPPA compliance: counts only', fixture: 'middle-school', usage: by({ '6': 41, '7': 3, '8': 20 }), status: 'fail', message: 'under-coppa-age', field: 'privacy.coppa.compliant', value: false, more: { byGrade: { '6': 41, '7': 3 }, unknownGrade: 0 }, params: { students: 44, through: '7' } },
  { name: 'under-age students with COPPA compliance and school consent: only the grade band counts', fixture: 'middle-school', patch: consented, usage: by({ '6': 41, '8': 20 }), status: 'pass', message: 'within-grades', field: 'grades' },
  { name: 'compliant but with no consent still fails', fixture: 'middle-school', patch: { privacy: { coppa: { compliant: true, consent: 'none' } } }, usage: by({ '6': 1 }), status: 'fail', message: 'under-coppa-age', field: 'privacy.coppa.compliant' },
  { name: 'a policy with coppa_through_grade 5', fixture: 'middle-school', policy: { privacy: { coppa_through_grade: 5 } }, usage: by({ '6': 41, '7': 3 }), status: 'pass', message: 'within-grades', field: 'grades' },
  { name: 'counts only (usage-sources.md "Lower bounds"): counts name nobody, so grades are unknown', fixture: 'middle-school', usage: { basis: 'counts', semesterStudentsByGrade: [{ grade: '3', activeStudents: 40 }] }, status: 'n/a', message: 'na-counts', field: 'usage.basis', value: 'counts' },
  { name: 'no roster: grades unknown', fixture: 'middle-school', usage: { semesterStudentsByGrade: null }, status: 'n/a', message: 'na-no-roster', field: 'usage.semester_students_by_grade' },
  { name: 'no sign-ins matched', fixture: 'middle-school', usage: { rows: 0, ...by({}) }, status: 'n/a', message: 'na-no-rows', field: 'usage.rows' },
  { name: 'students do not use it', fixture: 'teachers-only', usage: by({ '6': 1 }), status: 'n/a', message: 'na-no-students', field: 'audience' },
]);
