import { defineRule, outcome } from '../define.js';
import { daysBetween } from '../../model/date-math.js';

/** privacy.dpa — a data privacy agreement with the district is signed and in force. */
export default defineRule({
  id: 'privacy.dpa',
  check: 'privacy',
  kind: 'vetting',
  messages: { 'not-provided': 'fail', 'not-signed': 'fail', expired: 'fail', expiring: 'warn', 'not-yet': 'warn', 'in-force': 'pass', 'signed-open': 'pass' },
  evaluate(p, { policy, asOf }) {
    const dpa = p.manifest.privacy?.dpa;
    const warnDays = policy.privacy.dpa_expiry_warn_days;
    if (dpa?.signed === null || dpa?.signed === undefined) {
      return outcome('fail', 'not-provided', { field: 'privacy.dpa.signed', value: null, expected: true });
    }
    if (dpa.signed !== true) return outcome('fail', 'not-signed', { field: 'privacy.dpa.signed', value: false, expected: true });
    // rules.md "Corner cases": an agreement signed for the future is not one the district can rely on yet.
    if (dpa.signed_on && dpa.signed_on > asOf) {
      return outcome('warn', 'not-yet', { field: 'privacy.dpa.signed_on', value: dpa.signed_on, expected: `<= ${asOf}` }, { signed_on: dpa.signed_on });
    }
    const ends = dpa.expires_on;
    if (ends) {
      const left = daysBetween(asOf, ends);
      if (left < 0) return outcome('fail', 'expired', { field: 'privacy.dpa.expires_on', value: ends, expected: `>= ${asOf}` }, { expires_on: ends });
      // Why: a DPA about to lapse leaves student data without a contract mid-year; renew before it does.
      if (left <= warnDays) {
        return outcome('warn', 'expiring', { field: 'privacy.dpa.expires_on', value: ends, expected: `more than ${warnDays} days after ${asOf}` }, { expires_on: ends, days: left });
      }
      return outcome('pass', 'in-force', { field: 'privacy.dpa.expires_on', value: ends, expected: `>= ${asOf}` }, { expires_on: ends });
    }
    return outcome('pass', 'signed-open', { field: 'privacy.dpa.signed', value: true, expected: true });
  },
});
