import { defineRule, outcome } from '../define.js';
import { isInUse } from '../../model/product.js';
import { addDaysIso, daysBetween } from '../../model/date-math.js';

/** The last day to cancel or change seats: renewal date − notice days (calendar days). */
export function decideBy(renewalOn: string, noticeDays: number | null | undefined): string {
  return noticeDays ? addDaysIso(renewalOn, -noticeDays) : renewalOn;
}

/** contract.renewal — renewals coming due, with the decide-by date. */
export default defineRule({
  id: 'contract.renewal',
  check: 'contract',
  kind: 'contract',
  messages: { 'na-status': 'n/a', 'na-no-renewal': 'n/a', 'not-due': 'pass', due: 'warn', missed: 'warn', past: 'warn' },
  evaluate(p, { policy, asOf }) {
    const c = p.manifest.cost;
    const on = c?.renewal_on;
    if (!on) return outcome('n/a', 'na-no-renewal', { field: 'cost.renewal_on', value: null, expected: 'a renewal date' });
    // rules.md "Corner cases": a renewal matters only for a product still in use; a retired one's is not reported.
    const status = p.manifest.status;
    if (!isInUse(status)) {
      return outcome('n/a', 'na-status', { field: 'status', value: status, expected: 'pilot, active or sunsetting' }, { status });
    }
    const by = decideBy(on, c?.notice_days);
    const days = daysBetween(asOf, on);
    const window = policy.sunset.renewal_warn_days;
    const params = { renewal_on: on, decide_by: by, days, window };
    const evidence = { field: 'cost.renewal_on', value: on, expected: `more than ${window} days after ${asOf}` };
    if (days > window) return outcome('pass', 'not-due', evidence, params);
    if (days < 0) return outcome('warn', 'past', evidence, params);
    if (by < asOf && c?.auto_renews) return outcome('warn', 'missed', evidence, params);
    return outcome('warn', 'due', evidence, params);
  },
});
