import { defineRule, outcome } from '../define.js';

/**
 * usage.over-deployed — more licensed users active than seats bought
 * (usage-sources.md "Over-deployment"): a true-up may be due at renewal.
 */
export default defineRule({
  id: 'usage.over-deployed',
  check: 'usage',
  kind: 'usage',
  messages: { 'na-no-seats': 'n/a', 'na-status': 'n/a', 'na-free': 'n/a', 'na-no-usage': 'n/a', 'na-no-data': 'n/a', over: 'warn', within: 'pass' },
  evaluate(p, { usage }) {
    const m = p.manifest;
    const seats = m.cost?.seats;
    if (seats === null || seats === undefined) return outcome('n/a', 'na-no-seats', { field: 'cost.seats', value: null, expected: 'a seat count' });
    if (m.status !== 'pilot' && m.status !== 'active') return outcome('n/a', 'na-status', { field: 'status', value: m.status, expected: 'pilot or active' }, { status: m.status });
    if (m.cost?.model === 'free') return outcome('n/a', 'na-free', { field: 'cost.model', value: 'free', expected: 'a paid licence' });
    if (!usage) return outcome('n/a', 'na-no-usage', { field: 'usage', value: null, expected: 'a usage export' });
    const teachers = usage.licensedRole === 'teacher';
    const active = teachers ? usage.activeTeachers : usage.activeUsers;
    const field = teachers ? 'usage.active_teachers' : 'usage.active_users';
    // Why: absent sign-ins (no usage data, not tracked) or a count that bounds nothing say nothing about over-use.
    if (active === null) return outcome('n/a', 'na-no-data', { field, value: null, expected: `<= ${seats}` });
    const params = { active, seats, who: teachers ? 'active teachers' : 'active users' };
    if (active > seats) return outcome('warn', 'over', { field, value: active, expected: `<= ${seats}` }, params);
    return outcome('pass', 'within', { field, value: active, expected: `<= ${seats}` }, params);
  },
});
