import { dpaUrl, lawRule, stateDateWithinBusinessDays, subprocessors, text } from '../../packs.js';

/** law.il-soppa.posting — what the district posts for each operator: its business address, a copy of the agreement and its subcontractors (105 ILCS 85/27(a)(2)–(3)); posting within 10 business days of signing is known only from summaries, so it warns. */
export default lawRule({
  id: 'law.il-soppa.posting',
  pack: 'il-soppa',
  citation: '105 ILCS 85/27(a)(2)–(3)',
  items: [
    text('vendor_address', '105 ILCS 85/27(a)(2)'),
    dpaUrl('105 ILCS 85/27(a)(2)'),
    subprocessors('105 ILCS 85/27(a)(3)'),
    stateDateWithinBusinessDays('il-soppa', 'posted_on', 10, '105 ILCS 85/27(a)', 'warn'),
  ],
});
