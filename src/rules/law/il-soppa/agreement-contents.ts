import { clause, dataElements, lawRule, text } from '../../packs.js';

/** law.il-soppa.agreement-contents — what the written agreement must say (105 ILCS 85/15(4)(A)–(D)). */
export default lawRule({
  id: 'law.il-soppa.agreement-contents',
  pack: 'il-soppa',
  citation: '105 ILCS 85/15(4)(A)–(D)',
  items: [
    dataElements('105 ILCS 85/15(4)(A)'),
    text('purpose', '105 ILCS 85/15(4)(B)'),
    clause('ferpa_school_official', '105 ILCS 85/15(4)(C)'),
    clause('breach_cost_allocation', '105 ILCS 85/15(4)(D)'),
  ],
});
