/**
 * privacy-laws.md end to end, with the built binary on the demo district (an
 * Illinois district: `state_laws: [il-soppa]`): the law pack, proof of
 * deletion, grade-band use and the sunset plan's deletion dates in `audit`;
 * `edvet letters --kind deletion`; and `edvet publish` (the files, what is and
 * is not on the page, the exit codes).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt, ROOT } from './helpers.js';

interface Finding { rule: string; check: string; status: string; message: string; evidence: Record<string, unknown> }
interface Product { id: string; verdict: string; checks: Record<string, string>; findings: Finding[]; sunset: { earliestRetireOn: string; requestDeletionBy: string; deletionDueBy: string; steps: string[] } | null }
interface Report { products: Product[] }

const DEMO = 'fixtures/demo-district';
const POLICY = `${DEMO}/catalog/edvet.policy.yaml`;
const AS_OF = ['--as-of', '2026-11-23'];
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'edvet-law-e2e-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const finding = (r: Report, id: string, rule: string) => r.products.find((p) => p.id === id)?.findings.find((f) => f.rule === rule);

describe('audit on the demo district (Illinois)', () => {
  let r: Report;
  beforeAll(() => {
    const run = edvetJson<Report>(['audit', '--demo', '--format', 'json']);
    expect(run.status).toBe(1);
    r = run.json;
  });

  it('runs the il-soppa pack, citing the section of the first missing item and listing every one', () => {
    const f = finding(r, 'tutorline', 'law.il-soppa.agreement-contents')!;
    expect([f.check, f.status]).toEqual(['privacy', 'fail']);
    expect(f.evidence).toMatchObject({ field: 'privacy.contract_terms.breach_cost_allocation', citation: '105 ILCS 85/15(4)(D)', missing: ['breach_cost_allocation'] });
    expect(f.message).toContain('105 ILCS 85/15(4)(D)');
    expect(finding(r, 'codecanvas', 'law.il-soppa.posting')!.status).toBe('warn'); // posted late: known only from summaries
    expect(finding(r, 'mathspark', 'law.il-soppa.posting')!.status).toBe('pass');
    // No other pack runs: the policy lists only il-soppa.
    expect(r.products.flatMap((p) => p.findings).filter((x) => x.rule.startsWith('law.') && !x.rule.startsWith('law.il-soppa.'))).toEqual([]);
  });

  it('proof of deletion: the retired SignalBoard is overdue; ReadBridge retires later', () => {
    const f = finding(r, 'signalboard', 'privacy.data-deletion')!;
    expect([f.check, f.status]).toEqual(['lifecycle', 'fail']);
    expect(f.evidence).toMatchObject({ startOn: '2026-06-30', days: 45, daysSource: 'DPA', dueOn: '2026-08-14', daysLate: 101 });
    expect(finding(r, 'readbridge', 'privacy.data-deletion')!.status).toBe('n/a');
    expect(r.products.find((p) => p.id === 'signalboard')!.checks.lifecycle).toBe('fail');
    expect(r.products.find((p) => p.id === 'signalboard')!.verdict).toBe('approved'); // lifecycle never moves the verdict
  });

  it('grade-band use: counts only, by roster grade', () => {
    const f = finding(r, 'clarityprep', 'privacy.grade-band-use')!;
    expect(f.status).toBe('warn');
    expect(Object.keys(f.evidence.byGrade as object)).toEqual(['9']);
    expect(f.evidence.unknownGrade).toBe(0);
  });

  it("a sunset plan names when to send the directive and when the certificate is due", () => {
    const s = r.products.find((p) => p.id === 'readbridge')!.sunset!;
    expect(s.requestDeletionBy).toBe(s.earliestRetireOn);
    expect(s.deletionDueBy).toBe('2027-02-21'); // 2026-12-23 + the DPA's 60 days
    expect(s.steps.at(-1)).toContain('edvet letters --kind deletion');
  });
});

describe('edvet letters --kind deletion', () => {
  const args = (out: string) => ['letters', '--kind', 'deletion', '--catalog', `${DEMO}/catalog`, '--policy', POLICY, ...AS_OF, '--out-dir', out];

  it("writes the retired product's directive with every item of §5, naming no student", () => {
    const out = join(tmp, 'deletion');
    const r = edvet(args(out));
    expect(r.status).toBe(0);
    expect(readdirSync(out)).toEqual(['ridgeway-data-systems--signalboard--deletion.md']);
    const md = readFileSync(join(out, 'ridgeway-data-systems--signalboard--deletion.md'), 'utf8');
    expect(md).toContain('**To:** Ridgeway Data Systems, k12privacy@ridgeway.example');
    expect(md).toContain('**From:** Riverside Unified School District');
    expect(md).toContain('November 23, 2026');
    expect(md).toContain('SDPC NDPA v1 (Illinois), registry entry IL-2023-00951, signed on August 1, 2023');
    expect(md).toContain('Family Educational Rights and Privacy Act'); // the statute relied on (no state pack reaches a staff-only tool)
    expect(md).toContain('you delete or return all student data within 45 days'); // the clause relied on
    for (const heading of ['## Extent', '## Nature of the disposition', '## Schedule', '## Reach', '## Anything you keep', '## The certification we need', '## Signed for the district', '## Verification by the vendor']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('no later than August 14, 2026');
    expect(md).toContain('Microsoft Azure'); // the named subprocessor
    expect(md).toMatch(/signed by an authorized representative/);
    expect(md).not.toMatch(/\d+ students?\b/);
    expect(md).not.toMatch(/\\|&[a-z]+;/); // plain words: no Markdown escapes or HTML entities
  });

  it('--tool narrows the letters; a product not due gets none; html too; an unknown kind is a usage error', () => {
    const none = edvet([...args(join(tmp, 'deletion-none')), '--tool', 'mathspark']);
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('no letter written');
    const html = edvet([...args(join(tmp, 'deletion-html')), '--format', 'html', '--tool', 'signalboard']);
    expect(html.status).toBe(0);
    const page = readFileSync(join(tmp, 'deletion-html', 'ridgeway-data-systems--signalboard--deletion.html'), 'utf8');
    expect(page).toContain('<h2>Verification by the vendor</h2>');
    const bad = edvet(['letters', '--kind', 'erasure', '--catalog', `${DEMO}/catalog`, '--out-dir', join(tmp, 'x')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--kind 'erasure'.*rejection, deletion/);
  });
});

describe('edvet publish', () => {
  interface Page { schemaVersion: number; district: string; asOf: string; laws: { id: string }[]; operators: Record<string, unknown>[] }
  const pub = (catalog: string, out: string, extra: string[] = []) => edvet(['publish', '--catalog', catalog, '--out-dir', out, ...AS_OF, ...extra]);

  it('writes index.html, operators.csv, operators.json and the agreement copy; exit 0 when complete', () => {
    const out = join(tmp, 'page');
    const r = pub(`${DEMO}/catalog`, out);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['agreements', 'index.html', 'operators.csv', 'operators.json']);
    expect(readdirSync(join(out, 'agreements'))).toEqual(['mathspark-adaptive--brightline-ndpa-redacted.pdf']);
    const json = JSON.parse(readFileSync(join(out, 'operators.json'), 'utf8')) as Page;
    expect([json.schemaVersion, json.district, json.asOf, json.laws.map((l) => l.id)]).toEqual([1, 'Riverside Unified School District', '2026-11-23', ['il-soppa']]);
    // Every pilot, active or sunsetting product with students or data elements, by vendor then name.
    const names = json.operators.map((o) => `${o.operator as string}|${o.product as string}`);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(json.operators).toHaveLength(21);
    expect(names.some((n) => n.includes('SignalBoard') || n.includes('ChatterNest'))).toBe(false); // retired, proposed
    const tutor = json.operators.find((o) => o.product === 'TutorLine On-Demand')!;
    expect(tutor.breaches).toEqual([{ discoveredOn: '2025-03-02', from: '2025-02-20', to: '2025-03-01', studentsAffected: 212 }]);
    const csv = readFileSync(join(out, 'operators.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFproduct,operator,')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(22);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('class="skip" href="#operators"');
    expect(html).toContain('<a href="agreements/mathspark-adaptive--brightline-ndpa-redacted.pdf">');
    expect(html).toContain('Reviewing and correcting your child'); // the parents' procedures (85/27(a)(4))
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(css|js)|<link /);
  });

  it('never publishes a cost, seat count, waiver, owner, evidence, certificate or a user identifier', () => {
    const out = join(tmp, 'page');
    const files = ['index.html', 'operators.csv', 'operators.json'].map((f) => readFileSync(join(out, f), 'utf8')).join('\n');
    const forbidden: string[] = [];
    for (const f of readdirSync(join(ROOT, DEMO, 'catalog'), { recursive: true }) as string[]) {
      if (!f.endsWith('.yaml') || f.startsWith('acr')) continue;
      const text = readFileSync(join(ROOT, DEMO, 'catalog', f), 'utf8');
      for (const doc of text.split(/^---$/m).map((d) => parse(d) as Record<string, any> | null)) {
        if (!doc) continue;
        if (f === 'edvet.policy.yaml') {
          for (const w of doc.waivers ?? []) forbidden.push(w.reason, w.approved_by);
          continue;
        }
        if (doc.owner) forbidden.push(doc.owner);
        if (doc.evidence?.source) forbidden.push(doc.evidence.source);
        if (doc.offboarding?.certificate) forbidden.push(doc.offboarding.certificate);
        for (const v of [doc.cost?.annual_total, doc.cost?.unit_price]) if (typeof v === 'number' && v >= 100) forbidden.push(v.toLocaleString('en-US'), `$${v}`);
      }
    }
    const users = readFileSync(join(ROOT, DEMO, 'roster/users.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    for (const u of users) forbidden.push(u[0], u[6], u[12]);
    // The district's own contact may share words with an owner's title ("Office of Digital Learning"): it is on the page on purpose.
    const contact = 'Office of Digital Learning, edtech@riverside.example, (217) 555-0142';
    const leaked = [...new Set(forbidden.filter((s) => typeof s === 'string' && s.length > 3 && !contact.includes(s) && files.includes(s)))];
    expect(leaked).toEqual([]);
    expect(files.replace(/<style>[\s\S]*?<\/style>/, '')).not.toMatch(/verdict|rejected|approved|waiv/i);
  });

  it('exit 1 with each missing item on stderr and "not provided" on the page; exit 2 before replacing files', () => {
    const cat = join(tmp, 'gappy');
    cpSync(join(ROOT, DEMO, 'catalog'), cat, { recursive: true });
    const f = join(cat, 'labnotebook.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^vendor_address: .*\n/m, ''));
    const out = join(tmp, 'gappy-page');
    const r = pub(cat, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/LabNotebook[^\n]*: il-soppa requires Business address \(vendor_address, 105 ILCS 85\/27\(a\)\(2\)\)/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<span class="gap">not provided</span>');
    const before = readFileSync(join(out, 'operators.json'), 'utf8');
    const again = pub(cat, out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/operators\.json: this file already exists; use --force/);
    expect(readFileSync(join(out, 'operators.json'), 'utf8')).toBe(before);
    expect(pub(cat, out, ['--force']).status).toBe(1);
  });

  it('ny-2d without the bill of rights in the policy is a gap of the policy (exit 1); co-sdtsa lists on-demand providers apart', () => {
    const cat = join(tmp, 'ny');
    cpSync(join(ROOT, DEMO, 'catalog'), cat, { recursive: true });
    const p = join(cat, 'edvet.policy.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('state_laws: [il-soppa]', 'state_laws: [ny-2d, co-sdtsa]'));
    const r = pub(cat, join(tmp, 'ny-page'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the policy: ny-2d requires parents' bill of rights \(publish\.bill_of_rights, N\.Y\. Educ\. Law §2-d\(3\)\)/);
    expect(r.stderr).toMatch(/the policy: co-sdtsa requires the state's data dictionary/);
    expect(existsSync(join(tmp, 'ny-page', 'index.html'))).toBe(true);
  });
});
