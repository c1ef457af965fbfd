import rule from '../../../src/rules/contract/review-due.js';
import { ruleTester } from '../rule-tester.js';

// fixtures: reviewed_on 2025-12-01, so with review_every_days 365 the review is due 2026-12-01.
ruleTester(rule, [
  { name: 'due more than review_warn_days away (31 days)', fixture: 'active', asOf: '2026-10-31', status: 'pass', message: 'not-due', field: 'reviewed_on', params: { due_on: '2026-12-01', days: 31 }, more: { dueOn: '2026-12-01' }, line: 'reviewed_on:' },
  { name: 'due in exactly review_warn_days (30)', fixture: 'active', asOf: '2026-11-01', status: 'warn', message: 'due', field: 'reviewed_on', params: { days: 30 } },
  { name: 'due today', fixture: 'active', asOf: '2026-12-01', status: 'warn', message: 'due', field: 'reviewed_on', params: { days: 0 } },
  { name: 'a day past due', fixture: 'active', asOf: '2026-12-02', status: 'fail', message: 'overdue', field: 'reviewed_on', params: { overdue: 1 }, more: { dueOn: '2026-12-01' } },
  { name: 'a shorter cadence from the policy', fixture: 'active', policy: { contract: { review_every_days: 180 } }, asOf: '2026-06-01', status: 'fail', message: 'overdue', field: 'reviewed_on', params: { due_on: '2026-05-30' }, more: { dueOn: '2026-05-30' } },
  { name: 'a wider warning window', fixture: 'active', policy: { contract: { review_warn_days: 60 } }, asOf: '2026-10-31', status: 'warn', message: 'due', field: 'reviewed_on' },
  { name: 'no reviewed_on', fixture: 'no-review', status: 'fail', message: 'not-provided', field: 'reviewed_on', value: null },
  { name: 'sunsetting products are re-reviewed too', fixture: 'active', patch: { status: 'sunsetting' }, asOf: '2026-12-02', status: 'fail', message: 'overdue', field: 'reviewed_on' },
  { name: 'a proposed product is not in use', fixture: 'no-review', patch: { status: 'proposed' }, status: 'n/a', message: 'na-status', field: 'status', params: { status: 'proposed' } },
  { name: 'a retired product is not re-reviewed', fixture: 'active', patch: { status: 'retired' }, status: 'n/a', message: 'na-status', field: 'status' },
]);
