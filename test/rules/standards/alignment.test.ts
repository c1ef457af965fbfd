import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'standards.alignment';

describe('standards.alignment', () => {
  it('pass: lists standards', () => {
    const { o, f } = run(R, 'aligned');
    expect(f.status).toBe('pass');
    expect(o.message).toBe('aligned');
    expect(f.evidence).toMatchObject({ field: 'standards', value: ['CCSS-M', 'TEKS'] });
    expect(f.source.line).toBe(lineOf(R, 'aligned', 'standards:'));
  });

  it('warn: an empty list, category not in required_for (the default [])', () => {
    const { o, f } = run(R, 'empty-list');
    expect(f.status).toBe('warn');
    expect(o.message).toBe('missing');
    expect(f.evidence.value).toEqual([]);
    expect(f.source.line).toBe(lineOf(R, 'empty-list', 'standards:'));
    expect(f.remediation).toBeTruthy();
  });

  it('warn: standards absent for an intervention', () => {
    const { f } = run(R, 'absent');
    expect(f.status).toBe('warn');
    expect(f.source.line).toBe(1);
  });

  it('fail: empty and the category is in required_for', () => {
    const { o, f } = run(R, 'empty-list', { policy: { standards: { required_for: ['supplemental'] } } });
    expect(f.status).toBe('fail');
    expect(o.message).toBe('required');
    expect(run(R, 'assessment-empty', { policy: { standards: { required_for: ['assessment', 'core'] } } }).f.status).toBe('fail');
    expect(run(R, 'assessment-empty', { policy: { standards: { required_for: ['core'] } } }).f.status).toBe('warn');
  });

  it('n/a: a productivity tool', () => {
    const { o, f } = run(R, 'productivity');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-category');
    expect(f.evidence).toMatchObject({ field: 'category', value: 'productivity' });
    expect(f.source.line).toBe(lineOf(R, 'productivity', 'category:'));
  });

  it('waived', () => {
    const a = runWaived(R, 'empty-list');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'empty-list', { by: 'standards', policy: { standards: { required_for: ['supplemental'] } } });
    expectWaived(b.before, b.after);
  });
});
