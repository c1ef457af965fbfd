import { dpaDate, dpaSigned, lawRule } from '../../packs.js';

/** law.il-soppa.written-agreement — a written agreement signed before student data is transferred; a click-wrap agreement counts (105 ILCS 85/15(4)). */
export default lawRule({
  id: 'law.il-soppa.written-agreement',
  pack: 'il-soppa',
  citation: '105 ILCS 85/15(4)',
  items: [
    dpaSigned('105 ILCS 85/15(4)'),
    dpaDate('signed_on', '105 ILCS 85/15(4)'),
  ],
});
