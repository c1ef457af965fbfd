/** `edvet list` and `edvet import` through the built binary: formats, the template → validate, and the list round trip. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { needsShared, sharedPath } from '../shared-dir.js';
import { edvet, edvetJson, ensureBuilt, ROOT } from './helpers.js';

beforeAll(() => ensureBuilt());

const CATALOG = 'fixtures/demo-district/catalog';
const SAMPLE = sharedPath('samples/app-inventory-sas/expected-data-template.csv');
const tmp = () => mkdtempSync(join(tmpdir(), 'edvet-e2e-import-'));

interface ListJson {
  schemaVersion: number;
  command: string;
  asOf: string;
  products: { id: string; verdict: string; annualCost: number | null; costPerStudent: number | null; decideBy: string | null; renewalOn: string | null }[];
}

describe('edvet list', () => {
  it('json: one product per manifest, sorted by id, with the verdicts and figures of vet', () => {
    const list = edvetJson<ListJson>(['list', CATALOG, '--format', 'json', '--as-of', '2026-11-23']);
    expect(list.status).toBe(0);
    expect(list.json).toMatchObject({ schemaVersion: 1, command: 'list', asOf: '2026-11-23' });
    const ids = list.json.products.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    const vet = edvetJson<{ products: { id: string; verdict: string }[] }>(['vet', CATALOG, '--format', 'json', '--as-of', '2026-11-23']);
    expect(Object.fromEntries(list.json.products.map((p) => [p.id, p.verdict]))).toEqual(Object.fromEntries(vet.json.products.map((p) => [p.id, p.verdict])));
    const mathspark = list.json.products.find((p) => p.id === 'mathspark')!;
    expect(mathspark.annualCost).toBe(4025);
    expect(mathspark.renewalOn).toBe('2027-06-30');
    expect(mathspark.decideBy).toBe('2027-05-01');
  });

  it('csv: BOM, CRLF, exactly the columns of reports.md; markdown, html and table render', () => {
    const csv = edvet(['list', CATALOG, '--format', 'csv']);
    expect(csv.stdout.startsWith('\uFEFFid,name,vendor,category,status,verdict,annual_cost,seats,cost_per_student,renewal_on,decide_by,dpa_expires_on,wcag,essa_tier,reviewed_on\r\n')).toBe(true);
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(27);
    expect(edvet(['list', CATALOG, '--format', 'markdown']).stdout).toMatch(/^\| mathspark \| MathSpark/m);
    const html = edvet(['list', CATALOG, '--format', 'html']).stdout;
    expect(html).toMatch(/<th scope="row">mathspark<\/th>/);
    expect(html).toMatch(/Content-Security-Policy/);
    const table = edvet(['list', CATALOG]).stdout;
    expect(table).toMatch(/^mathspark +/m);
    expect(edvet(['list', CATALOG, '--format', 'sarif']).status).toBe(2);
  });

  it('round trip: the list imported again gives back its listed fields', () => {
    const dir = tmp();
    const csvFile = join(dir, 'list.csv');
    const r = edvet(['list', CATALOG, '--format', 'csv', '--output', csvFile]);
    expect(r.status).toBe(0);
    const out = join(dir, 'drafts');
    const imp = edvet(['import', csvFile, '--out-dir', out]);
    expect(imp.status, imp.stderr).toBe(0);
    const orig = edvetJson<{ products: Record<string, unknown>[] }>(['list', CATALOG, '--format', 'json']).json.products;
    const lines = readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(readdirSync(out)).toHaveLength(lines.length - 1);
    for (const p of orig) {
      const d = parse(readFileSync(join(out, `${p.id}.yaml`), 'utf8'));
      const wcag = [d.accessibility?.wcag_version, d.accessibility?.conformance].filter(Boolean).join(' ') || null;
      expect({
        id: d.id, name: d.name, vendor: d.vendor, category: d.category, status: d.status, seats: d.cost?.seats ?? null, renewalOn: d.cost?.renewal_on ?? null,
        dpaExpiresOn: d.privacy?.dpa?.expires_on ?? null, wcag, essaTier: d.evidence?.essa_tier ?? null, reviewedOn: d.reviewed_on ?? null,
      }).toEqual({
        id: p.id, name: p.name, vendor: p.vendor, category: p.category, status: p.status, seats: p.seats, renewalOn: p.renewalOn,
        dpaExpiresOn: p.dpaExpiresOn, wcag: p.wcag, essaTier: p.essaTier, reviewedOn: p.reviewedOn,
      });
    }
  });
});

describe.skipIf(needsShared('test/e2e/list-import.test.ts, edvet import on the public app-inventory template'))('edvet import on the public template, then edvet validate', () => {
  it('validate lists exactly the missing fields of each draft, at their lines', () => {
    const out = join(tmp(), 'drafts');
    const imp = edvetJson<{ drafts: { id: string; todo: string[] }[] }>(['import', SAMPLE, '--out-dir', out, '--format', 'json']);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.json.drafts).toHaveLength(10);
    expect(imp.stderr).toMatch(/10 drafts written/);
    const v = edvetJson<{ valid: boolean; errors: { file: string; line: number; column: number; message: string }[] }>(['validate', out, '--format', 'json']);
    expect(v.status).toBe(2);
    const missing = new Set<string>();
    for (const e of v.json.errors) {
      const file = join(ROOT, e.file);
      const lines = readFileSync(file, 'utf8').split('\n');
      const line = lines[e.line - 1];
      // Each error points at an empty key whose TODO says what to write there.
      expect(line, `${e.file}:${e.line}`).toMatch(/^\s*([a-z_]+):\s+# TODO: /);
      const key = /^\s*([a-z_]+):/.exec(line)![1];
      expect(e.column).toBeGreaterThan(line.indexOf(':'));
      missing.add(`${e.file.split('/').pop()!.replace('.yaml', '')}:${key === 'model' ? 'cost.model' : key}`);
    }
    const expected = new Set(imp.json.drafts.flatMap((d) => d.todo.filter((t) => ['vendor', 'category', 'cost.model'].includes(t)).map((t) => `${d.id}:${t}`)));
    expect(missing).toEqual(expected);
    expect([...missing].filter((m) => m.endsWith(':vendor'))).toHaveLength(10);
    expect(missing.has('payroll-system:cost.model')).toBe(true);
  });
});
