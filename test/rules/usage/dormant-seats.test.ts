import rule from '../../../src/rules/usage/dormant-seats.js';
import { ruleTester } from '../rule-tester.js';

const SEATS = 'cost.seats';

ruleTester(rule, [
  { name: 'dormant ratio below dormant_warn_ratio', fixture: 'active-seats', usage: { seats: 100, activeUsers: 60 }, status: 'pass', message: 'used', field: SEATS, value: 100, params: { dormant: 40, seats: 100, active: 60, pct: 40, days: 30 }, line: 'seats:' },
  { name: 'ratio exactly at dormant_warn_ratio (0.5)', fixture: 'active-seats', usage: { seats: 100, activeUsers: 50 }, status: 'warn', message: 'dormant', field: SEATS, params: { dormant: 50, pct: 50 } },
  // the warn compares the unrounded ratio. pilot: 40 seats; 21 active → 19 dormant = 0.475; 20 active → 0.5
  { name: '47.5 % dormant passes', fixture: 'pilot-seats', usage: { seats: 40, activeUsers: 21 }, status: 'pass', message: 'used', field: SEATS, params: { dormant: 19, pct: 48 } },
  { name: '50.0 % dormant warns', fixture: 'pilot-seats', usage: { seats: 40, activeUsers: 20 }, status: 'warn', message: 'dormant', field: SEATS, params: { dormant: 20, pct: 50 } },
  { name: 'the threshold follows the policy', fixture: 'active-seats', usage: { activeUsers: 60 }, policy: { usage: { dormant_warn_ratio: 0.4 } }, status: 'warn', message: 'dormant', field: SEATS },
  { name: 'more active users than seats means no dormant seat', fixture: 'active-seats', usage: { activeUsers: 250 }, status: 'pass', message: 'used', field: SEATS, params: { dormant: 0 } },
  {
    name: 'no usage row matched a product not tracked: no figure, only a warning to look (usage-sources.md "Honest no data")',
    fixture: 'active-seats',
    usage: { rows: 0, noUsageData: true, basis: null, activeUsers: null, activeTeachers: null, activeStudents: null, semesterActiveUsers: null },
    status: 'warn',
    message: 'no-data',
    field: 'usage.aliases',
    value: 0,
    line: 'aliases:',
    paramsEqual: { looked: '"dormant-active", "Fixture dormant-active", "Dormant Active App", "5f2e9c0d1a"', suggestion: '' },
  },
  {
    name: 'no data, with the unmatched app that suggests the product named',
    fixture: 'active-seats',
    usage: { rows: 0, noUsageData: true, basis: null, activeUsers: null, suggestedApps: [{ app: 'Dormant Activ', appId: null, rows: 12, suggestedProduct: 'dormant-active' }] },
    status: 'warn',
    message: 'no-data',
    field: 'usage.aliases',
    params: { suggestion: "; 'Dormant Activ' (12 rows) in the exports may be this product: if so, add it to usage.aliases" },
  },
  {
    name: 'per-teacher licences count active teachers against the seats',
    fixture: 'active-seats',
    patch: { cost: { model: 'per_teacher' } },
    usage: { licensedRole: 'teacher', activeUsers: 90, activeTeachers: 30 },
    status: 'warn',
    message: 'dormant',
    field: SEATS,
    params: { dormant: 70, active: 30, who: 'teachers' },
  },
  {
    name: 'no usage row matched a tracked product: all seats dormant, with the aliases listed',
    fixture: 'active-seats',
    patch: { usage: { tracked: true } },
    usage: { rows: 0, noUsageData: true, activeUsers: 0 },
    status: 'warn',
    message: 'no-rows',
    field: SEATS,
    params: { dormant: 100, pct: 100, aliases: '"dormant-active", "Fixture dormant-active", "Dormant Active App", "5f2e9c0d1a"' },
  },
  // usage-sources.md "Lower bounds": counts give at least N active, so up to seats − N dormant.
  { name: 'counts: at least 40 active on 100 seats warns "up to 60 dormant"', fixture: 'active-seats', usage: { basis: 'counts', activeUsers: 40 }, status: 'warn', message: 'counts-dormant', field: SEATS, params: { dormant: 60, active: 40, pct: 60 } },
  { name: 'counts: at least 70 active passes, up to 30 dormant', fixture: 'active-seats', usage: { basis: 'counts', activeUsers: 70 }, status: 'pass', message: 'counts-used', field: SEATS, params: { dormant: 30, active: 70 } },
  {
    name: 'counts: no count lies inside the active window',
    fixture: 'active-seats',
    usage: { basis: 'counts', activeUsers: null, activeTeachers: null, activeStudents: null },
    status: 'warn',
    message: 'counts-none',
    field: 'usage.active_users',
    paramsEqual: { from: '2026-10-13', to: '2026-11-23' },
  },
  { name: 'no seat count', fixture: 'no-seats', usage: { activeUsers: 5 }, status: 'n/a', message: 'na-no-seats', field: SEATS },
  { name: 'status not pilot or active', fixture: 'proposed', usage: { activeUsers: 0 }, status: 'n/a', message: 'na-status', field: 'status' },
  { name: 'no usage export given', fixture: 'active-seats', status: 'n/a', message: 'na-no-usage', field: 'usage' },
]);
