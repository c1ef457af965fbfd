import { clause, lawRule, text } from '../../packs.js';

/** law.il-soppa.operator-duties — the operator's duties: reasonable security, deletion on the district's request, a public privacy policy (105 ILCS 85/15(1)–(3)). */
export default lawRule({
  id: 'law.il-soppa.operator-duties',
  pack: 'il-soppa',
  citation: '105 ILCS 85/15(1)–(3)',
  items: [
    clause('security_measures', '105 ILCS 85/15(1)'),
    clause('deletion_on_request', '105 ILCS 85/15(2)'),
    text('policy_url', '105 ILCS 85/15(3)'),
  ],
});
