import rule from '../../../src/rules/usage/teacher-utilization.js';
import { ruleTester } from '../rule-tester.js';

const use = (teachersWithAccess: number | null, semesterActiveTeachers: number | null, inUseForSemester = true) => ({ teachersWithAccess, semesterActiveTeachers, inUseForSemester });

ruleTester(rule, [
  { name: 'utilization at the minimum (3 of 10 = 0.30)', fixture: 'active-deployed', usage: use(10, 3), status: 'pass', message: 'meets', field: 'usage.teacher_utilization', value: 0.3, params: { active: 3, total: 10, pct: 30, min_pct: 30, days: 90 } },
  { name: 'below the minimum is a sunset candidate', fixture: 'active-deployed', usage: use(20, 5), status: 'fail', message: 'below', field: 'usage.teacher_utilization', value: 0.25, params: { active: 5, total: 20, pct: 25 }, line: 'usage:' },
  { name: 'the minimum follows the policy', fixture: 'active-deployed', usage: use(20, 5), policy: { usage: { teacher_utilization_min: 0.25 } }, status: 'pass', message: 'meets', field: 'usage.teacher_utilization' },
  { name: 'utilization rounded to 4 places in the evidence', fixture: 'active-deployed', usage: use(3, 1), status: 'pass', message: 'meets', field: 'usage.teacher_utilization', value: 0.3333 },
  {
    name: 'no export row matched a product not tracked: no sunset on absent sign-ins',
    fixture: 'active-deployed',
    usage: { rows: 0, noUsageData: true, basis: null, activeUsers: null, teachersWithAccess: 10, semesterActiveTeachers: null },
    status: 'warn',
    message: 'no-data',
    field: 'usage.aliases',
    value: 0,
    paramsEqual: { suggestion: '' },
  },
  { name: 'a tracked product with no rows is measured as zero use', fixture: 'active-deployed', patch: { usage: { tracked: true } }, usage: { rows: 0, noUsageData: true, activeUsers: 0, teachersWithAccess: 10, semesterActiveTeachers: 0 }, status: 'fail', message: 'below', field: 'usage.teacher_utilization', value: 0 },
  // usage-sources.md "Lower bounds": a count shows use, never under-use.
  { name: 'counts below the minimum warn, never fail', fixture: 'active-deployed', usage: { ...use(20, 5), basis: 'counts' }, status: 'warn', message: 'counts-below', field: 'usage.teacher_utilization', value: 0.25, params: { active: 5, total: 20 } },
  { name: 'counts at the minimum pass', fixture: 'active-deployed', usage: { ...use(10, 3), basis: 'counts' }, status: 'pass', message: 'counts-meets', field: 'usage.teacher_utilization', value: 0.3 },
  { name: 'counts with no teacher row inside the semester window', fixture: 'active-deployed', usage: { ...use(10, null), basis: 'counts' }, status: 'warn', message: 'counts-none', field: 'usage.teacher_utilization', params: { days: 90 } },
  // usage-sources.md "Short last-seen sources": rows only from last-seen files starting inside the semester window.
  { name: 'below the minimum on a short last-seen source warns, never fails', fixture: 'active-deployed', usage: { ...use(20, 5), shortCoverageFrom: '2026-11-01' }, status: 'warn', message: 'short-below', field: 'usage.teacher_utilization', value: 0.25, params: { active: 5, total: 20, from: '2026-11-01' } },
  { name: 'at the minimum on a short last-seen source passes', fixture: 'active-deployed', usage: { ...use(10, 3), shortCoverageFrom: '2026-11-01' }, status: 'pass', message: 'meets', field: 'usage.teacher_utilization', value: 0.3 },
  { name: 'teachers with access unknown', fixture: 'active-deployed', usage: use(null, null), status: 'warn', message: 'unknown', field: 'usage.licensed_teachers' },
  { name: 'zero teachers with access', fixture: 'with-schools', usage: use(0, 0), status: 'warn', message: 'zero', field: 'schools', line: 'schools:' },
  { name: 'not in use for a semester yet', fixture: 'active-deployed', usage: use(10, 0, false), status: 'n/a', message: 'na-too-new', field: 'deployed_on' },
  { name: 'status not active', fixture: 'pilot', usage: use(10, 0), status: 'n/a', message: 'na-status', field: 'status' },
  { name: 'teachers are not in the audience', fixture: 'students-only', usage: use(10, 0), status: 'n/a', message: 'na-audience', field: 'audience' },
  { name: 'no deployed_on', fixture: 'no-deployed', usage: use(10, 0), status: 'n/a', message: 'na-no-deployed', field: 'deployed_on' },
  { name: 'no usage export', fixture: 'active-deployed', status: 'n/a', message: 'na-no-usage', field: 'usage' },
]);
