import { dataElements, lawRule, stateText, text } from '../../packs.js';

/** law.ut-sdpa.metadata-dictionary — the entry of the district's metadata dictionary for the product (Utah Code 53E-9-303(3)(b)); the justification and FERPA exception columns come from the USBE template, known only from summaries, and warn. */
export default lawRule({
  id: 'law.ut-sdpa.metadata-dictionary',
  pack: 'ut-sdpa',
  citation: 'Utah Code 53E-9-303(3)(b)',
  items: [
    dataElements('Utah Code 53E-9-303(3)(b)'),
    text('purpose', 'Utah Code 53E-9-303(3)(b)'),
    stateText('ut-sdpa', 'justification', 'Utah Code 53E-9-303(3)(b) (USBE template)', 'warn'),
    stateText('ut-sdpa', 'ferpa_exception', 'Utah Code 53E-9-303(3)(b) (USBE template)', 'warn'),
  ],
});
