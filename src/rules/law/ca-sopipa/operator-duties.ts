import { clause, lawRule, no } from '../../packs.js';

/** law.ca-sopipa.operator-duties — no targeted advertising, no profiles for non-school purposes, no sale of student data; reasonable security and deletion on the district's request (Cal. Bus. & Prof. Code §22584). */
export default lawRule({
  id: 'law.ca-sopipa.operator-duties',
  pack: 'ca-sopipa',
  citation: 'Cal. Bus. & Prof. Code §22584',
  items: [
    no('targeted_ads', 'Cal. Bus. & Prof. Code §22584'),
    no('profiling', 'Cal. Bus. & Prof. Code §22584'),
    no('sells_data', 'Cal. Bus. & Prof. Code §22584'),
    clause('security_measures', 'Cal. Bus. & Prof. Code §22584'),
    clause('deletion_on_request', 'Cal. Bus. & Prof. Code §22584'),
  ],
});
