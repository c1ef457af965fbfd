import { SchoolCalendar } from '../../model/calendar.js';
import { dayOf, isoOf } from '../../model/dates.js';
import { defineRule, outcome } from '../define.js';
import { lookedFor, suggestionText } from '../usage-words.js';

/** usage.dormant-seats — paid seats whose users have not signed in during the active window. */
export default defineRule({
  id: 'usage.dormant-seats',
  check: 'usage',
  kind: 'usage',
  messages: { 'na-no-seats': 'n/a', 'na-status': 'n/a', 'na-no-usage': 'n/a', 'no-data': 'warn', 'no-rows': 'warn', dormant: 'warn', used: 'pass', 'counts-none': 'warn', 'counts-dormant': 'warn', 'counts-used': 'pass' },
  evaluate(p, { policy, usage, asOf: ctxAsOf }) {
    const seats = p.manifest.cost?.seats;
    const status = p.manifest.status;
    if (seats === null || seats === undefined) return outcome('n/a', 'na-no-seats', { field: 'cost.seats', value: null, expected: 'a seat count' });
    if (status !== 'pilot' && status !== 'active') return outcome('n/a', 'na-status', { field: 'status', value: status, expected: 'pilot or active' }, { status });
    if (!usage) return outcome('n/a', 'na-no-usage', { field: 'usage', value: null, expected: 'a usage export' });
    const teachers = usage.licensedRole === 'teacher';
    const active = teachers ? usage.activeTeachers : usage.activeUsers;
    // Why (usage-sources.md "Lower bounds"): counts give at least N active users, so at most seats − N dormant.
    if (usage.basis === 'counts' && active === null) {
      const from = new SchoolCalendar(policy.calendar).windowStart(dayOf(ctxAsOf), policy.usage.active_window_days);
      return outcome('warn', 'counts-none', { field: 'usage.active_users', value: null, expected: 'a count whose period lies inside the active window' }, { from: isoOf(from), to: ctxAsOf });
    }
    // Why (usage-sources.md "Honest no data"): sign-ins absent from every export are not zero use, unless the
    // manifest says the exports cover the product (usage.tracked); so no figure, no waste, only a warning to look.
    if (active === null) {
      return outcome('warn', 'no-data', { field: 'usage.aliases', value: 0, expected: 'at least one export row matching the product' }, { looked: lookedFor(p), suggestion: suggestionText(usage) });
    }
    const dormant = Math.max(0, seats - active);
    const ratio = dormant / seats;
    const threshold = policy.usage.dormant_warn_ratio;
    const params = { dormant, seats, active, who: teachers ? 'teachers' : 'users', pct: Math.round(ratio * 100), days: policy.usage.active_window_days, aliases: lookedFor(p) };
    const evidence = { field: 'cost.seats', value: seats, expected: `dormant ratio < ${threshold}` };
    if (usage.rows === 0) return outcome('warn', 'no-rows', evidence, params);
    if (usage.basis === 'counts') {
      if (ratio >= threshold) return outcome('warn', 'counts-dormant', evidence, params);
      return outcome('pass', 'counts-used', evidence, params);
    }
    // Why: the guide's dormant-license figures: half the seats idle means the contract is sized for a district that does not exist.
    if (ratio >= threshold) return outcome('warn', 'dormant', evidence, params);
    return outcome('pass', 'used', evidence, params);
  },
});
