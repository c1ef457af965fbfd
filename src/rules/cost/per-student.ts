import { centsOf, dollarsOf } from '../../model/money.js';
import { defineRule, outcome } from '../define.js';

/** cost.per-student — annual cost per student stays under the policy's cap for the categories it covers. */
export default defineRule({
  id: 'cost.per-student',
  check: 'cost',
  kind: 'vetting',
  messages: { 'na-category': 'n/a', 'not-provided': 'fail', 'no-students-covered': 'fail', 'no-annual-cost': 'fail', 'over-cap': 'fail', 'under-cap': 'pass' },
  evaluate(p, { policy }) {
    const cap = policy.cost.max_per_student;
    const cps = p.costPerStudent; // cents
    const value = cps === null ? null : dollarsOf(cps);
    const shown = cps === null ? 'unknown' : `$${dollarsOf(cps).toFixed(2)}`;
    if (!policy.cost.applies_to.includes(p.manifest.category)) {
      // Why: rules.md asks the n/a finding to still report the computed cost per student.
      return outcome('n/a', 'na-category', { field: p.manifest.cost ? 'cost' : 'category', value, expected: `category in ${policy.cost.applies_to.join(', ')}` }, { category: p.manifest.category, cost: shown });
    }
    if (cps === null) {
      const c = p.manifest.cost;
      const max = cap.toFixed(2);
      // Why: a per-teacher, site or district price is real but says nothing of how many students it serves;
      // "no price" there sent districts looking for a price they had already given. Name what is missing.
      if (c && (c.model === 'per_teacher' || c.model === 'site' || c.model === 'district')) {
        const covered = c.students_covered != null && c.students_covered > 0;
        const priced = c.unit_price != null || c.annual_total != null;
        const seatsToo = p.annualCost === null && c.model === 'per_teacher' && c.annual_total == null && c.seats == null;
        if (priced && !covered) {
          const also = seatsToo ? ', and cost.seats (the teachers it covers) for the annual cost' : '';
          return outcome('fail', 'no-students-covered', { field: 'cost.students_covered', value: c.students_covered ?? null, expected: `<= ${cap}` }, { model: c.model, also, max });
        }
        if (priced && covered && seatsToo) {
          return outcome('fail', 'no-annual-cost', { field: 'cost.seats', value: null, expected: `<= ${cap}` }, { model: c.model, max });
        }
      }
      return outcome('fail', 'not-provided', { field: c ? 'cost.students_covered' : 'cost', value: null, expected: `<= ${cap}` }, { max });
    }
    if (cps > centsOf(cap)) return outcome('fail', 'over-cap', { field: 'cost', value, expected: `<= ${cap}` }, { cost: shown, max: cap.toFixed(2) });
    return outcome('pass', 'under-cap', { field: 'cost', value, expected: `<= ${cap}` }, { cost: shown, max: cap.toFixed(2) });
  },
});
