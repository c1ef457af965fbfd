import { defineRule, outcome } from '../define.js';

/** mobile.responsive — students can use it on a phone: a responsive site, or apps on both platforms. */
export default defineRule({
  id: 'mobile.responsive',
  check: 'mobile',
  kind: 'vetting',
  messages: { 'na-not-required': 'n/a', 'not-provided': 'fail', responsive: 'pass', 'both-apps': 'pass', 'one-app': 'warn', none: 'fail' },
  evaluate(p, { policy }) {
    const mob = p.manifest.mobile;
    const expected = 'responsive: true, or both ios_app and android_app';
    if (!policy.mobile.required) return outcome('n/a', 'na-not-required', { field: 'mobile', value: mob ?? null, expected: 'not required' });
    if (!mob) return outcome('fail', 'not-provided', { field: 'mobile', value: null, expected });
    if (mob.responsive === true) return outcome('pass', 'responsive', { field: 'mobile.responsive', value: true, expected });
    if (mob.ios_app === true && mob.android_app === true) return outcome('pass', 'both-apps', { field: 'mobile.ios_app', value: true, expected });
    if (mob.ios_app === true || mob.android_app === true) {
      const has = mob.ios_app === true ? 'iOS' : 'Android';
      const lacks = mob.ios_app === true ? 'Android' : 'iOS';
      return outcome('warn', 'one-app', { field: mob.ios_app === true ? 'mobile.android_app' : 'mobile.ios_app', value: false, expected }, { has, lacks });
    }
    return outcome('fail', 'none', { field: 'mobile.responsive', value: mob.responsive ?? null, expected });
  },
});
