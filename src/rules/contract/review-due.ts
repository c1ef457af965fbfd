import { addDaysIso, daysBetween } from '../../model/date-math.js';
import { isInUse } from '../../model/product.js';
import { defineRule, outcome } from '../define.js';

/** contract.review-due — a product in use is re-reviewed every `contract.review_every_days` (privacy-laws.md §6). */
export default defineRule({
  id: 'contract.review-due',
  check: 'contract',
  kind: 'contract',
  messages: { 'na-status': 'n/a', 'not-provided': 'fail', overdue: 'fail', due: 'warn', 'not-due': 'pass' },
  evaluate(p, { policy, asOf }) {
    const status = p.manifest.status;
    if (!isInUse(status)) {
      return outcome('n/a', 'na-status', { field: 'status', value: status, expected: 'pilot, active or sunsetting' }, { status });
    }
    const every = policy.contract.review_every_days;
    const window = policy.contract.review_warn_days;
    const reviewed = p.manifest.reviewed_on;
    if (!reviewed) return outcome('fail', 'not-provided', { field: 'reviewed_on', value: null, expected: `a review within ${every} days` });
    const due = addDaysIso(reviewed, every);
    const days = daysBetween(asOf, due);
    const params = { reviewed_on: reviewed, due_on: due, days, overdue: -days };
    // Why dueOn: the board packet's re-review decision is due on it (src/engine/decisions.ts).
    const evidence = { field: 'reviewed_on', value: reviewed, expected: `a review on or after ${addDaysIso(asOf, -every)}`, more: { dueOn: due } };
    if (days < 0) return outcome('fail', 'overdue', evidence, params);
    if (days <= window) return outcome('warn', 'due', evidence, params);
    return outcome('pass', 'not-due', evidence, params);
  },
});
