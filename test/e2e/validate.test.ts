/** `edvet validate` end to end: every broken fixture gives JSON errors with file, line and column. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt, expectUsageOrInputError, ROOT } from '../rules/helpers.js';

interface ValidateReport {
  schemaVersion: number;
  command: string;
  valid: boolean;
  policy: { source: string };
  products: number;
  errors: { file: string | null; line: number | null; column: number | null; message: string }[];
  warnings: string[];
}

beforeAll(() => ensureBuilt());

const BAD = 'fixtures/bad';
/** Cases whose error has no line: the whole file or folder is the problem. */
const WHOLE_FILE = new Set(['binary.yaml', 'acr-binary', 'empty.yaml', 'empty-only', 'no-manifests']);
/** Not errors: the empty file beside a good one is a warning. */
const NOT_BAD = new Set(['empty-and-good', 'policy']);
const cases = readdirSync(join(ROOT, BAD)).filter((c) => !NOT_BAD.has(c)).sort();

describe('validate on every broken manifest fixture', () => {
  it('there are many cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const c of cases) {
    it(c, () => {
      const r = edvetJson<ValidateReport>(['validate', `${BAD}/${c}`, '--format', 'json']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/validation failed/);
      expect(r.json).toMatchObject({ schemaVersion: 1, command: 'validate', valid: false });
      expect(r.json.errors.length).toBeGreaterThan(0);
      for (const e of r.json.errors) {
        expect(e.file, JSON.stringify(e)).toBeTruthy();
        expect(e.file!.startsWith(`${BAD}/${c}`), JSON.stringify(e)).toBe(true);
        expect(e.message.length).toBeGreaterThan(0);
        if (!WHOLE_FILE.has(c)) {
          expect(e.line, JSON.stringify(e)).toBeGreaterThanOrEqual(1);
          expect(e.column, JSON.stringify(e)).toBeGreaterThanOrEqual(1);
        }
      }
    });
  }

  it('every error of a folder, sorted by file, line, column', () => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/many-errors`, '--format', 'json']);
    expect(r.json.errors.map((e) => `${e.file}:${e.line}:${e.column}`)).toEqual([
      `${BAD}/many-errors/a.yaml:6:14`,
      `${BAD}/many-errors/a.yaml:7:3`,
      `${BAD}/many-errors/a.yaml:10:15`,
      `${BAD}/many-errors/b.yaml:6:1`,
      `${BAD}/many-errors/c.yaml:7:17`,
    ]);
    expect(r.json.errors[1].message).toContain('essa_tier');
  });

  it('errors of several paths together', () => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/tabs.yaml`, `${BAD}/unknown-field.yaml`, `${BAD}/wrong-type.yaml`, '--format', 'json']);
    expect(r.json.errors.map((e) => e.file)).toEqual([`${BAD}/tabs.yaml`, `${BAD}/unknown-field.yaml`, `${BAD}/wrong-type.yaml`]);
  });
});

describe('validate on policies', () => {
  const policies = readdirSync(join(ROOT, BAD, 'policy'))
    .filter((f) => f !== 'waiver-unknown-product.yaml')
    .sort();
  for (const f of policies) {
    it(`policy ${f}`, () => {
      const r = edvetJson<ValidateReport>(['validate', 'fixtures/rules/privacy.dpa', '--policy', `${BAD}/policy/${f}`, '--format', 'json']);
      expect(r.status).toBe(2);
      expect(r.json.valid).toBe(false);
      expect(r.json.products).toBe(8);
      for (const e of r.json.errors) {
        expect(e.file).toBe(`${BAD}/policy/${f}`);
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it('a waiver naming a product not in the run is valid', () => {
    const r = edvetJson<ValidateReport>(['validate', 'fixtures/rules/privacy.dpa', '--policy', `${BAD}/policy/waiver-unknown-product.yaml`, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.valid).toBe(true);
  });

  it('policy and manifest errors are reported together', () => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/unknown-field.yaml`, '--policy', `${BAD}/policy/unknown-key.yaml`, '--format', 'json']);
    expect(new Set(r.json.errors.map((e) => e.file))).toEqual(new Set([`${BAD}/unknown-field.yaml`, `${BAD}/policy/unknown-key.yaml`]));
  });
});

describe('validate on good input', () => {
  it('every rule fixture is valid', () => {
    const r = edvetJson<ValidateReport>(['validate', 'fixtures/rules', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ valid: true, errors: [], policy: { source: 'defaults' } });
    expect(r.json.products).toBeGreaterThan(100);
  });

  it('the empty-file warning is in warnings, and the run is valid', () => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/empty-and-good`, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.products).toBe(1);
    expect(r.json.warnings).toHaveLength(1);
    expect(r.stderr).toContain('empty.yaml');
  });

  it('table format: one file:line:col line per error, and a count', () => {
    const r = edvet(['validate', `${BAD}/many-errors`]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => /^fixtures\/bad\/many-errors\/[abc]\.yaml:\d+:\d+: /.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/5 errors/);
    expect(edvet(['validate', 'fixtures/rules/privacy.dpa']).stdout).toMatch(/valid: 8 products/);
  });

  it('an unknown --format for validate lists table and json', () => {
    expectUsageOrInputError(edvet(['validate', 'fixtures/rules', '--format', 'csv']), /table, json/);
  });
});
