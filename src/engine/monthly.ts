/**
 * The monthly trend of one product (usage-sources.md "Monthly trend"):
 * distinct users, and of them teachers, with an event in each of the 12
 * months ending with as-of's, counted from each user's month mask
 * (model/months.ts) kept beside the last day. Months before that of the
 * run's earliest event are null (not covered is not zero); a product none of
 * whose users has an event has no trend.
 */
import { oldestCoveredMonth, TREND_MONTHS, type TrendMonths } from '../model/months.js';
import { ROLE_STRENGTH } from '../model/roles.js';
import type { MonthCount } from '../model/usage.js';

const FAMILY = ROLE_STRENGTH.family;
const TEACHER = ROLE_STRENGTH.teacher;

/**
 * The trend of a product whose users (indices into `roles`) have the month
 * masks `months`; `runUnion` is the union of every mask of the run. Family
 * members are not seat users and are left out, as in every other figure.
 */
export function monthlyTrend(users: Int32Array, months: Uint16Array, roles: Uint8Array, runUnion: number, trend: TrendMonths): MonthCount[] | null {
  let any = 0;
  const active = new Float64Array(TREND_MONTHS);
  const teachers = new Float64Array(TREND_MONTHS);
  for (let k = 0; k < users.length; k++) {
    const m = months[k];
    if (m === 0) continue;
    any |= m;
    const role = roles[users[k]];
    if (role === FAMILY) continue;
    for (let b = 0; b < TREND_MONTHS; b++) {
      if ((m & (1 << b)) === 0) continue;
      active[b]++;
      if (role === TEACHER) teachers[b]++;
    }
  }
  if (any === 0) return null;
  const oldest = oldestCoveredMonth(runUnion);
  const labels = trend.monthsOldestFirst();
  return labels.map((month, i) => {
    const b = TREND_MONTHS - 1 - i; // months before as-of's month
    return b > oldest ? { month, activeUsers: null, activeTeachers: null } : { month, activeUsers: active[b], activeTeachers: teachers[b] };
  });
}
