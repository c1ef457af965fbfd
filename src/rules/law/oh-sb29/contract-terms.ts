import { clause, clauseDays, lawRule, no } from '../../packs.js';

/** law.oh-sb29.contract-terms — the contract terms Ohio R.C. 3319.326 asks of a technology provider, known only from summaries: every gap warns. */
export default lawRule({
  id: 'law.oh-sb29.contract-terms',
  pack: 'oh-sb29',
  citation: 'Ohio R.C. 3319.326',
  items: [
    clause('data_property_of_district', 'Ohio R.C. 3319.326', 'warn'),
    no('sells_data', 'Ohio R.C. 3319.326', 'warn'),
    clause('security_measures', 'Ohio R.C. 3319.326', 'warn'),
    clause('breach_notification', 'Ohio R.C. 3319.326', 'warn'),
    clauseDays('deletion_days', 'Ohio R.C. 3319.326', 90, 'warn'),
  ],
});
