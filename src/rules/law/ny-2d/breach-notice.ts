import { clauseDays, lawRule } from '../../packs.js';

/** law.ny-2d.breach-notice — the vendor notifies the district of a breach within seven calendar days of discovery (8 NYCRR 121.10(a)). */
export default lawRule({
  id: 'law.ny-2d.breach-notice',
  pack: 'ny-2d',
  citation: '8 NYCRR 121.10(a)',
  items: [
    clauseDays('breach_notice_days', '8 NYCRR 121.10(a)', 7),
  ],
});
