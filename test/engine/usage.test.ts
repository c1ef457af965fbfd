/**
 * The engine's usage step (src/engine/usage.ts) and the totals of the report
 * model: money in cents, each figure rounded once, totals the sums of the
 * rounded rows (rules.md "Corner cases, decided"), renewal `due` decided once.
 */
import { describe, expect, it } from 'vitest';
import type { FigureQuery } from '../../src/engine/figures.js';
import {
  earliestEventOf,
  inputWarnings,
  measureUsage,
  productMatcher,
  renewalOf,
  sunsetPlan,
  usageFigures,
  withRightSizing,
  type SignInSource,
} from '../../src/engine/usage.js';
import { dayOf } from '../../src/model/dates.js';
import { annualCostOf, costPerSeatOf, costPerStudentOf, type Product } from '../../src/model/product.js';
import type { Roster } from '../../src/model/roster.js';
import type { SignInCounts, UsageCounts } from '../../src/model/usage.js';
import { buildReport } from '../../src/report/build.js';
import { RULES } from '../../src/rules/index.js';
import { AS_OF, loadFixture, policyWith } from '../rules/helpers.js';

const BASE = loadFixture('usage.dormant-seats', 'active-seats');

/** The fixture product with a cost block (dollars, as a manifest writes them) and other manifest fields replaced. */
function product(id: string, manifest: Record<string, unknown>): Product {
  const m = { ...BASE.manifest, id, name: `Product ${id}`, usage: null, ...manifest } as Product['manifest'];
  const annualCost = annualCostOf(m);
  return { ...BASE, id, manifest: m, annualCost, costPerSeat: costPerSeatOf(m, annualCost), costPerStudent: costPerStudentOf(m, annualCost) };
}

function counts(over: Partial<UsageCounts> = {}): UsageCounts {
  return {
    rows: 10,
    activeUsers: 0,
    activeTeachers: 0,
    activeStudents: 0,
    semesterActiveUsers: 0,
    semesterActiveTeacherUsers: 0,
    teachersWithAccess: null,
    semesterActiveTeachers: null,
    lastSeen: null,
    activeByGrade: null,
    activeBySchool: null,
    semesterStudentsByGrade: null,
    inUseForSemester: true,
    noUsageData: false,
    suggestedApps: [],
    ...over,
  };
}

const policy = policyWith();

describe('usage figures in cents', () => {
  it('rounds each money figure once, from the annual cost (not from the rounded cost per seat)', () => {
    const p = product('a', { cost: { model: 'site', annual_total: 1000, seats: 3 } });
    const u = usageFigures(p, counts({ activeUsers: 1 }));
    expect(p.annualCost).toBe(100_000);
    expect(u.costPerSeat).toBe(33_333);
    expect(u.dormantSeats).toBe(2);
    expect(u.wastedSpend).toBe(66_667); // 2 × 1000 / 3 = 666.666…, not 2 × 333.33
    expect(u.costPerActiveUser).toBe(100_000);
    expect([u.recommendedSeats, u.rightSizeSaving]).toEqual([null, null]);
  });

  it('reads unit prices on their decimal digits: 4.255 × 600 seats is $2,553.00', () => {
    const p = product('b', { cost: { model: 'per_seat', unit_price: 4.255, seats: 600 } });
    expect(p.annualCost).toBe(255_300);
    expect(p.costPerStudent).toBe(426); // $4.255 shown as $4.26: halves round up
  });

  it('leaves a proposed product without wasted spend, and unknown costs null', () => {
    const proposed = usageFigures(product('c', { status: 'proposed', cost: { model: 'per_seat', unit_price: 2, seats: 10 } }), counts());
    expect([proposed.dormantSeats, proposed.wastedSpend]).toEqual([null, null]);
    const noCost = usageFigures(product('d', { cost: { model: 'per_seat', seats: 10 } }), counts({ activeUsers: 4 }));
    expect([noCost.annualCost, noCost.costPerSeat, noCost.wastedSpend, noCost.costPerActiveUser]).toEqual([0, null, null, null]);
  });

  it('right-sizes to ceil(semester-active × (1 + buffer)) and saves the cost of the seats above it', () => {
    const p = product('e', { cost: { model: 'site', annual_total: 999.99, seats: 100 } });
    const u = withRightSizing(usageFigures(p, counts({ activeUsers: 20, semesterActiveUsers: 50 })), p, policyWith({ usage: { right_size_buffer: 0.1 } }));
    expect(u.recommendedSeats).toBe(55);
    expect(u.rightSizeSaving).toBe(45_000); // 45 × 99,999 / 100 = 44,999.55 → 45,000
    const full = withRightSizing(usageFigures(p, counts({ semesterActiveUsers: 95 })), p, policy);
    expect(full.rightSizeSaving).toBe(0);
  });
});

