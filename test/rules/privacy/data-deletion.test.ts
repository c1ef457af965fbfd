import rule from '../../../src/rules/privacy/data-deletion.js';
import { ruleTester } from '../rule-tester.js';

const off = (over: Record<string, unknown>) => ({ offboarding: over });
const uncertified = { deletion_certified_on: null, certificate: null };
const CERT = 'offboarding.deletion_certified_on';

// Retired 2026-06-30 (the earlier of retired_on and contract_ended_on); the DPA's 30 days beat the policy's 60: due 2026-07-30.
ruleTester(rule, [
  { name: 'certified on time, with its certificate', fixture: 'retired', status: 'pass', message: 'certified', field: CERT, value: '2026-07-20', more: { startOn: '2026-06-30', days: 30, daysSource: 'DPA', dueOn: '2026-07-30', daysLate: null }, line: 'deletion_certified_on:' },
  { name: 'certified late still passes, with daysLate', fixture: 'retired', patch: off({ deletion_certified_on: '2026-08-04' }), status: 'pass', message: 'certified', field: CERT, more: { daysLate: 5 }, params: { late: '5 days late' } },
  { name: 'certified without the certificate', fixture: 'retired', patch: off({ certificate: null }), status: 'warn', message: 'no-certificate', field: 'offboarding.certificate', more: { dueOn: '2026-07-30' } },
  { name: 'uncertified after the due date', fixture: 'retired', patch: off(uncertified), status: 'fail', message: 'overdue', field: CERT, value: null, more: { dueOn: '2026-07-30', daysLate: 116 }, params: { days_late: 116 } },
  { name: 'uncertified, due within deletion_warn_days', fixture: 'retired', patch: off(uncertified), asOf: '2026-07-20', status: 'warn', message: 'due-soon', field: CERT, params: { days_left: 10 } },
  { name: 'uncertified on the due date itself: not yet late', fixture: 'retired', patch: off(uncertified), asOf: '2026-07-30', status: 'warn', message: 'due-soon', field: CERT, params: { days_left: 0 } },
  { name: 'use ended, no request yet, due later than the warning window', fixture: 'retired', patch: off({ ...uncertified, deletion_requested_on: null }), asOf: '2026-07-02', status: 'warn', message: 'not-requested', field: 'offboarding.deletion_requested_on' },
  { name: 'requested, uncertified, due later than the warning window', fixture: 'retired', patch: off(uncertified), asOf: '2026-07-02', status: 'pass', message: 'requested', field: CERT, params: { requested_on: '2026-07-01', due_on: '2026-07-30' } },
  { name: 'the policy is stricter than the DPA', fixture: 'retired', policy: { privacy: { deletion_days: 20 } }, status: 'pass', message: 'certified', field: CERT, more: { days: 20, daysSource: 'policy', dueOn: '2026-07-20', daysLate: null } },
  { name: 'a tie between the DPA and the policy names the DPA', fixture: 'retired', policy: { privacy: { deletion_days: 30 } }, status: 'pass', message: 'certified', field: CERT, more: { days: 30, daysSource: 'DPA' } },
  { name: "Ohio's 90 days beat a policy of 120 when the DPA gives none", fixture: 'retired', patch: { privacy: { contract_terms: { deletion_days: null } } }, policy: { privacy: { state_laws: ['oh-sb29'], deletion_days: 120 } }, status: 'pass', message: 'certified', field: CERT, more: { days: 90, daysSource: 'oh-sb29', dueOn: '2026-09-28' } },
  { name: 'a pack with applies: false does not count', fixture: 'retired', patch: { privacy: { contract_terms: { deletion_days: null }, state: { 'oh-sb29': { applies: false, reason: 'not a technology provider' } } } }, policy: { privacy: { state_laws: ['oh-sb29'], deletion_days: 120 } }, status: 'pass', message: 'certified', field: CERT, more: { days: 120, daysSource: 'policy' } },
  { name: 'the contract ended before the retirement: the clock starts then', fixture: 'retired', patch: off({ contract_ended_on: '2026-06-15' }), status: 'pass', message: 'certified', field: CERT, more: { startOn: '2026-06-15', dueOn: '2026-07-15', daysLate: 5 } },
  { name: 'retires after as-of', fixture: 'retired', patch: { status: 'sunsetting', offboarding: { retired_on: '2026-12-31', contract_ended_on: null, deletion_requested_on: null, deletion_certified_on: null, certificate: null } }, status: 'n/a', message: 'na-not-yet', field: 'offboarding.retired_on', params: { start_on: '2026-12-31' } },
  { name: 'in use', fixture: 'in-use', status: 'n/a', message: 'na-in-use', field: 'offboarding' },
  { name: 'retired without either date', fixture: 'retired-no-date', status: 'fail', message: 'retired-no-date', field: 'offboarding' },
]);
