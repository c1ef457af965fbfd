import rule from '../../../../src/rules/law/oh-sb29/annual-notice.js';
import { ruleTester } from '../../rule-tester.js';

const ON = { privacy: { state_laws: ['oh-sb29'] } };
const oh = (over: Record<string, unknown>, deployed: string | null = '2025-08-20') => ({ deployed_on: deployed, privacy: { state: { 'oh-sb29': over } } });
const F = 'privacy.state.oh-sb29.notified_on';

// As of 2026-11-23 the latest August 1 (D) is 2026-08-01: a notice after 2025-08-01 is needed; the next is due by 2027-08-01.
ruleTester(rule, [
  { name: 'notified before D, the next far away', fixture: 'law/complete', policy: ON, status: 'pass', message: 'notified', field: F, params: { next: '2027-08-01', notified_on: '2026-07-25' } },
  { name: 'a late notice (after D) passes like an early one', fixture: 'law/complete', patch: oh({ notified_on: '2026-09-15' }), policy: ON, status: 'pass', message: 'notified', field: F },
  { name: 'the last notice on D − 1 year is too old', fixture: 'law/complete', patch: oh({ notified_on: '2025-08-01' }), policy: ON, status: 'fail', message: 'not-notified', field: F, params: { since: '2025-08-01', deadline: '2026-08-01' }, more: { citation: 'Ohio R.C. 3319.326(G)', missing: ['state.notified_on'] } },
  { name: 'never notified, deployed before D', fixture: 'law/complete', patch: oh({ notified_on: null }), policy: ON, status: 'fail', message: 'not-notified', field: F, value: null },
  { name: 'never notified, no deployment date', fixture: 'law/complete', patch: oh({ notified_on: null }, null), policy: ON, status: 'fail', message: 'not-notified', field: F },
  { name: 'the next notice within notice_warn_days and not yet sent', fixture: 'law/complete', policy: ON, asOf: '2027-07-05', status: 'warn', message: 'due-soon', field: F, params: { next: '2027-08-01', days: 27 } },
  { name: 'as-of on August 1: D is that day, a notice sent before it counts', fixture: 'law/complete', patch: oh({ notified_on: '2027-07-30' }), policy: ON, asOf: '2027-08-01', status: 'pass', message: 'notified', field: F, params: { next: '2028-08-01' } },
  { name: 'as-of on August 1 with only last year\'s notice: overdue that day', fixture: 'law/complete', policy: ON, asOf: '2027-08-01', status: 'fail', message: 'not-notified', field: F, params: { deadline: '2027-08-01' } },
  { name: 'deployed after D, no notice yet: first notice due by D + 1 year', fixture: 'law/complete', patch: oh({ notified_on: null }, '2026-09-01'), policy: ON, status: 'pass', message: 'first-notice-due', field: F, params: { next: '2027-08-01' } },
  { name: 'deployed after D, first notice due within notice_warn_days', fixture: 'law/complete', patch: oh({ notified_on: null }, '2026-09-01'), policy: ON, asOf: '2027-07-20', status: 'warn', message: 'first-due-soon', field: F },
  { name: 'role not provided', fixture: 'law/complete', patch: oh({ role: null }), policy: ON, status: 'fail', message: 'no-role', field: 'privacy.state.oh-sb29.role' },
  { name: 'role other', fixture: 'law/complete', patch: oh({ role: 'other', notified_on: null }), policy: ON, status: 'n/a', message: 'na-other-role', field: 'privacy.state.oh-sb29.role' },
  { name: 'teachers only', fixture: 'law/teachers-only', policy: ON, status: 'n/a', message: 'na-no-student-data', field: 'audience' },
  { name: 'applies: false', fixture: 'law/not-applicable', policy: ON, status: 'n/a', message: 'na-not-applicable', field: 'privacy.state.oh-sb29.applies' },
]);
