import { daysBetween } from '../../../model/date-math.js';
import { defineRule, outcome } from '../../define.js';
import { lawPreconditions } from '../../packs.js';

const CITE = 'Ohio R.C. 3319.326(G)';
const ROLE = 'privacy.state.oh-sb29.role';
const NOTIFIED = 'privacy.state.oh-sb29.notified_on';

/** The latest August 1 on or before `asOf`. */
function latestAugust1(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const d = `${y}-08-01`;
  return asOf >= d ? d : `${y - 1}-08-01`;
}

const plusYears = (iso: string, n: number) => `${Number(iso.slice(0, 4)) + n}${iso.slice(4)}`;

/**
 * law.oh-sb29.annual-notice — by August 1 each year the district tells
 * parents which curriculum, testing and assessment providers hold their
 * children's records (Ohio R.C. 3319.326(G)). D is the latest August 1 on or
 * before as-of: a product deployed by D (or with no deployment date) needs a
 * notice after D − 1 year; the next one is due by D + 1 year and warns within
 * `privacy.notice_warn_days` while not yet sent. A product deployed after D
 * owes its first notice by D + 1 year. Only the latest date is kept, so a
 * late notice passes like an early one (privacy-laws.md §3, "Ohio notice").
 */
export default defineRule({
  id: 'law.oh-sb29.annual-notice',
  check: 'privacy',
  kind: 'vetting',
  messages: {
    'na-not-applicable': 'n/a',
    'na-no-student-data': 'n/a',
    'na-other-role': 'n/a',
    'no-role': 'fail',
    'not-notified': 'fail',
    'due-soon': 'warn',
    'first-due-soon': 'warn',
    notified: 'pass',
    'first-notice-due': 'pass',
  },
  enabled: (policy) => policy.privacy.state_laws.includes('oh-sb29'),
  evaluate(p, { policy, asOf }) {
    const pre = lawPreconditions(p, 'oh-sb29', CITE);
    if (pre) return pre as never;
    const block = p.manifest.privacy?.state?.['oh-sb29'];
    const role = block?.role ?? null;
    if (role === null) return outcome('fail', 'no-role', { field: ROLE, value: null, expected: 'curriculum, testing, assessment or other', more: { citation: CITE, missing: ['state.role'] } }, { citation: CITE });
    if (role === 'other') return outcome('n/a', 'na-other-role', { field: ROLE, value: 'other', expected: 'curriculum, testing or assessment', more: { citation: CITE, missing: [] } }, { citation: CITE });
    const d = latestAugust1(asOf);
    const next = plusYears(d, 1);
    const notified = block?.notified_on ?? null;
    const deployed = p.manifest.deployed_on ?? null;
    const daysToNext = daysBetween(asOf, next);
    const window = policy.privacy.notice_warn_days;
    const params = { citation: CITE, since: plusYears(d, -1), deadline: d, next, days: daysToNext, notified_on: notified ?? 'never' };
    const ok = (missing: string[]) => ({ citation: CITE, missing });
    if ((notified === null || notified <= plusYears(d, -1)) && (deployed === null || deployed <= d)) {
      return outcome('fail', 'not-notified', { field: NOTIFIED, value: notified, expected: `a notice after ${plusYears(d, -1)} (due by ${d})`, more: ok(['state.notified_on']) }, params);
    }
    if (deployed !== null && deployed > d && (notified === null || notified <= d)) {
      // Why: deployed after this year's August 1, its first notice is due by the next one (privacy-laws.md, "Decided details").
      const evidence = { field: NOTIFIED, value: notified, expected: `a first notice by ${next}`, more: ok(daysToNext <= window ? ['state.notified_on'] : []) };
      return daysToNext <= window ? outcome('warn', 'first-due-soon', evidence, params) : outcome('pass', 'first-notice-due', evidence, params);
    }
    const evidence = { field: NOTIFIED, value: notified, expected: `a notice after ${plusYears(d, -1)}; the next by ${next}`, more: ok(daysToNext <= window && notified! <= d ? ['state.notified_on'] : []) };
    if (daysToNext <= window && notified! <= d) return outcome('warn', 'due-soon', evidence, params);
    return outcome('pass', 'notified', evidence, params);
  },
});