describe('no usage data (usage-sources.md "Honest no data")', () => {
  const none = counts({ rows: 0, noUsageData: true, teachersWithAccess: 5, semesterActiveTeachers: 0 });

  it('leaves every activity figure null for a product no row matched, keeping rows, seats, costs and teachers with access', () => {
    const u = usageFigures(product('ghost', { cost: { model: 'per_seat', unit_price: 2, seats: 10 } }), none);
    expect(u).toMatchObject({
      basis: null, noUsageData: true, rows: 0, seats: 10, annualCost: 2000, costPerSeat: 200, teachersWithAccess: 5,
      activeUsers: null, activeTeachers: null, activeStudents: null, dormantSeats: null, dormantRatio: null, wastedSpend: null,
      costPerActiveUser: null, teacherUtilization: null, semesterActiveUsers: null, semesterActiveTeachers: null,
      recommendedSeats: null, rightSizeSaving: null, lastSeen: null,
    });
    expect(withRightSizing(u, product('ghost', { cost: { model: 'per_seat', unit_price: 2, seats: 10 } }), policy).recommendedSeats).toBeNull();
  });

  it('measures a tracked product with no rows as zero use: all seats dormant, utilization 0', () => {
    const p = product('tracked', { cost: { model: 'per_seat', unit_price: 2, seats: 10 }, usage: { tracked: true } });
    const u = usageFigures(p, none);
    expect(u).toMatchObject({ basis: 'users', noUsageData: true, activeUsers: 0, dormantSeats: 10, dormantRatio: 1, wastedSpend: 2000, teacherUtilization: 0 });
  });

  it('counts per-teacher licences against active teachers and right-sizes on the semester-active teachers', () => {
    const p = product('tutor', { cost: { model: 'per_teacher', unit_price: 30, seats: 20 } });
    const u = usageFigures(p, counts({ activeUsers: 50, activeTeachers: 4, semesterActiveUsers: 70, semesterActiveTeacherUsers: 6 }));
    expect(u).toMatchObject({ licensedRole: 'teacher', dormantSeats: 16, dormantRatio: 0.8, wastedSpend: 48_000 });
    expect(withRightSizing(u, p, policy)).toMatchObject({ recommendedSeats: 7, rightSizeSaving: 39_000 });
    expect(usageFigures(product('seat', { cost: { model: 'per_seat', unit_price: 30, seats: 20 } }), counts({ activeUsers: 5 })).licensedRole).toBe('any');
  });
});

