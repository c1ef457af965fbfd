import { clause, custom, lawRule, term } from '../../packs.js';

/** law.ct-sdpa.contract-terms — the ten provisions of a contract with a contractor (Conn. Gen. Stat. 10-234bb(a)(1)–(10)). */
export default lawRule({
  id: 'law.ct-sdpa.contract-terms',
  pack: 'ct-sdpa',
  citation: 'Conn. Gen. Stat. 10-234bb(a)',
  items: [
    clause('data_property_of_district', 'Conn. Gen. Stat. 10-234bb(a)(1)'),
    clause('deletion_on_request', 'Conn. Gen. Stat. 10-234bb(a)(2)'),
    clause('use_limited_to_contract', 'Conn. Gen. Stat. 10-234bb(a)(3)'),
    clause('parent_review_correction', 'Conn. Gen. Stat. 10-234bb(a)(4)'),
    clause('security_measures', 'Conn. Gen. Stat. 10-234bb(a)(5)'),
    clause('breach_notification', 'Conn. Gen. Stat. 10-234bb(a)(6)'),
    clause('no_retention_after_contract', 'Conn. Gen. Stat. 10-234bb(a)(7)'),
    clause('ferpa_compliance', 'Conn. Gen. Stat. 10-234bb(a)(8)'),
    custom(term('governing_law'), 'Conn. Gen. Stat. 10-234bb(a)(9)', (v) => (v === 'CT' ? null : { value: v ?? null, expected: 'CT' })),
    clause('severability', 'Conn. Gen. Stat. 10-234bb(a)(10)'),
  ],
});
