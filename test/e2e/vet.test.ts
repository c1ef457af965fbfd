/**
 * `edvet vet` end to end: the built binary on the spec's worked example (its
 * inputs copied into test/fixtures; test/e2e/conformance.test.ts compares it
 * with ../shared's expected.json) and on fixtures/, JSON parsed and compared, exit statuses, --fail-on, --tool,
 * --output, warnings.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { edvet, edvetJson, ensureBuilt, expectUsageOrInputError, ROOT, WORKED } from './helpers.js';

interface Finding {
  rule: string;
  check: string;
  status: string;
  message: string;
  evidence: { field: string; value: unknown; expected: unknown };
  source: { file: string; line: number; column: number };
  remediation: string | null;
  waiver: { reason: string; approvedBy: string; expiresOn: string; expired: boolean } | null;
  known: boolean;
}
interface Product {
  id: string;
  verdict: string;
  checks: Record<string, string>;
  findings: Finding[];
  source: { file: string; line: number; column: number };
  usage: unknown;
  sunset: unknown;
  renewal: unknown;
}
interface Report {
  schemaVersion: number;
  generator: { name: string; version: string };
  command: string;
  asOf: string;
  policy: { source: string };
  products: Product[];
  unmatchedApps: unknown[];
  inputs: unknown[];
  warnings: string[];
  summary: { products: number; approved: number; conditional: number; rejected: number; findings: Record<string, number> };
}

const CONF = `${WORKED}/vet`;
/** The vetting rules that run without a policy switch (the worked example's policy turns none on). */
const VETTING = RULES.filter((r) => r.kind === 'vetting' && !r.enabled).map((r) => r.id);
const vetRuns = new Map<string, ReturnType<typeof edvetJson<Report>>>();
/** `edvet vet` of the worked example as JSON with `extra` flags; the same flags run once per file (the run writes nothing). */
const vetConf = (...extra: string[]) => {
  const key = extra.join('\0');
  if (!vetRuns.has(key)) vetRuns.set(key, edvetJson<Report>(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--format', 'json', ...extra]));
  return vetRuns.get(key)!;
};
const tmp = mkdtempSync(join(tmpdir(), 'edvet-e2e-vet-'));

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the worked example (a copy of ../shared/conformance/vet without its expected.json)', () => {
  it('the JSON contract: header, products sorted by id, findings in rule order, nulls in vet', () => {
    const { json } = vetConf();
    expect(json.schemaVersion).toBe(1);
    expect(json.generator).toEqual({ name: 'edvet', version: '0.1.0' });
    expect(json.command).toBe('vet');
    expect(json.policy.source).toBe(`${CONF}/policy.yaml`);
    expect(json.inputs).toEqual([]);
    expect(json.unmatchedApps).toEqual([]);
    const ids = json.products.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    for (const p of json.products) {
      expect(p.findings.map((f) => f.rule)).toEqual(VETTING);
      expect(p.usage).toBeNull();
      expect(p.sunset).toBeNull();
      expect(p.renewal).toBeNull();
      expect(Object.keys(p.checks).sort()).toEqual(['accessibility', 'cost', 'evidence', 'mobile', 'privacy', 'sso', 'standards']);
      for (const f of p.findings) {
        expect(f.source.file.startsWith(`${CONF}/catalog/`)).toBe(true);
        expect(f.source.line).toBeGreaterThanOrEqual(1);
        expect(f.source.column).toBeGreaterThanOrEqual(1);
        // warn and fail carry the remediation (a waived finding may keep it); pass and n/a do not
        if (['warn', 'fail'].includes(f.status)) expect(f.remediation).toBeTruthy();
        if (['pass', 'n/a'].includes(f.status)) expect(f.remediation).toBeNull();
      }
    }
    const s = json.summary;
    expect(s.products).toBe(json.products.length);
    expect(s.approved + s.conditional + s.rejected).toBe(s.products);
    const total = Object.values(s.findings).reduce((a, b) => a + b, 0);
    expect(total).toBe(json.products.length * VETTING.length);
  });

  it('the waiver by check name: mobile waived with its reason and approver; the verdict is not rejected by it', () => {
    const { json } = vetConf();
    const staff = json.products.find((p) => p.id === 'c-staff-tool')!;
    const mob = staff.findings.find((f) => f.rule === 'mobile.responsive')!;
    expect(mob.status).toBe('waived');
    expect(mob.waiver).toEqual({ reason: 'Used only on district desktops at the front office', approvedBy: 'Chief Technology Officer', expiresOn: '2027-06-30', expired: false });
    expect(staff.checks.mobile).toBe('waived');
  });

  it('after the waiver expires, the fail is back and the note says it expired', () => {
    const { json, status } = edvetJson<Report>(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2027-07-01', '--format', 'json', '--tool', 'c-staff-tool']);
    const mob = json.products[0].findings.find((f) => f.rule === 'mobile.responsive')!;
    expect(mob.status).toBe('fail');
    expect(mob.waiver?.expired).toBe(true);
    expect(json.products[0].verdict).toBe('rejected');
    expect(status).toBe(1);
  });
});

describe('exit status and --fail-on', () => {
  it('0 when every product is approved', () => {
    const r = edvetJson<Report>(['vet', `${CONF}/catalog/c-good.yaml`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--format', 'json']);
    expect(r.json.products.map((p) => p.verdict)).toEqual(['approved']);
    expect(r.status).toBe(0);
  });

  it('warnings only: 0 by default, 1 with --fail-on warn', () => {
    const args = ['vet', `${CONF}/catalog/c-staff.yaml`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--format', 'json'];
    const r = edvetJson<Report>(args);
    expect(r.json.products[0].verdict).toBe('conditional');
    expect(r.status).toBe(0);
    expect(edvet([...args, '--fail-on', 'warn']).status).toBe(1);
  });

  it('a fail: 1 by default and with --fail-on warn, 0 with --fail-on never', () => {
    expect(vetConf().status).toBe(1);
    expect(vetConf('--fail-on', 'warn').status).toBe(1);
    const r = vetConf('--fail-on', 'never');
    expect(r.status).toBe(0);
    expect(r.json.summary.rejected).toBeGreaterThan(0);
  });
});

describe('--tool', () => {
  it('keeps only the named products', () => {
    const { json } = vetConf('--tool', 'c-good', '--tool', 'c-staff-tool');
    expect(json.products.map((p) => p.id)).toEqual(['c-good', 'c-staff-tool']);
    expect(json.warnings).toEqual([]);
  });

  it('the waiver of a catalog product left out by --tool is ignored without a warning (rules.md "Corner cases")', () => {
    const r = vetConf('--tool', 'c-good');
    expect(r.json.warnings).toEqual([]);
    expect(r.stderr).not.toContain('c-staff-tool');
    expect(r.status).toBe(0);
  });

  it('a waiver for a product in no manifest of the run is still a warning in the report and on stderr', () => {
    const r = edvetJson<Report>(['vet', `${CONF}/catalog`, '--policy', 'fixtures/bad/policy/waiver-unknown-product.yaml', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never']);
    expect(r.json.warnings.filter((w) => /names a product not in this run/.test(w))).toHaveLength(1);
    expect(r.stderr).toMatch(/names a product not in this run/);
  });

  it('an unknown id is exit 2', () => {
    expectUsageOrInputError(edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--tool', 'no-such-tool']), /no-such-tool/);
  });
});

describe('the rule fixtures as a catalog', () => {
  it('fixtures/rules/privacy.dpa: each case gets its status, located in its own file', () => {
    const { json, status } = edvetJson<Report>(['vet', 'fixtures/rules/privacy.dpa', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never']);
    expect(status).toBe(0);
    expect(json.policy.source).toBe('defaults');
    const dpa = Object.fromEntries(json.products.map((p) => [p.id, p.findings.find((f) => f.rule === 'privacy.dpa')!]));
    expect(Object.fromEntries(Object.entries(dpa).map(([k, f]) => [k, f.status]))).toEqual({
      'dpa-expired': 'fail',
      'dpa-expiring': 'warn',
      'dpa-in-force': 'pass',
      'dpa-no-privacy': 'fail',
      'dpa-not-signed': 'fail',
      'dpa-signed-absent': 'fail',
      'dpa-signed-null': 'fail',
      'dpa-signed-open': 'pass',
      'dpa-signed-future': 'warn',
    });
    expect(dpa['dpa-expired'].source).toEqual({ file: 'fixtures/rules/privacy.dpa/expired.yaml', line: 9, column: 17 });
    expect(dpa['dpa-expired'].evidence).toEqual({ field: 'privacy.dpa.expires_on', value: '2026-06-30', expected: '>= 2026-11-23' });
    const p = json.products.find((x) => x.id === 'dpa-expired')!;
    expect(p.source).toEqual({ file: 'fixtures/rules/privacy.dpa/expired.yaml', line: 1, column: 1 });
    expect(p.verdict).toBe('rejected');
  });

  it('all 100+ rule fixtures vet in one run', () => {
    const { json, status } = edvetJson<Report>(['vet', 'fixtures/rules', '--as-of', '2026-11-23', '--format', 'json']);
    expect(status).toBe(1);
    expect(json.products.length).toBeGreaterThan(100);
    const wcag = json.products.find((p) => p.id === 'wcag-acr-dns')!.findings.find((f) => f.rule === 'accessibility.wcag')!;
    expect(wcag.status).toBe('fail');
    expect(wcag.message).toContain('1.4.3 Contrast (Minimum)');
  });

  it('the empty-file warning reaches stderr and the report', () => {
    const r = edvetJson<Report>(['vet', 'fixtures/bad/empty-and-good', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never']);
    expect(r.status).toBe(0);
    expect(r.json.warnings.some((w) => w.includes('empty.yaml'))).toBe(true);
    expect(r.stderr).toContain('empty.yaml');
  });
});

describe('--output', () => {
  it('writes the report to the file (nothing on stdout), replacing an old one, leaving no temporary file', () => {
    const out = join(tmp, 'report.json');
    writeFileSync(out, 'old report');
    const r = edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--format', 'json', '--output', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const json = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(json.products).toHaveLength(4);
    expect(readdirSync(tmp)).toEqual(['report.json']);
  });

  it('a folder that does not exist is exit 2 and writes nothing', () => {
    const out = join(tmp, 'missing-folder', 'report.json');
    const r = edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--format', 'json', '--output', out]);
    expectUsageOrInputError(r, /does not exist/);
    expect(existsSync(join(tmp, 'missing-folder'))).toBe(false);
  });

  it('an --output path that is a folder is exit 2', () => {
    expectUsageOrInputError(edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--output', tmp]));
  });

  it('a relative --output resolves against the working folder', () => {
    const r = edvet(['vet', join(ROOT, CONF, 'catalog'), '--policy', join(ROOT, CONF, 'policy.yaml'), '--as-of', '2026-11-23', '--format', 'json', '--output', 'rel.json'], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(existsSync(join(tmp, 'rel.json'))).toBe(true);
  });
});

describe('bad input', () => {
  it('a missing path', () => {
    expectUsageOrInputError(edvet(['vet', 'fixtures/no-such-folder', '--as-of', '2026-11-23']), /fixtures\/no-such-folder/);
  });

  it('a folder with no manifests', () => {
    expectUsageOrInputError(edvet(['vet', 'fixtures/bad/no-manifests', '--as-of', '2026-11-23']), /no manifests/);
  });

  it('a run with no product at all', () => {
    expectUsageOrInputError(edvet(['vet', 'fixtures/bad/empty-only', '--as-of', '2026-11-23']), /no product/);
  });

  it('all schema errors of a run together, each as file:line:col', () => {
    const r = edvet(['vet', 'fixtures/bad/many-errors', '--as-of', '2026-11-23', '--format', 'json']);
    expectUsageOrInputError(r);
    expect(r.stdout).toBe('');
    const located = r.stderr.split('\n').filter((l) => /fixtures\/bad\/many-errors\/[abc]\.yaml:\d+:\d+: /.test(l));
    expect(located).toHaveLength(5);
  });

  it('a bad policy is exit 2 with its position', () => {
    const r = edvet(['vet', 'fixtures/rules/privacy.dpa', '--policy', 'fixtures/bad/policy/waiver-unknown-rule.yaml', '--as-of', '2026-11-23']);
    expectUsageOrInputError(r, /fixtures\/bad\/policy\/waiver-unknown-rule\.yaml:3:11: /);
  });

  it('no input file is modified', () => {
    const f = join(ROOT, CONF, 'policy.yaml');
    const before = readFileSync(f, 'utf8');
    expect(edvet(['vet', `${CONF}/catalog`, '--policy', `${CONF}/policy.yaml`, '--as-of', '2026-11-23', '--output', join(tmp, 'x.json')]).status).toBe(1);
    expect(readFileSync(f, 'utf8')).toBe(before);
  });
});

describe('which policy', () => {
  it('edvet.policy.yaml at the top of the catalog folder is the policy (not a manifest); --policy overrides it', () => {
    const cat = join(tmp, 'catalog');
    mkdirSync(cat, { recursive: true });
    writeFileSync(join(cat, 'p.yaml'), 'id: p\nname: P\nvendor: V\ncategory: productivity\naudience: [staff]\n');
    writeFileSync(join(cat, 'edvet.policy.yaml'), 'mobile:\n  required: false\n');
    const r = edvetJson<Report>(['vet', 'catalog', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never'], { cwd: tmp });
    expect(r.json.policy.source).toBe('catalog/edvet.policy.yaml');
    expect(r.json.products.map((p) => p.id)).toEqual(['p']);
    expect(r.json.products[0].findings.find((f) => f.rule === 'mobile.responsive')?.status).toBe('n/a');
    const d = edvetJson<Report>(['vet', 'catalog', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never', '--policy', join(ROOT, CONF, 'policy.yaml')], { cwd: tmp });
    expect(d.json.products[0].findings.find((f) => f.rule === 'mobile.responsive')?.status).toBe('fail');
  });
});
