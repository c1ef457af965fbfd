import { defineRule, outcome } from '../define.js';
import { daysBetween } from '../../model/date-math.js';

/** accessibility.vpat — a current VPAT / ACR backs the accessibility claim. */
export default defineRule({
  id: 'accessibility.vpat',
  check: 'accessibility',
  kind: 'vetting',
  messages: { 'no-url': 'warn', 'no-date': 'warn', 'too-old': 'warn', current: 'pass' },
  evaluate(p, { policy, asOf }) {
    const a = p.manifest.accessibility;
    // Why: an OpenACR report is itself the conformance report, and its report_date is the evidence date (manifest.md).
    const url = a?.vpat_url ?? (p.acr ? p.acr.file : null);
    const date = p.acr?.reportDate ?? a?.vpat_date ?? null;
    const dateField = p.acr?.reportDate ? 'accessibility.openacr' : 'accessibility.vpat_date';
    const maxAge = policy.accessibility.vpat_max_age_days;
    if (!url) return outcome('warn', 'no-url', { field: 'accessibility.vpat_url', value: null, expected: 'a link to the VPAT / ACR' });
    if (!date) return outcome('warn', 'no-date', { field: 'accessibility.vpat_date', value: null, expected: `a date within ${maxAge} days of ${asOf}` });
    const age = daysBetween(date, asOf);
    if (age > maxAge) return outcome('warn', 'too-old', { field: dateField, value: date, expected: `no older than ${maxAge} days` }, { date, age, max: maxAge });
    return outcome('pass', 'current', { field: dateField, value: date, expected: `no older than ${maxAge} days` }, { date });
  },
});
