import { defineRule, outcome } from '../define.js';
import { suggestionText } from '../usage-words.js';

/** usage.teacher-utilization — share of teachers with access who used it in the last semester (the 30 % sunset rule). */
export default defineRule({
  id: 'usage.teacher-utilization',
  check: 'usage',
  kind: 'usage',
  messages: { 'na-status': 'n/a', 'na-audience': 'n/a', 'na-no-deployed': 'n/a', 'na-no-usage': 'n/a', 'na-too-new': 'n/a', 'no-data': 'warn', unknown: 'warn', zero: 'warn', below: 'fail', meets: 'pass', 'counts-none': 'warn', 'counts-below': 'warn', 'counts-meets': 'pass', 'short-below': 'warn' },
  evaluate(p, { policy, usage }) {
    const m = p.manifest;
    const min = policy.usage.teacher_utilization_min;
    if (m.status !== 'active') return outcome('n/a', 'na-status', { field: 'status', value: m.status, expected: 'active' }, { status: m.status });
    if (!m.audience.includes('teachers')) return outcome('n/a', 'na-audience', { field: 'audience', value: m.audience, expected: 'teachers' });
    if (!m.deployed_on) return outcome('n/a', 'na-no-deployed', { field: 'deployed_on', value: null, expected: 'the first day in use' });
    if (!usage) return outcome('n/a', 'na-no-usage', { field: 'usage', value: null, expected: 'a usage export' });
    if (!usage.inUseForSemester) {
      return outcome('n/a', 'na-too-new', { field: 'deployed_on', value: m.deployed_on, expected: `${policy.usage.semester_days} school days in use` }, { days: policy.usage.semester_days });
    }
    // Why (usage-sources.md "Honest no data"): sign-ins absent from every export are not proof that no teacher used it,
    // so no sunset on them, unless the manifest says the exports cover it (usage.tracked: then 0 is 0).
    if (usage.activeUsers === null && usage.noUsageData) {
      return outcome('warn', 'no-data', { field: 'usage.aliases', value: 0, expected: 'at least one export row matching the product' }, { suggestion: suggestionText(usage) });
    }
    const withAccess = usage.teachersWithAccess;
    const expected = `>= ${min}`;
    if (withAccess === null) return outcome('warn', 'unknown', { field: 'usage.licensed_teachers', value: null, expected: 'a roster or usage.licensed_teachers' });
    if (withAccess === 0) return outcome('warn', 'zero', { field: m.schools ? 'schools' : 'grades', value: 0, expected: 'at least one teacher with access' });
    // Why (usage-sources.md "Lower bounds"): a count is at least the teachers who signed in, so it can show use but
    // never under-use: below the minimum warns, never fails, and no sunset follows from it.
    if (usage.basis === 'counts' && usage.semesterActiveTeachers === null) {
      return outcome('warn', 'counts-none', { field: 'usage.teacher_utilization', value: null, expected }, { days: policy.usage.semester_days });
    }
    const active = usage.semesterActiveTeachers ?? 0;
    const util = active / withAccess;
    const params = { active, total: withAccess, pct: Math.round(util * 1000) / 10, min_pct: Math.round(min * 100), days: policy.usage.semester_days };
    const field = 'usage.teacher_utilization';
    if (usage.basis === 'counts') {
      if (util < min) return outcome('warn', 'counts-below', { field, value: Math.round(util * 10000) / 10000, expected }, params);
      return outcome('pass', 'counts-meets', { field, value: Math.round(util * 10000) / 10000, expected }, params);
    }
    // Why (usage-sources.md "Short last-seen sources"): a last-seen export that starts inside the semester cannot
    // show who used it before, so under-use there warns and no sunset follows from it.
    if (util < min && usage.shortCoverageFrom) {
      return outcome('warn', 'short-below', { field, value: Math.round(util * 10000) / 10000, expected }, { ...params, from: usage.shortCoverageFrom });
    }
    // Why: the guide's sunset rule: under 30 % of teachers after a semester means the tool did not take.
    if (util < min) return outcome('fail', 'below', { field, value: Math.round(util * 10000) / 10000, expected }, params);
    return outcome('pass', 'meets', { field, value: Math.round(util * 10000) / 10000, expected }, params);
  },
});
