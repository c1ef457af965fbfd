import rule from '../../../src/rules/mobile/responsive.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, [
  { name: 'responsive', fixture: 'responsive', status: 'pass', message: 'responsive', field: 'mobile.responsive', value: true, line: 'responsive:' },
  { name: 'not responsive but both apps', fixture: 'both-apps', status: 'pass', message: 'both-apps', field: 'mobile.ios_app', value: true },
  { name: 'only the iOS app', fixture: 'ios-only', status: 'warn', message: 'one-app', field: 'mobile.android_app', paramsEqual: { has: 'iOS', lacks: 'Android' }, line: 'android_app' },
  // ios_app is absent: the finding sits at the nearest present key above it
  { name: 'only the Android app (ios_app absent)', fixture: 'android-only', status: 'warn', message: 'one-app', field: 'mobile.ios_app', paramsEqual: { has: 'Android', lacks: 'iOS' }, line: 'mobile:' },
  { name: 'neither responsive nor an app', fixture: 'neither', status: 'fail', message: 'none', field: 'mobile.responsive', value: false },
  { name: 'an empty mobile block', fixture: 'empty-block', status: 'fail', message: 'none', field: 'mobile.responsive', value: null },
  { name: 'no mobile block', fixture: 'no-block', status: 'fail', message: 'not-provided', field: 'mobile', line: 1 },
  { name: 'mobile.required false', fixture: 'no-block', policy: { mobile: { required: false } }, status: 'n/a', message: 'na-not-required', field: 'mobile' },
]);
