import { clause, custom, lawRule, term } from '../../packs.js';

/** law.ca-sopipa.contract-terms — the nine terms a contract for digital services must contain (Cal. Educ. Code §49073.1(b)(1)–(9)); the transfer of pupil-generated content only when the product holds student work. */
export default lawRule({
  id: 'law.ca-sopipa.contract-terms',
  pack: 'ca-sopipa',
  citation: 'Cal. Educ. Code §49073.1(b)',
  items: [
    clause('data_property_of_district', 'Cal. Educ. Code §49073.1(b)(1)'),
    custom(term('pupil_content_transfer'), 'Cal. Educ. Code §49073.1(b)(2)', (v, p) => (!(p.manifest.privacy?.data_elements ?? []).includes('student-work') || v === true ? null : { value: v ?? null, expected: true })),
    clause('use_limited_to_contract', 'Cal. Educ. Code §49073.1(b)(3)'),
    clause('parent_review_correction', 'Cal. Educ. Code §49073.1(b)(4)'),
    clause('security_measures', 'Cal. Educ. Code §49073.1(b)(5)'),
    clause('breach_notification', 'Cal. Educ. Code §49073.1(b)(6)'),
    clause('no_retention_after_contract', 'Cal. Educ. Code §49073.1(b)(7)'),
    clause('ferpa_compliance', 'Cal. Educ. Code §49073.1(b)(8)'),
    clause('no_targeted_ads', 'Cal. Educ. Code §49073.1(b)(9)'),
  ],
});
