import { describe, expect, it } from 'vitest';
import { expectWaived, lineOf, run, runWaived } from '../helpers.js';

const R = 'cost.per-student';

describe('cost.per-student', () => {
  it('pass: per_student without students_covered costs its unit price', () => {
    const { o, f, product } = run(R, 'per-student-under');
    expect(product.costPerStudent).toBe(350); // cents
    expect(f.status).toBe('pass');
    expect(o.message).toBe('under-cap');
    expect(f.evidence).toMatchObject({ field: 'cost', value: 3.5 });
    expect(f.source.line).toBe(lineOf(R, 'per-student-under', 'model'));
  });

  it('pass: exactly at the cap (≤ max_per_student)', () => {
    const { f } = run(R, 'at-cap');
    expect(f.status).toBe('pass');
    expect(f.evidence.value).toBe(5);
  });

  it('fail: per_seat unit price above the cap', () => {
    const { o, f } = run(R, 'per-seat-over');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('over-cap');
    expect(f.evidence.value).toBe(6.25);
    expect(f.remediation).toBeTruthy();
    expect(run(R, 'per-seat-over', { policy: { cost: { max_per_student: 7 } } }).f.status).toBe('pass');
  });

  it('pass: a site license with students_covered divides annual_total by it', () => {
    const { f, product } = run(R, 'site-license-covered');
    expect(product.annualCost).toBe(1_000_000); // cents
    expect(product.costPerStudent).toBe(400);
    expect(f.status).toBe('pass');
    expect(f.evidence.value).toBe(4);
  });

  it('fail: a site license above the cap, value rounded to cents', () => {
    const { f } = run(R, 'site-license-over');
    expect(f.status).toBe('fail');
    expect(f.evidence.value).toBe(6.67); // 12000 / 1800
  });

  it('fail "not provided": a site license without students_covered (seats do not count)', () => {
    const { o, f, product } = run(R, 'site-license-no-students');
    expect(product.costPerStudent).toBeNull();
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence).toMatchObject({ field: 'cost.students_covered', value: null });
    expect(f.source.line).toBe(lineOf(R, 'site-license-no-students', 'cost:'));
  });

  it('fail "not provided": per_teacher without students_covered', () => {
    const { o, f } = run(R, 'per-teacher-no-students');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence.value).toBeNull();
  });

  it('per_teacher with students_covered: annual cost ÷ students', () => {
    const { f } = run(R, 'per-teacher-covered');
    expect(f.status).toBe('pass');
    expect(f.evidence.value).toBe(2); // 40 × 100 / 2000
  });

  it('pass: free costs 0', () => {
    const { f } = run(R, 'free');
    expect(f.status).toBe('pass');
    expect(f.evidence.value).toBe(0);
  });

  it('fail: no cost block at all', () => {
    const { o, f } = run(R, 'no-cost');
    expect(f.status).toBe('fail');
    expect(o.message).toBe('not-provided');
    expect(f.evidence).toMatchObject({ field: 'cost', value: null });
    expect(f.source.line).toBe(1);
  });

  it('n/a: category not in cost.applies_to, reason given', () => {
    const { o, f } = run(R, 'core-category');
    expect(f.status).toBe('n/a');
    expect(o.message).toBe('na-category');
    expect(o.params).toMatchObject({ category: 'core', cost: '$22.00' });
    expect(f.remediation).toBeNull();
    expect(run(R, 'core-category', { policy: { cost: { applies_to: ['core'] } } }).f.status).toBe('fail');
  });

  it('n/a still reports the computed cost per student in its evidence (rules.md)', () => {
    const { f } = run(R, 'core-category');
    expect(f.status).toBe('n/a');
    expect(f.evidence.value).toBe(22);
  });

  it('waived', () => {
    const a = runWaived(R, 'per-seat-over');
    expectWaived(a.before, a.after);
    const b = runWaived(R, 'per-teacher-no-students', { by: 'cost' });
    expectWaived(b.before, b.after);
  });
});
