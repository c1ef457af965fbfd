import { describe, expect, it } from 'vitest';
import { jsonPieces, renderJson, reportToJson } from '../../src/reporters/json.js';
import { round } from '../../src/reporters/util.js';
import { buildReport, WORDWISE_MONTHLY } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('json reporter', () => {
  const report = buildReport();
  const text = renderJson(report, OPTIONS);
  const data = JSON.parse(text);

  it('has the reports.md top-level keys in order, 2-space indent and a trailing newline', () => {
    expect(Object.keys(data)).toEqual(['schemaVersion', 'generator', 'command', 'asOf', 'policy', 'products', 'unmatchedApps', 'inputs', 'warnings', 'decisions', 'summary']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "generator": {\n    "name": "edvet",')).toBe(true);
    expect(data).not.toHaveProperty('district');
    expect(data).not.toHaveProperty('thresholds');
    expect(data).not.toHaveProperty('rules');
    expect(data).not.toHaveProperty('hasUsage');
  });

  it('writes products sorted by id with the documented keys and no vendorContact', () => {
    expect(data.products.map((p: { id: string }) => p.id)).toEqual(['labsim', 'mathquest', 'oldmap', 'quizblast', 'storyspark', 'wordwise']);
    for (const p of data.products) {
      expect(Object.keys(p)).toEqual(['id', 'name', 'vendor', 'category', 'status', 'source', 'verdict', 'checks', 'findings', 'usage', 'sunset', 'renewal']);
      expect(Object.keys(p.checks).slice(0, 7)).toEqual(['privacy', 'sso', 'accessibility', 'cost', 'evidence', 'mobile', 'standards']);
      for (const f of p.findings) {
        expect(Object.keys(f)).toEqual(['rule', 'check', 'status', 'message', 'evidence', 'source', 'remediation', 'waiver', 'known']);
      }
    }
  });

  it('rounds money to cents and ratios to 4 places', () => {
    const ww = data.products.find((p: { id: string }) => p.id === 'wordwise');
    expect(ww.usage).toEqual({
      basis: 'users', noUsageData: false, licensedRole: 'any',
      rows: 182344, seats: 3000, activeUsers: 1210, activeTeachers: 38, activeStudents: 1172, dormantSeats: 1790, dormantRatio: 0.5967,
      annualCost: 10500, costPerSeat: 3.5, wastedSpend: 6265, costPerActiveUser: 8.68, teachersWithAccess: 120, teachersSignedIn: null, teacherUtilization: 0.3167,
      semesterActiveUsers: 1480, recommendedSeats: 1628, rightSizeSaving: 4802, lastSeen: '2026-11-20',
      activeByGrade: [{ grade: 'K', activeStudents: 400 }, { grade: '1', activeStudents: 770 }, { grade: 'unknown', activeStudents: 2 }],
      activeBySchool: [{ school: 'Lincoln Elementary', activeUsers: 900 }, { school: 'Maple <Annex> | East', activeUsers: 310 }, { school: 'Oak Ridge', activeUsers: 0 }],
      monthly: WORDWISE_MONTHLY,
    });
    expect(data.products.find((p: { id: string }) => p.id === 'quizblast').usage).toMatchObject({ activeByGrade: null, activeBySchool: null, monthly: null });
    const qb = data.products.find((p: { id: string }) => p.id === 'quizblast');
    expect(qb.usage.costPerSeat).toBe(8);
    expect(qb.usage.wastedSpend).toBe(3360.08);
    expect(qb.usage.rightSizeSaving).toBe(3160.08);
    expect(qb.sunset.annualSavings).toBe(4000.1);
    expect(data.summary.annualSpend).toBe(53660.1);
    expect(data.summary.wastedSpend).toBe(16525.08);
    expect(data.summary.findings).toEqual({ pass: 66, warn: 7, fail: 7, waived: 1, 'n/a': 2 });
  });

  it('keeps nulls, waivers, renewals and known flags', () => {
    const ls = data.products.find((p: { id: string }) => p.id === 'labsim');
    expect(ls.usage.teacherUtilization).toBeNull();
    expect(ls.sunset).toBeNull();
    expect(ls.findings.find((f: { rule: string }) => f.rule === 'sso.integration').known).toBe(true);
    const qb = data.products.find((p: { id: string }) => p.id === 'quizblast');
    expect(qb.findings[0].waiver).toEqual({ reason: 'Renewed DPA in legal review; vendor signed on 2026-11-02', approvedBy: 'J. Okafor, CTO', expiresOn: '2027-01-31', expired: false });
    expect(qb.renewal).toEqual({ renewalOn: '2027-02-01', decideBy: '2026-12-03', autoRenews: true });
    const sp = data.products.find((p: { id: string }) => p.id === 'storyspark');
    expect(sp.renewal).toBeNull();
  });

  it('writes a vet report with null usage and empty inputs', () => {
    const vet = reportToJson(buildReport({ hasUsage: false }));
    expect(vet.command).toBe('vet');
    expect(vet.inputs).toEqual([]);
    for (const p of vet.products) {
      expect(p.usage).toBeNull();
      expect(p.sunset).toBeNull();
      expect(Object.keys(p.checks)).toEqual(['privacy', 'sso', 'accessibility', 'cost', 'evidence', 'mobile', 'standards']);
    }
  });

  it('writes an absent evidence value as null, not a missing key', () => {
    const r = buildReport();
    r.products[0].findings[0].evidence.value = undefined;
    const f = JSON.parse(renderJson(r, OPTIONS)).products.find((p: { id: string }) => p.id === r.products[0].id).findings[0];
    expect(f.evidence).toHaveProperty('value', null);
  });
});

describe('round', () => {
  it('rounds halves up without float artefacts', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(0.59666666, 4)).toBe(0.5967);
    expect(round(6264.999999999, 2)).toBe(6265);
    expect(round(0.1 + 0.2, 2)).toBe(0.3);
    expect(round(-2.345, 2)).toBe(-2.35);
    expect(round(0, 2)).toBe(0);
  });
});

describe('json reporter in pieces (what the CLI writes, product by product)', () => {
  const whole = (r: ReturnType<typeof buildReport>) => `${JSON.stringify(reportToJson(r), null, 2)}\n`;

  it('joins to the text of the whole JSON object, with and without usage', () => {
    for (const hasUsage of [true, false]) {
      const r = buildReport({ hasUsage });
      const pieces = [...jsonPieces(r)];
      expect(pieces.length).toBe(r.products.length + 2);
      expect(pieces.join('')).toBe(whole(r));
      expect(renderJson(r, OPTIONS)).toBe(whole(r));
    }
  });

  it('joins to the whole text for one product and for none', () => {
    const one = buildReport({ mutate: (specs) => specs.splice(1) });
    expect(one.products.length).toBe(1);
    expect([...jsonPieces(one)].join('')).toBe(whole(one));
    const none = { ...one, products: [] };
    expect([...jsonPieces(none)]).toEqual([whole(none)]);
    expect(whole(none)).toContain('\n  "products": [],\n');
  });
});
