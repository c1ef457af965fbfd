import { defineRule, hasStudents, outcome } from '../define.js';

/** privacy.data-use — the vendor neither sells student data nor targets ads at students. */
export default defineRule({
  id: 'privacy.data-use',
  check: 'privacy',
  kind: 'vetting',
  messages: { 'na-no-students': 'n/a', 'sells-data': 'fail', 'targeted-ads': 'fail', 'not-stated': 'warn', allowed: 'pass', clean: 'pass' },
  evaluate(p, { policy }) {
    if (!hasStudents(p)) return outcome('n/a', 'na-no-students', { field: 'audience', value: p.manifest.audience, expected: 'students' });
    const pr = p.manifest.privacy;
    const sells = pr?.sells_data;
    const ads = pr?.targeted_ads;
    if (sells === true && policy.privacy.forbid_data_sale) return outcome('fail', 'sells-data', { field: 'privacy.sells_data', value: true, expected: false });
    if (ads === true && policy.privacy.forbid_targeted_ads) return outcome('fail', 'targeted-ads', { field: 'privacy.targeted_ads', value: true, expected: false });
    if (sells === null || sells === undefined) return outcome('warn', 'not-stated', { field: 'privacy.sells_data', value: null, expected: false }, { what: 'whether it sells student data' });
    if (ads === null || ads === undefined) return outcome('warn', 'not-stated', { field: 'privacy.targeted_ads', value: null, expected: false }, { what: 'whether it shows targeted ads to students' });
    if (sells || ads) return outcome('pass', 'allowed', { field: sells ? 'privacy.sells_data' : 'privacy.targeted_ads', value: true, expected: 'allowed by the policy' });
    return outcome('pass', 'clean', { field: 'privacy.sells_data', value: false, expected: false });
  },
});
