import { expect } from 'vitest';
import rule from '../../../src/rules/cost/per-student.js';
import { ruleTester } from '../rule-tester.js';

ruleTester(rule, [
  {
    name: 'per_student without students_covered costs its unit price',
    fixture: 'per-student-under',
    status: 'pass',
    message: 'under-cap',
    field: 'cost',
    value: 3.5,
    line: 'model',
    also: ({ product }) => expect(product.costPerStudent).toBe(350), // cents
  },
  { name: 'exactly at the cap (≤ max_per_student)', fixture: 'at-cap', status: 'pass', message: 'under-cap', field: 'cost', value: 5 },
  { name: 'per_seat unit price above the cap', fixture: 'per-seat-over', status: 'fail', message: 'over-cap', field: 'cost', value: 6.25 },
  { name: 'per_seat unit price under a raised cap', fixture: 'per-seat-over', policy: { cost: { max_per_student: 7 } }, status: 'pass', message: 'under-cap', field: 'cost' },
  {
    name: 'a site license with students_covered divides annual_total by it',
    fixture: 'site-license-covered',
    status: 'pass',
    message: 'under-cap',
    field: 'cost',
    value: 4,
    also: ({ product }) => expect([product.annualCost, product.costPerStudent]).toEqual([1_000_000, 400]), // cents
  },
  // 12000 / 1800 = 6.666…
  { name: 'a site license above the cap, value rounded to cents', fixture: 'site-license-over', status: 'fail', message: 'over-cap', field: 'cost', value: 6.67 },
  {
    name: 'a site license without students_covered (seats do not count)',
    fixture: 'site-license-no-students',
    status: 'fail',
    message: 'no-students-covered',
    field: 'cost.students_covered',
    value: null,
    line: 'cost:',
    params: { model: 'site', also: '', max: '5.00' },
    also: ({ product }) => expect(product.costPerStudent).toBeNull(),
  },
  // A price that is not per student: the message names students_covered, never "no price".
  { name: 'per_teacher without students_covered', fixture: 'per-teacher-no-students', status: 'fail', message: 'no-students-covered', field: 'cost.students_covered', value: null, params: { model: 'per_teacher', also: '' } },
  {
    name: 'per_teacher with only a unit price: students_covered and seats are both named',
    fixture: 'per-teacher-price-only',
    status: 'fail',
    message: 'no-students-covered',
    field: 'cost.students_covered',
    params: { model: 'per_teacher', also: ', and cost.seats (the teachers it covers) for the annual cost' },
  },
  { name: 'per_teacher with students_covered but no seats: the annual cost is unknown', fixture: 'per-teacher-no-seats', status: 'fail', message: 'no-annual-cost', field: 'cost.seats', value: null, params: { model: 'per_teacher' } },
  { name: 'a cost model with no price at all is not provided', fixture: 'model-only', status: 'fail', message: 'not-provided', field: 'cost.students_covered', value: null },
  // 40 × 100 / 2000
  { name: 'per_teacher with students_covered: annual cost ÷ students', fixture: 'per-teacher-covered', status: 'pass', message: 'under-cap', field: 'cost', value: 2 },
  { name: 'free costs 0', fixture: 'free', status: 'pass', message: 'under-cap', field: 'cost', value: 0 },
  { name: 'no cost block at all', fixture: 'no-cost', status: 'fail', message: 'not-provided', field: 'cost', value: null, line: 1 },
  // rules.md: the n/a finding still reports the computed cost per student in its evidence
  { name: 'category not in cost.applies_to, reason and cost given', fixture: 'core-category', status: 'n/a', message: 'na-category', field: 'cost', value: 22, params: { category: 'core', cost: '$22.00' } },
  { name: 'category added to cost.applies_to', fixture: 'core-category', policy: { cost: { applies_to: ['core'] } }, status: 'fail', message: 'over-cap', field: 'cost' },
]);
