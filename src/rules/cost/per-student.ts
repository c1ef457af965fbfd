import { centsOf, dollarsOf } from '../../model/money.js';
import { defineRule, outcome } from '../define.js';

/** cost.per-student — annual cost per student stays under the policy's cap for the categories it covers. */
export default defineRule({
  id: 'cost.per-student',
  check: 'cost',
  kind: 'vetting',
  messages: { 'na-category': 'n/a', 'not-provided': 'fail', 'over-cap': 'fail', 'under-cap': 'pass' },
  evaluate(p, { policy }) {
    const cap = policy.cost.max_per_student;
    const cps = p.costPerStudent; // cents
    const value = cps === null ? null : dollarsOf(cps);
    const shown = cps === null ? 'unknown' : `$${dollarsOf(cps).toFixed(2)}`;
    if (!policy.cost.applies_to.includes(p.manifest.category)) {
      // Why: rules.md asks the n/a finding to still report the computed cost per student.
      return outcome('n/a', 'na-category', { field: p.manifest.cost ? 'cost' : 'category', value, expected: `category in ${policy.cost.applies_to.join(', ')}` }, { category: p.manifest.category, cost: shown });
    }
    if (cps === null) return outcome('fail', 'not-provided', { field: p.manifest.cost ? 'cost.students_covered' : 'cost', value: null, expected: `<= ${cap}` }, { max: cap.toFixed(2) });
    if (cps > centsOf(cap)) return outcome('fail', 'over-cap', { field: 'cost', value, expected: `<= ${cap}` }, { cost: shown, max: cap.toFixed(2) });
    return outcome('pass', 'under-cap', { field: 'cost', value, expected: `<= ${cap}` }, { cost: shown, max: cap.toFixed(2) });
  },
});
