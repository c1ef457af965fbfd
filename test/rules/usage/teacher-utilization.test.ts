import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived, usageInput } from '../helpers.js';

const R = 'usage.teacher-utilization';
const use = (teachersWithAccess: number | null, semesterActiveTeachers: number | null, inUseForSemester = true) =>
  usageInput({ teachersWithAccess, semesterActiveTeachers, inUseForSemester });

describe('usage.teacher-utilization', () => {
  it('pass: utilization at the minimum (3 of 10 = 0.30)', () => {
    const { o, f } = run(R, 'active-deployed', { usage: use(10, 3) });
    expect(f.status).toBe('pass');
    expect(o.message).toBe('meets');
    expect(o.params).toMatchObject({ active: 3, total: 10, pct: 30, min_pct: 30, days: 90 });
    expect(f.evidence.value).toBe(0.3);
  });

  it('fail: below the minimum is a sunset candidate', () => {
    const { o, f } = run(R, 'active-deployed', { usage: use(20, 5) });
    expect(f.status).toBe('fail');
    expect(o.message).toBe('below');
    expect(o.params).toMatchObject({ active: 5, total: 20, pct: 25 });
    expect(f.evidence).toMatchObject({ field: 'deployed_on', value: 0.25 });
    expect(f.source.line).toBe(lineOf(R, 'active-deployed', 'deployed_on:'));
    expect(f.remediation).toBeTruthy();
    expect(run(R, 'active-deployed', { usage: use(20, 5), policy: { usage: { teacher_utilization_min: 0.25 } } }).f.status).toBe('pass');
  });

  it('utilization rounded to 4 places in the evidence', () => {
    const { f } = run(R, 'active-deployed', { usage: use(3, 1) });
    expect(f.evidence.value).toBe(0.3333);
    expect(f.status).toBe('pass');
  });

  it('warn: teachers with access unknown', () => {
    const { o, f } = run(R, 'active-deployed', { usage: use(null, null) });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('unknown');
  });

  it('warn: zero teachers with access', () => {
    const { o, f } = run(R, 'with-schools', { usage: use(0, 0) });
    expect(f.status).toBe('warn');
    expect(o.message).toBe('zero');
    expect(f.evidence.field).toBe('schools');
    expect(f.source.line).toBe(lineOf(R, 'with-schools', 'schools:'));
  });

  it('n/a: not in use for a semester yet', () => {
    const { o, f } = run(R, 'active-deployed', { usage: use(10, 0, false) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-too-new');
  });

  it('n/a: status not active', () => {
    const { o, f } = run(R, 'pilot', { usage: use(10, 0) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-status');
  });

  it('n/a: teachers are not in the audience', () => {
    const { o, f } = run(R, 'students-only', { usage: use(10, 0) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-audience');
  });

  it('n/a: no deployed_on', () => {
    const { o, f } = run(R, 'no-deployed', { usage: use(10, 0) });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-deployed');
  });

  it('n/a: no usage export', () => {
    const { o, f } = run(R, 'active-deployed', { usage: null });
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-no-usage');
  });

  it('waived', () => {
    const a = runWaived(R, 'active-deployed', { usage: use(20, 1) });
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'active-deployed', { usage: use(null, null), by: 'usage' });
    expectWaived(b.before, b.after);
  });
});
