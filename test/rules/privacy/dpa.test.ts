import { describe, expect, it } from 'vitest';
import { columnOf, expectWaived, fixtureRel, lineOf, run, runWaived } from '../helpers.js';

const R = 'privacy.dpa';

describe('privacy.dpa', () => {
  it('pass: signed and in force', () => {
    const { o, f } = run(R, 'in-force');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('in-force');
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.expires_on', value: '2028-06-30' });
    expect(f.source).toEqual({ file: fixtureRel(R, 'in-force'), line: lineOf(R, 'in-force', 'expires_on'), column: columnOf(R, 'in-force', '2028-06-30') });
    expect(f.remediation).toBeNull();
    expect(f.check).toBe('privacy');
  });

  it('pass: signed with no end date', () => {
    const { o, f } = run(R, 'signed-open');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('signed-open');
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.signed', value: true });
  });

  it('warn: expires exactly dpa_expiry_warn_days (90) after as-of', () => {
    // 2026-11-23 + 90 days = 2027-02-21
    const { o, f } = run(R, 'expiring', { asOf: '2026-11-23' });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('expiring');
    expect(o.params).toMatchObject({ days: 90, expires_on: '2027-02-21' });
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.expires_on', value: '2027-02-21' });
    expect(f.source.line).toBe(lineOf(R, 'expiring', 'expires_on'));
    expect(f.remediation).toBeTruthy();
  });

  it('pass: one day outside the warn window (91 days)', () => {
    expect(run(R, 'expiring', { asOf: '2026-11-22' }).f.status).toBe('pass');
  });

  it('the warn window follows the policy', () => {
    expect(run(R, 'expiring', { policy: { privacy: { dpa_expiry_warn_days: 89 } } }).f.status).toBe('pass');
    expect(run(R, 'in-force', { policy: { privacy: { dpa_expiry_warn_days: 1000 } } }).f.status).toBe('warn');
  });

  it('warn, not fail: expires on the as-of day itself (expires_on < as-of is the fail)', () => {
    const { o, f } = run(R, 'expiring', { asOf: '2027-02-21' });
    expect(f.status).toBe('warn');
    expect(o.params).toMatchObject({ days: 0 });
  });

  it('fail: expired (expires_on before as-of)', () => {
    const { o, f } = run(R, 'expired');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('expired');
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.expires_on', value: '2026-06-30' });
    expect(f.source.line).toBe(lineOf(R, 'expired', 'expires_on'));
    expect(f.remediation).toBeTruthy();
  });

  it('fail: expired the day before as-of', () => {
    expect(run(R, 'expired', { asOf: '2026-07-01' }).f.status).toBe('fail');
    expect(run(R, 'expired', { asOf: '2026-06-30' }).f.status).toBe('warn');
  });

  it('fail: not signed', () => {
    const { o, f } = run(R, 'not-signed');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-signed');
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.signed', value: false });
    expect(f.source.line).toBe(lineOf(R, 'not-signed', 'signed:'));
  });

  it('fail: no privacy block at all is "not provided", located at the document start', () => {
    const { o, f } = run(R, 'no-privacy');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence).toMatchObject({ field: 'privacy.dpa.signed', value: null });
    expect(f.source).toMatchObject({ file: fixtureRel(R, 'no-privacy'), line: 1, column: 1 });
  });

  it('fail: `signed` absent is not provided (never false), located at the nearest present key', () => {
    const { o, f } = run(R, 'signed-absent');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.value).toBeNull();
    expect(f.source.line).toBe(lineOf(R, 'signed-absent', 'dpa:'));
  });

  it('fail: `signed: null` is not provided', () => {
    const { o, f } = run(R, 'signed-null');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
  });

  it('waived: a current waiver turns the fail into waived', () => {
    const { before, after } = runWaived(R, 'expired');
    expectWaived(before, after);
  });

  it('waived by the check name `privacy`', () => {
    const { before, after } = runWaived(R, 'expiring', { by: 'privacy' });
    expectWaived(before, after);
  });

  it('an expired waiver keeps the status and notes that it expired', () => {
    const { after } = runWaived(R, 'expired', { expiresOn: '2026-11-22' });
    expect(after.status).toBe('fail');
    expect(after.waiver).toMatchObject({ expired: true, expiresOn: '2026-11-22' });
  });

  it('a waiver expiring on the as-of day still applies', () => {
    const { after } = runWaived(R, 'expired', { expiresOn: '2026-11-23' });
    expect(after.status).toBe('waived');
  });

  it('a waiver leaves a pass alone', () => {
    const { after } = runWaived(R, 'in-force');
    expect(after.status).toBe('pass');
    expect(after.waiver).toBeNull();
  });
});
