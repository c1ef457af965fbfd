import { clause, clauseDays, dataElements, lawRule, no, text } from '../../packs.js';

/** law.co-sdtsa.contract-terms — a contract provider's contract includes the duties of C.R.S. 22-16-108 to -110 (22-16-107(2)(a)); -110 (security program, destruction) is known only from summaries, so it warns. n/a for an on-demand provider. */
export default lawRule({
  id: 'law.co-sdtsa.contract-terms',
  pack: 'co-sdtsa',
  citation: 'C.R.S. 22-16-107(2)(a)',
  items: [
    dataElements('C.R.S. 22-16-108(1)'),
    text('purpose', 'C.R.S. 22-16-108(1)'),
    clause('material_change_notice', 'C.R.S. 22-16-108(2)'),
    clause('parent_review_correction', 'C.R.S. 22-16-108(3)'),
    clause('breach_notification', 'C.R.S. 22-16-108(4)'),
    clause('use_limited_to_contract', 'C.R.S. 22-16-109(1)'),
    no('sells_data', 'C.R.S. 22-16-109(2)'),
    no('targeted_ads', 'C.R.S. 22-16-109(2)'),
    no('profiling', 'C.R.S. 22-16-109(2)'),
    clause('security_measures', 'C.R.S. 22-16-110', 'warn'),
    clauseDays('deletion_days', 'C.R.S. 22-16-110', null, 'warn'),
  ],
  // Why: 22-16-107(2)(a) binds contract providers; an on-demand provider (click-through terms) is listed apart.
  notRequired: (p) =>
    p.manifest.privacy?.state?.['co-sdtsa']?.provider === 'on-demand' ? { field: 'privacy.state.co-sdtsa.provider', value: 'on-demand', why: 'an on-demand provider, not a contract provider' } : null,
});
