import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'sso.integration';

describe('sso.integration', () => {
  it('pass: an accepted provider (names lowercased)', () => {
    const { o, f } = run(R, 'provider');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('provider');
    expect(o.params).toEqual({ provider: 'clever' });
    expect(f.evidence).toMatchObject({ field: 'sso.providers', value: ['clever', 'schoology'] });
    expect(f.source.line).toBe(lineOf(R, 'provider', 'providers'));
  });

  it('pass: an accepted protocol without an accepted provider', () => {
    const { o, f } = run(R, 'protocol-only');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('protocol');
    expect(o.params).toEqual({ protocol: 'saml' });
    expect(f.evidence.field).toBe('sso.protocols');
  });

  it('fail: neither provider nor protocol accepted', () => {
    const { o, f } = run(R, 'unsupported');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('unsupported');
    expect(f.evidence).toMatchObject({ field: 'sso.providers', value: ['schoology'] });
    expect(f.remediation).toBeTruthy();
  });

  it('the policy lists decide: accepting schoology passes', () => {
    expect(run(R, 'unsupported', { policy: { sso: { accepted_providers: ['schoology'] } } }).f.status).toBe('pass');
    // lists replace the default list: clever is no longer accepted, saml still is
    const r = run(R, 'provider', { policy: { sso: { accepted_providers: ['google'], accepted_protocols: [] } } });
    expect(r.f.status).toBe('fail');
  });

  it('fail: no sso block is not provided', () => {
    const { o, f } = run(R, 'not-provided');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence).toMatchObject({ field: 'sso', value: null });
    expect(f.source.line).toBe(1);
  });

  it('fail: empty lists are not provided', () => {
    const { o, f } = run(R, 'empty-lists');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    // the field is present: its value (the block mapping) starts on the next line
    expect(f.source.line).toBe(lineOf(R, 'empty-lists', 'protocols'));
  });

  it('waived (by rule and by check name)', () => {
    const a = runWaived(R, 'unsupported');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'not-provided', { by: 'sso' });
    expectWaived(b.before, b.after);
  });
});
