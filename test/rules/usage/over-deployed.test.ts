import rule from '../../../src/rules/usage/over-deployed.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, [
  { name: 'active users at the seat count', fixture: 'active-seats', usage: { activeUsers: 10 }, status: 'pass', message: 'within', field: 'usage.active_users', value: 10, expected: '<= 10', params: { active: 10, seats: 10 } },
  { name: 'more active users than seats: a true-up may be due', fixture: 'active-seats', usage: { activeUsers: 11 }, status: 'warn', message: 'over', field: 'usage.active_users', value: 11, expected: '<= 10', paramsEqual: { active: 11, seats: 10, who: 'active users' } },
  {
    name: 'a per-teacher licence counts active teachers (worked example G: 3 active teachers on 2 seats)',
    fixture: 'active-seats',
    patch: { cost: { model: 'per_teacher', unit_price: 30, seats: 2 } },
    usage: { licensedRole: 'teacher', activeUsers: 5, activeTeachers: 3 },
    status: 'warn',
    message: 'over',
    field: 'usage.active_teachers',
    value: 3,
    expected: '<= 2',
    paramsEqual: { active: 3, seats: 2, who: 'active teachers' },
  },
  { name: 'pilot products are measured too', fixture: 'active-seats', patch: { status: 'pilot' }, usage: { activeUsers: 4 }, status: 'pass', message: 'within', field: 'usage.active_users' },
  { name: 'a tracked product with no rows has 0 active users and passes', fixture: 'active-seats', patch: { usage: { tracked: true } }, usage: { rows: 0, noUsageData: true, activeUsers: 0 }, status: 'pass', message: 'within', field: 'usage.active_users', value: 0 },
  { name: 'no usage data (not tracked): no figure to judge', fixture: 'active-seats', usage: { rows: 0, noUsageData: true, basis: null, activeUsers: null }, status: 'n/a', message: 'na-no-data', field: 'usage.active_users' },
  { name: 'no seat count', fixture: 'no-seats', usage: { activeUsers: 5 }, status: 'n/a', message: 'na-no-seats', field: 'cost.seats' },
  { name: 'status not pilot or active', fixture: 'active-seats', patch: { status: 'sunsetting' }, usage: { activeUsers: 50 }, status: 'n/a', message: 'na-status', field: 'status' },
  { name: 'a free product', fixture: 'free', usage: { activeUsers: 80 }, status: 'n/a', message: 'na-free', field: 'cost.model' },
  { name: 'no usage export', fixture: 'active-seats', status: 'n/a', message: 'na-no-usage', field: 'usage' },
]);