describe('renewal due', () => {
  const at = (renewal_on: string, status = 'active') => renewalOf(product('r', { status, cost: { model: 'site', annual_total: 10, renewal_on, notice_days: 30 } }), policy, AS_OF);
  const window = policy.sunset.renewal_warn_days;

  it('is due within renewal_warn_days of as-of (both ends included) or when past, and not after', () => {
    const iso = (n: number) => new Date((dayOf(AS_OF) + n) * 86_400_000).toISOString().slice(0, 10);
    expect(at(iso(window))?.due).toBe(true);
    expect(at(iso(window + 1))?.due).toBe(false);
    expect(at(iso(0))?.due).toBe(true);
    expect(at(iso(-5))?.due).toBe(true);
    expect(at(iso(window))).toMatchObject({ renewalOn: iso(window), decideBy: iso(window - 30), autoRenews: null });
  });

  it('is null for a product not in use (proposed, retired): its renewal is not reported', () => {
    expect(at('2026-12-01', 'retired')).toBeNull();
    expect(at('2026-12-01', 'proposed')).toBeNull();
    expect(at('2026-12-01', 'pilot')?.due).toBe(true);
    expect(at('2026-12-01', 'sunsetting')?.due).toBe(true);
  });

  it('autoRenews is null when cost.auto_renews is not given, else the manifest\'s value', () => {
    const with_ = (auto: boolean | undefined) =>
      renewalOf(product('r', { status: 'active', cost: { model: 'site', annual_total: 10, renewal_on: '2027-01-01', ...(auto === undefined ? {} : { auto_renews: auto }) } }), policy, AS_OF)?.autoRenews;
    expect(with_(undefined)).toBeNull();
    expect(with_(true)).toBe(true);
    expect(with_(false)).toBe(false);
  });

  it('is null without a renewal date', () => {
    expect(renewalOf(product('n', { cost: { model: 'free' } }), policy, AS_OF)).toBeNull();
  });
});

describe('sunset plan', () => {
  it('saves the annual cost in cents, for a sunsetting product too', () => {
    const p = product('s', { status: 'sunsetting', cost: { model: 'site', annual_total: 1234.5 } });
    expect(sunsetPlan(p, [], policy, AS_OF)?.annualSavings).toBe(123_450);
    expect(sunsetPlan(product('t', {}), [], policy, AS_OF)).toBeNull();
  });
});

