import { clause, lawRule, no } from '../../packs.js';

/** law.tx-ed-32.operator-duties — no targeted advertising, no profiles for non-school purposes, no sale of student data (Tex. Educ. Code 32.152(a)); reasonable security procedures (32.155(a)). */
export default lawRule({
  id: 'law.tx-ed-32.operator-duties',
  pack: 'tx-ed-32',
  citation: 'Tex. Educ. Code 32.152(a), 32.155(a)',
  items: [
    no('targeted_ads', 'Tex. Educ. Code 32.152(a)'),
    no('profiling', 'Tex. Educ. Code 32.152(a)'),
    no('sells_data', 'Tex. Educ. Code 32.152(a)'),
    clause('security_measures', 'Tex. Educ. Code 32.155(a)'),
  ],
});
