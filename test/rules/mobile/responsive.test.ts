import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'mobile.responsive';

describe('mobile.responsive', () => {
  it('pass: responsive', () => {
    const { o, f } = run(R, 'responsive');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('responsive');
    expect(f.evidence).toMatchObject({ field: 'mobile.responsive', value: true });
    expect(f.source.line).toBe(lineOf(R, 'responsive', 'responsive:'));
  });

  it('pass: not responsive but both apps', () => {
    const { o, f } = run(R, 'both-apps');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('both-apps');
  });

  it('warn: only the iOS app', () => {
    const { o, f } = run(R, 'ios-only');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('one-app');
    expect(o.params).toEqual({ has: 'iOS', lacks: 'Android' });
    expect(f.evidence.field).toBe('mobile.android_app');
    expect(f.source.line).toBe(lineOf(R, 'ios-only', 'android_app'));
    expect(f.remediation).toBeTruthy();
  });

  it('warn: only the Android app (ios_app absent)', () => {
    const { o, f } = run(R, 'android-only');
    expect(f.status).toBe('warn');
    expect(o.params).toEqual({ has: 'Android', lacks: 'iOS' });
    expect(f.evidence.field).toBe('mobile.ios_app');
    // ios_app is absent: nearest present key above it
    expect(f.source.line).toBe(lineOf(R, 'android-only', 'mobile:'));
  });

  it('fail: neither responsive nor an app', () => {
    const { o, f } = run(R, 'neither');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('none');
    expect(f.evidence).toMatchObject({ field: 'mobile.responsive', value: false });
  });

  it('fail: an empty mobile block', () => {
    const { o, f } = run(R, 'empty-block');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('none');
    expect(f.evidence.value).toBeNull();
  });

  it('fail: no mobile block', () => {
    const { o, f } = run(R, 'no-block');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.source.line).toBe(1);
  });

  it('n/a: mobile.required false', () => {
    const { o, f } = run(R, 'no-block', { policy: { mobile: { required: false } } });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-not-required');
    expect(f.remediation).toBeNull();
  });

  it('waived (by rule id and by check name)', () => {
    const a = runWaived(R, 'no-block');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'ios-only', { by: 'mobile' });
    expectWaived(b.before, b.after);
  });
});
