import { describe, expect, it } from 'vitest';
import rule, { decideBy } from '../../../src/rules/contract/renewal.js';
import { ruleTester } from '../rule-tester.js';

const ON = 'cost.renewal_on';

describe('decideBy', () => {
  it('decide-by = renewal − notice_days (calendar days); without notice_days the renewal date', () => {
    expect(decideBy('2027-06-30', 60)).toBe('2027-05-01');
    expect(decideBy('2027-03-01', 1)).toBe('2027-02-28');
    expect(decideBy('2028-03-01', 1)).toBe('2028-02-29');
    expect(decideBy('2026-12-15', null)).toBe('2026-12-15');
    expect(decideBy('2026-12-15', undefined)).toBe('2026-12-15');
  });
});

ruleTester(rule, [
  { name: 'renewal more than renewal_warn_days (120) away', fixture: 'not-due', status: 'pass', message: 'not-due', field: ON, value: '2027-06-30', params: { renewal_on: '2027-06-30', decide_by: '2027-05-01', days: 219, window: 120 }, line: 'renewal_on:' },
  // 2027-06-30 − 120 days = 2027-03-02
  { name: 'exactly renewal_warn_days away is due (within)', fixture: 'not-due', asOf: '2027-03-02', status: 'warn', message: 'due', field: ON, params: { days: 120 } },
  { name: 'one more day is not due', fixture: 'not-due', asOf: '2027-03-01', status: 'pass', message: 'not-due', field: ON, params: { days: 121 } },
  { name: 'due, with the decide-by date', fixture: 'due', status: 'warn', message: 'due', field: ON, params: { renewal_on: '2027-02-28', decide_by: '2027-01-29', days: 97 } },
  { name: 'decide-by already passed on an auto-renewing contract', fixture: 'missed', status: 'warn', message: 'missed', field: ON, params: { renewal_on: '2027-01-15', decide_by: '2026-11-16', days: 53 } },
  { name: 'decide-by on the as-of day has not passed yet', fixture: 'missed', asOf: '2026-11-16', status: 'warn', message: 'due', field: ON },
  { name: 'decide-by the day before as-of has passed', fixture: 'missed', asOf: '2026-11-17', status: 'warn', message: 'missed', field: ON },
  { name: 'a passed decide-by on a contract that does not auto-renew is plain due', fixture: 'missed-not-auto', status: 'warn', message: 'due', field: ON },
  { name: 'renewal already past', fixture: 'past', status: 'warn', message: 'past', field: ON, params: { renewal_on: '2026-06-30', decide_by: '2026-06-30' } },
  { name: 'without notice_days the decide-by date is the renewal date', fixture: 'no-notice-days', status: 'warn', message: 'due', field: ON, params: { renewal_on: '2026-12-15', decide_by: '2026-12-15', days: 22 } },
  { name: 'the window follows sunset.renewal_warn_days', fixture: 'due', policy: { sunset: { renewal_warn_days: 30 } }, status: 'pass', message: 'not-due', field: ON },
  { name: 'no renewal date', fixture: 'no-renewal', status: 'n/a', message: 'na-no-renewal', field: ON, value: null },
  // rules.md "Corner cases": only products in use (pilot, active, sunsetting) have a renewal to report.
  { name: 'a pilot product renewing within the window is due', fixture: 'pilot', status: 'warn', message: 'due', field: ON },
  { name: 'a sunsetting product renewing within the window is due', fixture: 'sunsetting', status: 'warn', message: 'due', field: ON },
  { name: "a retired product's renewal is not reported", fixture: 'retired', status: 'n/a', message: 'na-status', field: 'status', value: 'retired', params: { status: 'retired' }, line: 'status:' },
  { name: "a proposed product's renewal date is not reported", fixture: 'proposed', status: 'n/a', message: 'na-status', field: 'status', value: 'proposed', params: { status: 'proposed' } },
]);
