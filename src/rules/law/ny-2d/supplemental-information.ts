import { clause, clauseDays, dpaDate, lawRule, storage, text } from '../../packs.js';

/** law.ny-2d.supplemental-information — the six items of supplemental information each contract carries (8 NYCRR 121.3(c)(1)–(6)). */
export default lawRule({
  id: 'law.ny-2d.supplemental-information',
  pack: 'ny-2d',
  citation: '8 NYCRR 121.3(c)',
  items: [
    text('purpose', '8 NYCRR 121.3(c)(1)'),
    clause('subprocessors_bound', '8 NYCRR 121.3(c)(2)'),
    dpaDate('expires_on', '8 NYCRR 121.3(c)(3)'),
    clauseDays('deletion_days', '8 NYCRR 121.3(c)(3)', null),
    clause('parent_review_correction', '8 NYCRR 121.3(c)(4)'),
    storage('location', '8 NYCRR 121.3(c)(5)'),
    storage('encrypted_in_transit', '8 NYCRR 121.3(c)(6)'),
    storage('encrypted_at_rest', '8 NYCRR 121.3(c)(6)'),
  ],
});