describe('the usage step', () => {
  it('asks for the policy windows, marks a semester in use from deployed_on, and lists unmatched apps', () => {
    const asked: [number, FigureQuery][] = [];
    const source: SignInSource = {
      figures(i, q) {
        asked.push([i, q]);
        return counts({ activeUsers: i }) as SignInCounts;
      },
      unmatchedApps: (limit) => ({ listed: [{ app: `limit ${limit}`, appId: null, rows: 1, suggestedProduct: null }, { app: 'Product Ol', appId: 'k-1', rows: 3, suggestedProduct: null }], apps: 2, identifiers: { apps: 0, rows: 0 } }),
    };
    const roster = { teachersWithAccess: (schools: string[] | null) => Int32Array.from(schools ? [0] : [0, 1]) } as unknown as Roster;
    const products = [product('old', { deployed_on: '2025-01-06', schools: ['elm'] }), product('new', { deployed_on: '2026-11-02' }), product('none', {})];
    const p = policyWith({ usage: { active_window_days: 5, semester_days: 10 } });
    const r = measureUsage(source, roster, products, p, '2026-11-20', []);
    // 2026-11-20 is a Friday: 5 school days back (weekdays, no calendar) start on Monday 11-16; 10 on Monday 11-09.
    expect(asked.map(([i, q]) => [i, q.activeFrom, q.semesterFrom, [...(q.teachersWithAccess ?? [])], q.schools])).toEqual([
      [0, dayOf('2026-11-16'), dayOf('2026-11-09'), [0], ['elm']],
      [1, dayOf('2026-11-16'), dayOf('2026-11-09'), [0, 1], null],
      [2, dayOf('2026-11-16'), dayOf('2026-11-09'), [0, 1], null],
    ]);
    expect([...r.counts].map(([id, c]) => [id, c.activeUsers, c.inUseForSemester])).toEqual([
      ['old', 0, true],
      ['new', 1, true], // 11-02 … 11-20: 15 school days
      ['none', 2, false],
    ]);
    // the complete list (no limit), each app with its alias suggestion; the product it suggests names it
    expect(r.unmatchedApps).toEqual([
      { app: 'limit Infinity', appId: null, rows: 1, suggestedProduct: null },
      { app: 'Product Ol', appId: 'k-1', rows: 3, suggestedProduct: 'old' },
    ]);
    expect(r.counts.get('old')!.suggestedApps.map((a) => a.app)).toEqual(['Product Ol']);
    expect(r.unmatchedWarnings).toEqual(["'Product Ol' (app id k-1) (3 rows) may be old: if so, add it to usage.client_ids"]);
  });

  it('warns when the exports start after the semester window does, and only then (edvet-summary from its month, last-seen formats never)', () => {
    const source: SignInSource = { figures: () => counts() as SignInCounts, unmatchedApps: () => ({ listed: [], apps: 0, identifiers: { apps: 0, rows: 0 } }) };
    const p = policyWith({ usage: { semester_days: 10 } });
    // 10 weekdays back from Friday 2026-11-20 start on Monday 2026-11-09
    const w = (e: number | null) => measureUsage(source, null, [product('a', {})], p, '2026-11-20', [], { earliestEvent: e }).coverageWarnings;
    expect(w(dayOf('2026-11-10'))).toEqual(["sign-in exports start on 2026-11-10, after the semester window's start 2026-11-09: semester figures count only from 2026-11-10"]);
    expect(w(dayOf('2026-11-09'))).toEqual([]);
    expect(w(null)).toEqual([]);
    expect(earliestEventOf('edvet-summary', dayOf('2026-11-12'))).toBe(dayOf('2026-11-01'));
    expect(earliestEventOf('canvas-last-access', dayOf('2026-11-12'))).toBeNull();
    expect(earliestEventOf('entra-signins', dayOf('2026-11-12'))).toBe(dayOf('2026-11-12'));
  });

  it('matches an app id listed in usage.client_ids first, so the id decides between apps sharing a display name', () => {
    const match = productMatcher([product('quizly', { name: 'Quizly', usage: { client_ids: ['111-Q'] } }), product('other', { name: 'Other' })]);
    expect([match('Q Legacy', ' 111-q '), match('Other', '111-q'), match('Quizly', '999-x'), match('Quizly', undefined), match('Other', '999-x')]).toEqual([0, 0, 0, 0, 1]);
  });

  it('matches apps by id, name or alias ignoring case and spaces, then by app id; the first product wins', () => {
    const match = productMatcher([product('alpha', { usage: { aliases: ['Shared'] } }), product('beta', { usage: { aliases: ['shared', '12345'] } })]);
    expect([match(' ALPHA ', undefined), match('product beta', undefined), match('shared', undefined), match('x', '12345'), match('x', 'y')]).toEqual([0, 1, 0, 1, -1]);
  });

  it('warns about display-name exports and unreadable rows, by count and first line', () => {
    const input = { path: 'u.csv', format: 'moodle-log', rows: 5, used: 2, skipped: {}, bad: { 'empty user': 2, 'empty app': 1 }, firstBad: [{ line: 4, reason: 'empty user' }] };
    const w = inputWarnings([input]);
    expect(w).toHaveLength(2);
    expect(w[1]).toContain('u.csv: 3 rows');
    expect(w[1]).toContain('line 4');
    expect(inputWarnings([{ ...input, format: 'edvet', bad: {} }])).toEqual([]);
  });
});

describe('report totals', () => {
  it('are sums of the per-product figures rounded to cents, so a total equals the sum of its rows', () => {
    // Each product wastes 2 of 3 seats of a $1.00 licence: $0.6667 → $0.67; three of them total $2.01, not $2.00.
    const products = ['a', 'b', 'c'].map((id) => product(id, { cost: { model: 'site', annual_total: 1, seats: 3 } }));
    const usage = { counts: new Map(products.map((p) => [p.id, counts({ activeUsers: 1 })])), inputs: [], unmatchedApps: [], unmatchedWarnings: [], coverageWarnings: [] };
    const report = buildReport({
      command: 'usage',
      asOf: AS_OF,
      version: '0',
      policy: { policy, source: 'defaults', doc: null },
      products,
      rules: RULES.filter((r) => r.kind === 'usage'),
      usage,
      renewals: true,
      warnings: [],
      baseline: null,
    });
    expect(report.products.map((p) => p.usage?.wastedSpend)).toEqual([67, 67, 67]);
    expect(report.summary.wastedSpend).toBe(201);
    expect(report.summary.annualSpend).toBe(300);
    const rightSized = report.products.map((p) => p.usage?.rightSizeSaving ?? 0);
    expect(report.summary.potentialSavings).toBe(rightSized.reduce((a, b) => a + b, 0));
  });
});
