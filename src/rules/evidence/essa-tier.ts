import { yearOf } from '../../model/date-math.js';
import { defineRule, outcome } from '../define.js';

/** evidence.essa-tier — ESSA evidence at or above the strictest tier the policy, category and funding demand. */
export default defineRule({
  id: 'evidence.essa-tier',
  check: 'evidence',
  kind: 'vetting',
  messages: { 'not-provided': 'fail', 'too-weak': 'fail', 'no-source': 'warn', 'old-study': 'warn', meets: 'pass' },
  evaluate(p, { policy, asOf }) {
    const m = p.manifest;
    let max = policy.evidence.max_tier;
    let setBy = 'the district policy';
    const byCat = policy.evidence.max_tier_by_category[m.category];
    if (byCat !== undefined && byCat < max) {
      max = byCat;
      setBy = `the ${m.category} category`;
    }
    for (const src of m.funding_sources ?? []) {
      const t = policy.evidence.max_tier_by_funding[src];
      if (t !== undefined && t < max) {
        max = t;
        setBy = `funding source ${src}`;
      }
    }
    const tier = m.evidence?.essa_tier;
    const expected = `tier <= ${max}`;
    if (tier === null || tier === undefined) return outcome('fail', 'not-provided', { field: 'evidence.essa_tier', value: null, expected }, { max, set_by: setBy });
    if (tier > max) return outcome('fail', 'too-weak', { field: 'evidence.essa_tier', value: tier, expected }, { tier, max, set_by: setBy });
    if (!m.evidence?.source) return outcome('warn', 'no-source', { field: 'evidence.source', value: null, expected: 'a link to the study or logic model' }, { tier });
    const maxAge = policy.evidence.max_study_age_years;
    const year = m.evidence.study_year;
    if (maxAge !== null && year !== null && year !== undefined && yearOf(asOf) - year > maxAge) {
      return outcome('warn', 'old-study', { field: 'evidence.study_year', value: year, expected: `no older than ${maxAge} years` }, { tier, year, max_age: maxAge });
    }
    return outcome('pass', 'meets', { field: 'evidence.essa_tier', value: tier, expected }, { tier, max });
  },
});
