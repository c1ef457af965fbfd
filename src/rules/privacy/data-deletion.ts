import type { PackId } from '../../load/schema/manifest.js';
import type { Policy } from '../../load/schema/policy.js';
import { addDaysIso, daysBetween } from '../../model/date-math.js';
import type { Product } from '../../model/product.js';
import { defineRule, outcome } from '../define.js';
import { PACK_DELETION_DAYS, packApplies } from '../packs.js';

/** The deletion deadline in days after the end of use, and where it comes from (`DPA`, a pack id or `policy`). */
export interface DeletionDeadline {
  days: number;
  source: 'DPA' | PackId | 'policy';
}

/**
 * The fewest days among the DPA's `deletion_days`, each applicable pack's
 * limit (a pack with `applies: false` does not count) and the policy's
 * `privacy.deletion_days`; on a tie the source is named in the order DPA,
 * pack, policy (privacy-laws.md §5, "Decided details").
 */
export function deletionDeadline(p: Product, policy: Policy): DeletionDeadline {
  const candidates: DeletionDeadline[] = [];
  const dpa = p.manifest.privacy?.contract_terms?.deletion_days;
  if (typeof dpa === 'number') candidates.push({ days: dpa, source: 'DPA' });
  for (const [pack, days] of Object.entries(PACK_DELETION_DAYS) as [PackId, number][]) {
    if (packApplies(p, pack, policy)) candidates.push({ days, source: pack });
  }
  candidates.push({ days: policy.privacy.deletion_days, source: 'policy' });
  // The first of the fewest: candidates are in DPA, pack, policy order.
  return candidates.reduce((best, c) => (c.days < best.days ? c : best));
}

/** The start of the deletion clock: the earlier of `offboarding.retired_on` and `contract_ended_on`; null when neither is given. */
export function deletionStart(p: Product): { on: string; field: string } | null {
  const o = p.manifest.offboarding;
  const r = o?.retired_on ?? null;
  const c = o?.contract_ended_on ?? null;
  if (r && (!c || r <= c)) return { on: r, field: 'offboarding.retired_on' };
  if (c) return { on: c, field: 'offboarding.contract_ended_on' };
  return null;
}

const CERT = 'offboarding.deletion_certified_on';

/**
 * privacy.data-deletion — proof that student data was deleted or returned
 * when a product's use or contract ended (privacy-laws.md §5): the vendor's
 * certificate by start + days, where start is the earlier of retirement and
 * contract end and days is the strictest deadline (`deletionDeadline`). A
 * lifecycle rule: it counts toward the exit status, never the verdict.
 */
export default defineRule({
  id: 'privacy.data-deletion',
  check: 'lifecycle',
  kind: 'lifecycle',
  messages: {
    'na-in-use': 'n/a',
    'na-not-yet': 'n/a',
    'retired-no-date': 'fail',
    overdue: 'fail',
    'due-soon': 'warn',
    'not-requested': 'warn',
    'no-certificate': 'warn',
    requested: 'pass',
    certified: 'pass',
  },
  evaluate(p, { policy, asOf }) {
    const start = deletionStart(p);
    const status = p.manifest.status;
    if (!start) {
      if (status === 'retired') return outcome('fail', 'retired-no-date', { field: 'offboarding', value: null, expected: 'offboarding.retired_on or offboarding.contract_ended_on' });
      return outcome('n/a', 'na-in-use', { field: 'offboarding', value: null, expected: 'a retirement or contract end date' }, { status });
    }
    if (start.on > asOf) return outcome('n/a', 'na-not-yet', { field: start.field, value: start.on, expected: `on or before ${asOf}` }, { start_on: start.on });
    const { days, source } = deletionDeadline(p, policy);
    const due = addDaysIso(start.on, days);
    const o = p.manifest.offboarding!;
    const certified = o.deletion_certified_on ?? null;
    const requested = o.deletion_requested_on ?? null;
    const late = (on: string) => (on > due ? daysBetween(due, on) : null);
    const sourceText = source === 'DPA' ? 'the DPA' : source === 'policy' ? 'the district policy' : `the ${source} law pack`;
    const params = { start_on: start.on, days, source: sourceText, due_on: due, requested_on: requested ?? '', certified_on: certified ?? '', days_left: daysBetween(asOf, due) };
    const more = (daysLate: number | null) => ({ startOn: start.on, days, daysSource: source, dueOn: due, daysLate });
    if (certified) {
      const daysLate = late(certified);
      const ps = { ...params, late: daysLate === null ? 'on time' : `${daysLate} day${daysLate === 1 ? '' : 's'} late` };
      if (!o.certificate) return outcome('warn', 'no-certificate', { field: 'offboarding.certificate', value: null, expected: 'the certificate (a path or URL)', more: more(daysLate) }, ps);
      // Why: a late certificate still passes; daysLate records how late (privacy-laws.md §5).
      return outcome('pass', 'certified', { field: CERT, value: certified, expected: `on or before ${due}`, more: more(daysLate) }, ps);
    }
    const evidence = { field: CERT, value: null, expected: `a certificate of deletion by ${due}` };
    if (asOf > due) {
      const daysLate = daysBetween(due, asOf);
      return outcome('fail', 'overdue', { ...evidence, more: more(daysLate) }, { ...params, days_late: daysLate });
    }
    if (daysBetween(asOf, due) <= policy.privacy.deletion_warn_days) return outcome('warn', 'due-soon', { ...evidence, more: more(null) }, params);
    if (!requested) return outcome('warn', 'not-requested', { field: 'offboarding.deletion_requested_on', value: null, expected: `a deletion request on or after ${start.on}`, more: more(null) }, params);
    return outcome('pass', 'requested', { ...evidence, more: more(null) }, params);
  },
});
