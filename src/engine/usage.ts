/**
 * Usage figures, sunset plans and right-sizing (rules.md): pure arithmetic on
 * the aggregated counts of one product.
 */
import type { Policy } from '../load/schema/policy.js';
import type { UsageCounts } from './aggregate.js';
import { isoOf } from '../model/calendar.js';
import type { Product } from '../model/product.js';
import type { Finding, Renewal, SunsetPlan, UsageFigures } from '../model/types.js';
import { addDays } from '../rules/dates.js';
import { decideBy } from '../rules/contract/renewal.js';

/** What the aggregation counted for one product. */
export type ProductCounts = UsageCounts;

/** The steps of a retirement, in the order rules.md gives them. */
export const SUNSET_STEPS = [
  'Give teachers notice that the product will be retired',
  "Archive student work (export it to the district's storage)",
  'Remove the app from the SSO portal and the LMS',
  'Ask the vendor to delete student data under the DPA and keep its certificate of destruction',
] as const;

/** Recommended seats: ceil(semester-active × (1 + buffer)), the product rounded to 6 places first (50 × 1.10 → 55). */
export function recommendedSeats(semesterActive: number, buffer: number): number {
  return Math.ceil(Number((semesterActive * (1 + buffer)).toFixed(6)));
}

/** Usage figures of one product; `dormantWarn` says whether usage.dormant-seats warned (right-sizing applies). */
export function usageFigures(p: Product, c: ProductCounts, policy: Policy, dormantWarn: boolean): UsageFigures {
  const seats = p.manifest.cost?.seats ?? null;
  // Why: a proposed or retired product's seats are not being paid for, so none of them is "wasted".
  const paying = p.manifest.status !== 'proposed' && p.manifest.status !== 'retired';
  const dormantSeats = seats === null || !paying ? null : Math.max(0, seats - c.activeUsers);
  const dormantRatio = seats === null || dormantSeats === null || seats === 0 ? null : dormantSeats / seats;
  const annualCost = p.annualCost ?? 0;
  const costPerSeat = p.costPerSeat;
  const wastedSpend = dormantSeats !== null && costPerSeat !== null ? dormantSeats * costPerSeat : null;
  let recommended: number | null = null;
  let saving: number | null = null;
  if (dormantWarn && seats !== null) {
    recommended = recommendedSeats(c.semesterActiveUsers, policy.usage.right_size_buffer);
    saving = costPerSeat !== null && seats > recommended ? (seats - recommended) * costPerSeat : costPerSeat !== null ? 0 : null;
  }
  const twa = c.teachersWithAccess;
  return {
    rows: c.rows,
    seats,
    activeUsers: c.activeUsers,
    activeTeachers: c.activeTeachers,
    activeStudents: c.activeStudents,
    dormantSeats,
    dormantRatio,
    annualCost,
    costPerSeat,
    wastedSpend,
    costPerActiveUser: c.activeUsers > 0 && p.annualCost !== null ? p.annualCost / c.activeUsers : null,
    teachersWithAccess: twa,
    teacherUtilization: twa ? (c.semesterActiveTeachersWithAccess ?? 0) / twa : null,
    semesterActiveUsers: c.semesterActiveUsers,
    recommendedSeats: recommended,
    rightSizeSaving: saving,
    lastSeen: c.lastSeen === null ? null : isoOf(c.lastSeen),
    activeByGrade: c.activeByGrade?.map((b) => ({ grade: b.key, activeStudents: b.count })) ?? null,
    activeBySchool: c.activeBySchool?.map((b) => ({ school: b.key, activeUsers: b.count })) ?? null,
  };
}

/** The renewal block of a product with a renewal date. */
export function renewalOf(p: Product): Renewal | null {
  const c = p.manifest.cost;
  if (!c?.renewal_on) return null;
  return { renewalOn: c.renewal_on, decideBy: decideBy(c.renewal_on, c.notice_days), autoRenews: c.auto_renews === true };
}

/**
 * The sunset plan of a candidate (teacher utilization failed) or of a product
 * whose status is already `sunsetting`; null otherwise.
 */
export function sunsetPlan(p: Product, findings: Finding[], policy: Policy, asOf: string): SunsetPlan | null {
  const util = findings.find((f) => f.rule === 'usage.teacher-utilization');
  const candidate = util?.status === 'fail';
  if (!candidate && p.manifest.status !== 'sunsetting') return null;
  const earliest = addDays(asOf, policy.sunset.notice_days);
  const renewal = renewalOf(p);
  return {
    reason: candidate ? util!.message : 'The district has already decided to retire it (status sunsetting)',
    noticeOn: asOf,
    earliestRetireOn: earliest,
    decideBy: renewal?.decideBy ?? null,
    beforeRenewal: renewal ? earliest <= renewal.renewalOn : null,
    annualSavings: p.annualCost ?? 0,
    steps: [...SUNSET_STEPS],
  };
}
