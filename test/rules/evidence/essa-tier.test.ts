import rule from '../../../src/rules/evidence/essa-tier.js';
import { ruleTester } from '../rule-tester.js';

const TIER = 'evidence.essa_tier';

ruleTester(rule, [
  { name: 'tier 2 with a source', fixture: 'tier-2-with-source', status: 'pass', message: 'meets', field: TIER, value: 2, params: { tier: 2, max: 4 }, line: 'essa_tier' },
  { name: 'tier null', fixture: 'tier-null', status: 'fail', message: 'not-provided', field: TIER, value: null, line: 'essa_tier' },
  { name: 'no evidence block', fixture: 'no-evidence', status: 'fail', message: 'not-provided', field: TIER, line: 1 },
  {
    name: 'tier 4 for an intervention: the category sets the maximum (3) and the message names it',
    fixture: 'intervention-tier-4',
    status: 'fail',
    message: 'too-weak',
    field: TIER,
    value: 4,
    expected: 'tier <= 3',
    params: { tier: 4, max: 3, set_by: 'the intervention category' },
  },
  { name: 'tier 4 paid by title-i-1003: the funding source sets the maximum', fixture: 'funding-tier-4', status: 'fail', message: 'too-weak', field: TIER, params: { tier: 4, max: 3, set_by: 'funding source title-i-1003' } },
  { name: 'tier 3 within the funding source maximum', fixture: 'funding-tier-3', status: 'pass', message: 'meets', field: TIER },
  {
    name: 'the strictest maximum wins: a funding source stricter than the category',
    fixture: 'funding-tier-3',
    policy: { evidence: { max_tier_by_funding: { 'title-i-1003': 2 } } },
    status: 'fail',
    message: 'too-weak',
    field: TIER,
    params: { max: 2, set_by: 'funding source title-i-1003' },
  },
  // adding a supplemental entry keeps the default intervention: 3
  { name: 'max_tier_by_category merges with the defaults key by key', fixture: 'intervention-tier-4', policy: { evidence: { max_tier_by_category: { supplemental: 2 } } }, status: 'fail', message: 'too-weak', field: TIER, params: { max: 3 } },
  { name: 'the policy max_tier applies to every product', fixture: 'tier-2-with-source', policy: { evidence: { max_tier: 1 } }, status: 'fail', message: 'too-weak', field: TIER, params: { max: 1, set_by: 'the district policy' } },
  { name: 'acceptable tier without a source', fixture: 'no-source', status: 'warn', message: 'no-source', field: 'evidence.source', value: null, line: 'evidence:' },
  { name: 'an old study with max_study_age_years null (the default: no limit)', fixture: 'old-study', status: 'pass', message: 'meets', field: TIER },
  { name: 'a study older than max_study_age_years', fixture: 'old-study', policy: { evidence: { max_study_age_years: 10 } }, status: 'warn', message: 'old-study', field: 'evidence.study_year', value: 2009, line: 'study_year' },
]);
