import { clauseDays, lawRule, stateDateWithinBusinessDays } from '../../packs.js';

/** law.ct-sdpa.notices — the breach notice within 30 days and the notice to students and parents within five business days of signing, known only from summaries (10-234cc and 10-234dd were not read): every gap warns. */
export default lawRule({
  id: 'law.ct-sdpa.notices',
  pack: 'ct-sdpa',
  citation: 'Conn. Gen. Stat. 10-234bb to 10-234dd',
  items: [
    clauseDays('breach_notice_days', 'Conn. Gen. Stat. 10-234dd', 30, 'warn'),
    stateDateWithinBusinessDays('ct-sdpa', 'notified_on', 5, 'Conn. Gen. Stat. 10-234bb', 'warn'),
  ],
});
