/**
 * `edvet audit`, `usage`, `sunset`, `letters`, `init` and `--baseline` end to
 * end: the built binary on the demo district and the spec's worked example
 * (its inputs copied into test/fixtures), JSON parsed and compared.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt, ROOT, WORKED } from './helpers.js';

interface Finding { rule: string; status: string; message: string; known: boolean; waiver: unknown; evidence: Record<string, unknown> }
interface Product {
  id: string;
  verdict: string;
  findings: Finding[];
  usage:
    | (Record<string, number | string | null> & {
        activeByGrade: { grade: string; activeStudents: number }[] | null;
        activeBySchool: { school: string; activeUsers: number }[] | null;
      })
    | null;
  sunset: { reason: string; noticeOn: string; earliestRetireOn: string; decideBy: string | null; beforeRenewal: boolean | null; annualSavings: number; steps: string[] } | null;
  renewal: { renewalOn: string; decideBy: string; autoRenews: boolean } | null;
}
interface Report {
  command: string;
  asOf: string;
  products: Product[];
  unmatchedApps: { app: string; rows: number }[];
  inputs: { path: string; format: string; rows: number; used: number; skipped: Record<string, number>; bad: Record<string, number>; firstBad: { line: number; reason: string }[] }[];
  warnings: string[];
  summary: Record<string, unknown> & { findings: Record<string, number> };
}

const DEMO = 'fixtures/demo-district';
const demoArgs = ['--catalog', `${DEMO}/catalog`, '--usage', `${DEMO}/usage`, '--roster', `${DEMO}/roster`, '--policy', `${DEMO}/catalog/edvet.policy.yaml`, '--as-of', '2026-11-23'];
const byId = (r: Report) => new Map(r.products.map((p) => [p.id, p]));
const status = (p: Product | undefined, rule: string) => p?.findings.find((f) => f.rule === rule)?.status;

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'edvet-audit-e2e-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('edvet audit --demo', () => {
  let r: ReturnType<typeof edvetJson<Report>>;
  beforeAll(() => {
    r = edvetJson<Report>(['audit', '--demo', '--format', 'json']);
  });

  it('runs the whole audit of the sample district with no other argument', () => {
    expect(r.status).toBe(1);
    expect(r.json.command).toBe('audit');
    expect(r.json.asOf).toBe('2026-11-23');
    expect(r.json.products).toHaveLength(26);
  });

  it('gives the district totals the demo was designed for (fixtures/demo-district/EXPECTED.md)', () => {
    const s = r.json.summary;
    expect([s.approved, s.conditional, s.rejected]).toEqual([14, 5, 7]);
    expect(s.sunsetCandidates).toBe(2);
    expect(s.wastedSpend).toBe(57999.71);
    // ClipCurio's dormant seats come from Clever's counts: an upper estimate, part of the total.
    expect(s.wastedSpendFromCounts).toBe(1022);
    expect(s.potentialSavings).toBe(41848.25);
    // The README's first line: findings of every rule, the privacy-law rules included (EXPECTED.md section 4).
    expect(s.findings).toEqual({ pass: 392, warn: 38, fail: 44, waived: 2, 'n/a': 122 });
  });

  it('runs the amended COPPA rule, as the demo policy turns it on: the 2025 fields pass, CodeCanvas warns, the two bare proposals fail', () => {
    const by = new Map<string, string[]>();
    for (const p of r.json.products) {
      const st = status(p, 'privacy.coppa-2025');
      expect(st, p.id).toBeDefined();
      by.set(st!, [...(by.get(st!) ?? []), p.id]);
    }
    expect(by.get('warn')).toEqual(['codecanvas']);
    expect(by.get('fail')).toEqual(['chatternest', 'quizblitz']);
    expect(by.get('pass')).toHaveLength(16);
    expect(by.get('n/a')).toEqual(['clarityprep', 'flashdeck', 'homebridge', 'ledgerleaf', 'legacy-gradebook', 'pathfinder', 'signalboard']);
    const f = byId(r.json).get('codecanvas')!.findings.find((x) => x.rule === 'privacy.coppa-2025')!;
    expect(f.message).toMatch(/consent is given by the school/);
  });

  it('shows each privacy-law finding the demo was built for: an overdue deletion, a re-review due, use outside the grade band', () => {
    const p = byId(r.json);
    expect(status(p.get('signalboard'), 'privacy.data-deletion')).toBe('fail');
    expect(p.get('signalboard')!.findings.find((f) => f.rule === 'privacy.data-deletion')!.evidence).toMatchObject({ dueOn: '2026-08-14', daysLate: 101, daysSource: 'DPA' });
    expect(status(p.get('labnotebook'), 'contract.review-due')).toBe('warn');
    expect(status(p.get('clarityprep'), 'privacy.grade-band-use')).toBe('warn');
    expect(status(p.get('chatternest'), 'privacy.grade-band-use')).toBe('fail');
  });

  it('finds the sunset candidates, the sunsetting product and their plans', () => {
    const p = byId(r.json);
    expect(status(p.get('tutorline'), 'usage.teacher-utilization')).toBe('fail');
    expect(status(p.get('vocabvault'), 'usage.teacher-utilization')).toBe('fail');
    const plan = p.get('tutorline')!.sunset!;
    expect(plan.noticeOn).toBe('2026-11-23');
    expect(plan.earliestRetireOn).toBe('2026-12-23');
    expect(plan.steps).toHaveLength(4);
    expect(plan.annualSavings).toBeGreaterThan(0);
    expect(p.get('readbridge')!.sunset).not.toBeNull();
    expect(p.get('mathspark')!.sunset).toBeNull();
  });

  it('gives a catalog product that no usage row matched no figures, only a warning naming what was looked for (usage-sources.md "Honest no data")', () => {
    const scribe = byId(r.json).get('scribespark')!;
    expect(scribe.usage).toMatchObject({ rows: 0, noUsageData: true, basis: null, activeUsers: null, dormantSeats: null, dormantRatio: null, wastedSpend: null, seats: 300, annualCost: 750 });
    const f = scribe.findings.find((x) => x.rule === 'usage.dormant-seats')!;
    expect(f.status).toBe('warn');
    expect(f.message).toMatch(/no sign-ins found in any export \(looked for: "scribespark", "ScribeSpark Writing Coach", "ScribeSpark"\)/i);
    expect(scribe.sunset).toBeNull();
    expect(r.json.unmatchedApps.map((a) => a.app)).toContain('Scribe Spark Writer');
  });

  it('reads the GAM token audit: FlashDeck through both OAuth clients of its usage.client_ids, grants and user-less calls skipped', () => {
    const gam = r.json.inputs.find((i) => i.format === 'google-token-audit')!;
    expect(gam).toMatchObject({ rows: 1513, used: 1094, skipped: { 'not a use event': 417, 'no user': 2 }, bad: {} });
    const fd = byId(r.json).get('flashdeck')!;
    expect(fd.usage).toMatchObject({ basis: 'users', rows: 966, seats: 400, activeUsers: 267, dormantSeats: 133, wastedSpend: 532, lastSeen: '2026-11-20' });
    expect(r.json.unmatchedApps.map((a) => a.app)).toContain('Mindmap Meadow');
    expect(r.json.unmatchedApps.map((a) => a.app)).not.toContain('FlashDeck for Android');
  });

  it('reads Clever dashboard counts as lower bounds: ClipCurio at least 308 active, up to 292 dormant seats, utilization only warns', () => {
    const cc = byId(r.json).get('clipcurio')!;
    expect(cc.usage).toMatchObject({ basis: 'counts', rows: 30, seats: 600, activeUsers: 308, activeTeachers: 14, activeStudents: 294, dormantSeats: 292, wastedSpend: 1022, recommendedSeats: null, rightSizeSaving: null, lastSeen: null });
    expect(status(cc, 'usage.teacher-utilization')).toBe('warn');
    expect(cc.sunset).toBeNull();
    // The monthly trend of a counts-only product: at least the month's count, November up to as-of.
    const monthly = (cc.usage as { monthly: { month: string; activeUsers: number | null; activeTeachers: number | null }[] }).monthly;
    expect(monthly.at(-1)).toEqual({ month: '2026-11', activeUsers: 308, activeTeachers: 14 });
    expect(monthly.every((m) => m.activeUsers !== null)).toBe(true);
  });

  it('flags a missed decide-by date on an auto-renewing contract', () => {
    const bench = byId(r.json).get('benchmark')!;
    expect(bench.renewal).toEqual({ renewalOn: '2026-12-31', decideBy: '2026-11-01', autoRenews: true });
    const f = bench.findings.find((x) => x.rule === 'contract.renewal')!;
    expect(f.status).toBe('warn');
    expect(f.message).toMatch(/already passed/);
  });

  it('reports every usage file read, with its format and counted skipped and bad rows', () => {
    const formats = r.json.inputs.map((i) => i.format).sort();
    expect(formats).toEqual(['canvas-access-tokens', 'classlink-logins', 'edvet', 'edvet-counts', 'entra-signins', 'google-token-audit']);
    for (const i of r.json.inputs) {
      const skipped = Object.values(i.skipped).reduce((a, b) => a + b, 0);
      const bad = Object.values(i.bad).reduce((a, b) => a + b, 0);
      expect(i.used + skipped + bad).toBe(i.rows);
      expect(i.firstBad.length).toBe(Math.min(10, bad));
    }
    const entra = r.json.inputs.find((i) => i.format === 'entra-signins')!;
    expect(entra.skipped['not a successful sign-in']).toBeGreaterThan(0);
  });

  it('breaks active users down by school and active students by grade, from the roster', () => {
    for (const p of r.json.products) {
      const u = p.usage;
      if (u === null || u.noUsageData) continue;
      // Counts name nobody: a counts-only product has no breakdowns (usage-sources.md "edvet-counts").
      if (u.basis === 'counts') {
        expect([p.id, u.activeByGrade, u.activeBySchool]).toEqual([p.id, null, null]);
        continue;
      }
      const grades = u.activeByGrade!;
      const schools = u.activeBySchool!;
      // every demo student has one grade and one school, so the breakdowns add up
      expect([p.id, grades.reduce((a, b) => a + b.activeStudents, 0)]).toEqual([p.id, u.activeStudents]);
      // every active user is counted at a school or as unknown (a teacher at two schools counts at both)
      expect(schools.reduce((a, b) => a + b.activeUsers, 0)).toBeGreaterThanOrEqual(u.activeUsers as number);
      expect(schools.map((b) => b.school)).not.toContain('Riverside Unified School District');
    }
    const p = byId(r.json);
    // WordWise is deployed at every school: Riverside High School is listed although no one there signs in
    const wordwise = p.get('wordwise')!.usage!.activeBySchool!;
    expect(wordwise.find((b) => b.school === 'Riverside High School')).toEqual({ school: 'Riverside High School', activeUsers: 0 });
    expect(wordwise.find((b) => b.school === 'Lincoln Elementary School')!.activeUsers).toBeGreaterThan(0);
    // ClarityPrep is a high-school product: grades 9 to 12 only
    expect(p.get('clarityprep')!.usage!.activeByGrade!.map((b) => b.grade)).toEqual(['9', '10', '11', '12']);
  });

  it('counts findings by status in the summary', () => {
    const n = r.json.products.reduce((a, p) => a + p.findings.length, 0);
    const counted = Object.values(r.json.summary.findings).reduce((a, b) => a + b, 0);
    expect(counted).toBe(n);
  });
});

describe('edvet usage and sunset', () => {
  it('usage: csv has one row per product with a BOM', () => {
    // (an unsupported --format for usage: test/hardening/bad-input.test.ts)
    const csv = edvet(['usage', ...demoArgs, '--format', 'csv']);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.stdout.trim().split(/\r?\n/);
    expect(lines.length).toBe(27);
  });

  it('usage needs --usage; audit runs without it (vetting, renewals and sunsetting products\' plans)', () => {
    const r = edvet(['usage', '--catalog', `${DEMO}/catalog`, '--policy', `${DEMO}/catalog/edvet.policy.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--usage/);
    const a = edvetJson<Report>(['audit', '--catalog', `${DEMO}/catalog`, '--policy', `${DEMO}/catalog/edvet.policy.yaml`, '--as-of', '2026-11-23', '--format', 'json']);
    expect(a.json.inputs).toEqual([]);
    expect(a.json.products.every((p) => p.usage === null)).toBe(true);
    expect(a.json.products.some((p) => p.renewal !== null)).toBe(true);
  });

  it('gives the plan of a sunsetting product without usage files, in audit and in sunset (privacy-laws.md, "Decided details")', () => {
    const base = ['--catalog', `${DEMO}/catalog`, '--policy', `${DEMO}/catalog/edvet.policy.yaml`, '--as-of', '2026-11-23'];
    for (const command of ['audit', 'sunset']) {
      const j = edvetJson<Report>([command, ...base, '--format', 'json']);
      expect(j.status, command).toBe(1);
      const planned = j.json.products.filter((p) => p.sunset).map((p) => p.id);
      expect(planned, command).toEqual(['readbridge']); // no usage: no candidate, only the product already sunsetting
      const plan = byId(j.json).get('readbridge')!.sunset!;
      expect(plan).toMatchObject({ noticeOn: '2026-11-23', earliestRetireOn: '2026-12-23', requestDeletionBy: '2026-12-23', deletionDueBy: '2027-02-21' });
      expect(j.json.products.every((p) => p.usage === null)).toBe(true);
      const table = edvet([command, ...base]).stdout;
      expect(table, command).toMatch(/^Sunset plans\n {2}readbridge · ReadBridge Classic · saves \$5,625\.00 a year$/m);
      expect(table, command).toMatch(/^Renewals due within 120 days$/m);
      expect(edvet([command, ...base, '--format', 'markdown']).stdout, command).toMatch(/^## Sunset plans\n\n### ReadBridge Classic \(readbridge\)$/m);
      expect(edvet([command, ...base, '--format', 'html']).stdout, command).toContain('<h2 id="h-sunset"');
    }
    // usage still needs its exports
    expect(edvet(['usage', ...base]).status).toBe(2);
  });

  it('sunset: plans for the candidates and contract findings; usage: no contract findings', () => {
    const s = edvetJson<Report>(['sunset', ...demoArgs, '--format', 'json']);
    const planned = s.json.products.filter((p) => p.sunset).map((p) => p.id).sort();
    expect(planned).toEqual(['readbridge', 'tutorline', 'vocabvault']);
    expect(s.json.products.some((p) => p.findings.some((f) => f.rule === 'contract.renewal'))).toBe(true);
    const u = edvetJson<Report>(['usage', ...demoArgs, '--format', 'json']);
    expect(u.json.products.some((p) => p.findings.some((f) => f.rule === 'contract.renewal'))).toBe(false);
  });

  it('--tool keeps one product, and the waivers of the others are ignored without a warning (rules.md "Corner cases")', () => {
    const r = edvetJson<Report>(['audit', '--demo', '--tool', 'mathspark', '--format', 'json']);
    expect(r.json.products.map((p) => p.id)).toEqual(['mathspark']);
    expect(r.json.warnings.some((w) => /names a product not in this run/.test(w))).toBe(false);
  });
});

describe('--baseline', () => {
  it('marks findings already in an earlier report as known, and a new failure still counts', () => {
    const cat = join(tmp, 'baseline-catalog');
    cpSync(resolve(ROOT, WORKED, 'vet/catalog'), cat, { recursive: true });
    const policy = resolve(ROOT, WORKED, 'vet/policy.yaml');
    const args = ['vet', cat, '--policy', policy, '--as-of', '2026-11-23'];
    const first = edvet([...args, '--format', 'json', '--output', join(tmp, 'base.json')]);
    expect(first.status).toBe(1);
    const again = edvetJson<Report>([...args, '--format', 'json', '--baseline', join(tmp, 'base.json')]);
    expect(again.status).toBe(0);
    const failing = again.json.products.flatMap((p) => p.findings.filter((f) => f.status === 'fail'));
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((f) => f.known)).toBe(true);
    // A new failure: the good product loses its DPA.
    const good = join(cat, 'c-good.yaml');
    writeFileSync(good, readFileSync(good, 'utf8').replace('signed: true', 'signed: false'));
    const after = edvetJson<Report>([...args, '--format', 'json', '--baseline', join(tmp, 'base.json')]);
    expect(after.status).toBe(1);
    const dpa = byId(after.json).get('c-good')!.findings.find((f) => f.rule === 'privacy.dpa')!;
    expect([dpa.status, dpa.known]).toEqual(['fail', false]);
  });

  it('a warn that became a fail is new', () => {
    const cat = join(tmp, 'warn-to-fail');
    cpSync(resolve(ROOT, WORKED, 'vet/catalog'), cat, { recursive: true });
    const policy = resolve(ROOT, WORKED, 'vet/policy.yaml');
    const args = ['vet', cat, '--policy', policy, '--as-of', '2026-11-23', '--format', 'json'];
    edvet([...args, '--output', join(tmp, 'wf.json')]);
    // c-cheap-but-weak warns on data use (targeted_ads not stated); make it a fail.
    const f = join(cat, 'c-mixed.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace('  sells_data: false\nsso: { providers: [schoology] }', '  sells_data: true\nsso: { providers: [schoology] }'));
    const r = edvetJson<Report>([...args, '--baseline', join(tmp, 'wf.json')]);
    const du = byId(r.json).get('c-cheap-but-weak')!.findings.find((x) => x.rule === 'privacy.data-use')!;
    expect([du.status, du.known]).toEqual(['fail', false]);
  });
});

describe('edvet letters', () => {
  it('writes one letter per rejected product, refuses to replace without --force, and prints what it wrote', () => {
    const out = join(tmp, 'letters');
    const args = ['letters', '--catalog', `${DEMO}/catalog`, '--policy', `${DEMO}/catalog/edvet.policy.yaml`, '--as-of', '2026-11-23', '--out-dir', out];
    const r = edvet(args);
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(7);
    for (const f of files) expect(f).toMatch(/^[a-z0-9-]+--[a-z0-9-]+\.md$/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('wrote '))).toHaveLength(7);
    const again = edvet(args);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    expect(edvet([...args, '--force']).status).toBe(0);
    const html = edvet([...args, '--format', 'html', '--out-dir', join(tmp, 'letters-html')]);
    expect(html.status).toBe(0);
    expect(readdirSync(join(tmp, 'letters-html')).every((f) => f.endsWith('.html'))).toBe(true);
  });
});

describe('edvet init', () => {
  it('writes a starter catalog, policy and workflow that vet cleanly, and never overwrites', () => {
    const dir = join(tmp, 'init');
    const r = edvet(['init', dir]);
    expect(r.status).toBe(0);
    for (const f of ['edvet.policy.yaml', 'catalog/example-reader.yaml', 'catalog/example-quiz.yaml', '.github/workflows/edvet.yml']) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
    const before = readFileSync(join(dir, 'edvet.policy.yaml'), 'utf8');
    const v = edvetJson<Report>(['vet', 'catalog', '--format', 'json', '--as-of', '2026-11-23'], { cwd: dir });
    expect(v.status).toBe(1);
    expect(byId(v.json).get('example-reader')!.verdict).toBe('approved');
    expect(byId(v.json).get('example-quiz')!.verdict).toBe('rejected');
    const again = edvet(['init', dir]);
    expect(again.status).toBe(2);
    expect(readFileSync(join(dir, 'edvet.policy.yaml'), 'utf8')).toBe(before);
  });
});
