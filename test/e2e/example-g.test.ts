/**
 * usage-sources.md's worked examples that need no format beyond usage.md's:
 * G (no data, per-teacher licences, over-deployment), run end to end on the
 * built binary, every figure compared exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { edvetJson, ensureBuilt } from './helpers.js';

interface Finding { rule: string; status: string; message: string; evidence: { field: string; value: unknown; expected: unknown } }
interface Product { id: string; findings: Finding[]; usage: Record<string, unknown> | null; sunset: { annualSavings: number } | null }
interface Report { products: Product[]; unmatchedApps: unknown[]; summary: Record<string, unknown>; warnings: string[] }

const G = 'test/fixtures/usage-sources/example-g';

describe('worked example G: no data, per-teacher, over-deployment', () => {
  let r: Report;
  const product = (id: string) => r.products.find((p) => p.id === id)!;
  const finding = (id: string, rule: string) => product(id).findings.find((f) => f.rule === rule)!;

  beforeAll(() => {
    ensureBuilt();
    const run = edvetJson<Report>(['audit', '--catalog', `${G}/catalog`, '--policy', `${G}/edvet.policy.yaml`, '--usage', `${G}/usage`, '--as-of', '2026-11-20', '--format', 'json']);
    expect(run.status).toBe(1);
    r = run.json;
  });

  it('tutorpro: a per-teacher licence, 3 active teachers on 2 seats', () => {
    expect(product('tutorpro').usage).toMatchObject({ basis: 'users', noUsageData: false, licensedRole: 'teacher', activeUsers: 5, activeTeachers: 3, dormantSeats: 0, teacherUtilization: 0.8 });
    expect(finding('tutorpro', 'usage.dormant-seats').status).toBe('pass');
    expect(finding('tutorpro', 'usage.over-deployed')).toMatchObject({ status: 'warn', message: '3 active teachers on 2 seats: a true-up may be due', evidence: { field: 'usage.active_teachers', value: 3, expected: '<= 2' } });
    expect(finding('tutorpro', 'usage.teacher-utilization')).toMatchObject({ status: 'pass', evidence: { value: 0.8 } }); // t1–t4 of 5
  });

  it('ghostapp: no usage data, null figures, warnings naming the unmatched app that suggests it, no sunset', () => {
    const u = product('ghostapp').usage!;
    expect(u).toMatchObject({ basis: null, noUsageData: true, rows: 0, seats: 10, annualCost: 20, costPerSeat: 2, teachersWithAccess: 5 });
    for (const k of ['activeUsers', 'activeTeachers', 'activeStudents', 'dormantSeats', 'dormantRatio', 'wastedSpend', 'costPerActiveUser', 'teacherUtilization', 'semesterActiveUsers', 'recommendedSeats', 'rightSizeSaving', 'lastSeen']) {
      expect([k, u[k]]).toEqual([k, null]);
    }
    for (const rule of ['usage.dormant-seats', 'usage.teacher-utilization']) {
      const f = finding('ghostapp', rule);
      expect(f.status).toBe('warn');
      expect(f.message).toMatch(/^No sign-ins found in any export/);
      expect(f.message).toContain("'Ghost Ap' (1 row)");
    }
    expect(product('ghostapp').sunset).toBeNull();
    expect(r.unmatchedApps).toEqual([{ app: 'Ghost Ap', appId: null, rows: 1, suggestedProduct: 'ghostapp' }]);
    expect(r.warnings).toContain("'Ghost Ap' (1 row) may be ghostapp: if so, add it to usage.aliases");
  });

  it('ghosttracked: tracked, so no rows are zero use: all seats dormant, utilization 0, a sunset candidate', () => {
    expect(product('ghosttracked').usage).toMatchObject({ basis: 'users', noUsageData: true, activeUsers: 0, dormantSeats: 10, dormantRatio: 1, wastedSpend: 20, teacherUtilization: 0 });
    expect(finding('ghosttracked', 'usage.dormant-seats').status).toBe('warn');
    expect(finding('ghosttracked', 'usage.teacher-utilization').status).toBe('fail');
    expect(finding('ghosttracked', 'usage.over-deployed').status).toBe('pass');
    expect(product('ghosttracked').sunset!.annualSavings).toBe(20);
  });

  it('the summary: 1 sunset candidate, potential savings 20', () => {
    expect(r.summary).toMatchObject({ sunsetCandidates: 1, potentialSavings: 20, wastedSpend: 20 });
  });

  it('gives the coverage warning: the exports start after the semester window does', () => {
    // no calendar: 90 weekdays back from 2026-11-20 start on 2026-07-20; the earliest sign-in is t4's on 2026-09-15
    expect(r.warnings).toContain("sign-in exports start on 2026-09-15, after the semester window's start 2026-07-20: semester figures count only from 2026-09-15");
  });
});
