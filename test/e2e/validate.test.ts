/** `edvet validate` end to end: every broken fixture gives JSON errors at their file, line and column. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt, expectUsageOrInputError, ROOT } from './helpers.js';

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
/**
 * Every error `validate` reports for each broken fixture, as file:line:column
 * (null:null when the whole file is the problem). The exact messages of these
 * cases are checked through `vet` in test/hardening/bad-input.test.ts.
 */
const LOCATED: Record<string, string[]> = {
  'acr-binary': ['acr-binary/report.pdf.yaml:null:null'],
  'acr-missing': ['acr-missing/product.yaml:6:12'],
  'acr-no-chapters': ['acr-no-chapters/report.yaml:1:1'],
  'alias-bomb.yaml': ['alias-bomb.yaml:1:1'],
  'bad-category.yaml': ['bad-category.yaml:4:11'],
  'bad-id.yaml': ['bad-id.yaml:1:5'],
  'binary.yaml': ['binary.yaml:null:null'],
  'duplicate-alias': ['duplicate-alias/b.yaml:6:20'],
  'duplicate-client-id': ['duplicate-client-id/b.yaml:6:16', 'duplicate-client-id/b.yaml:6:54'],
  'duplicate-id': ['duplicate-id/b.yaml:4:5'],
  'duplicate-key.yaml': ['duplicate-key.yaml:7:3'],
  'expires-before-signed.yaml': ['expires-before-signed.yaml:9:17'],
  'impossible-date.yaml': ['impossible-date.yaml:8:17'],
  'list-document.yaml': ['list-document.yaml:1:1'],
  'many-errors': ['many-errors/a.yaml:6:14', 'many-errors/a.yaml:7:3', 'many-errors/a.yaml:10:15', 'many-errors/b.yaml:6:1', 'many-errors/c.yaml:7:17'],
  'missing-required.yaml': ['missing-required.yaml:1:1'],
  'multi-doc-one-bad': ['multi-doc-one-bad/products.yaml:11:14'],
  'negative-money.yaml': ['negative-money.yaml:7:15'],
  'out-of-range.yaml': ['out-of-range.yaml:6:14'],
  'proto-keys.yaml': ['proto-keys.yaml:5:1', 'proto-keys.yaml:8:3', 'proto-keys.yaml:10:3'],
  'reversed-range.yaml': ['reversed-range.yaml:5:13'],
  'scalar-document.yaml': ['scalar-document.yaml:1:1'],
  'seats-zero.yaml': ['seats-zero.yaml:8:10'],
  'site-no-total.yaml': ['site-no-total.yaml:6:10'],
  'syntax-error.yaml': ['syntax-error.yaml:7:1'],
  'tabs.yaml': ['tabs.yaml:6:1'],
  'undefined-alias.yaml': ['undefined-alias.yaml:5:9'],
  'unknown-field.yaml': ['unknown-field.yaml:6:3'],
  'unknown-grade.yaml': ['unknown-grade.yaml:5:13'],
  'unknown-top-field.yaml': ['unknown-top-field.yaml:5:1'],
  'wrong-type.yaml': ['wrong-type.yaml:6:14'],
};
/** Cases that end the run with one error on the path itself: nothing to validate in it. */
const WHOLE_RUN = ['empty.yaml', 'empty-only', 'no-manifests'];
/**
 * Not run here: the empty file beside a good one is a warning; policies are checked below; the
 * privacy-law fields are located one by one in test/load/privacy-law-schema.test.ts.
 */
const NOT_BAD = ['empty-and-good', 'policy', 'privacy-laws'];

const where = (e: ValidateReport['errors'][number]) => `${e.file}:${e.line}:${e.column}`;

describe('validate on every broken manifest fixture', () => {
  it('the tables above name every fixture of fixtures/bad', () => {
    expect(readdirSync(join(ROOT, BAD)).sort()).toEqual([...Object.keys(LOCATED), ...WHOLE_RUN, ...NOT_BAD].sort());
  });

  it('all together: exit 2 and every error of every fixture, located, sorted by file, line, column', () => {
    const cases = Object.keys(LOCATED);
    const r = edvetJson<ValidateReport>(['validate', ...cases.map((c) => `${BAD}/${c}`), '--format', 'json']);
    const expected = cases.flatMap((c) => LOCATED[c].map((l) => `${BAD}/${l}`));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`validation failed with ${expected.length} errors`));
    expect(r.json).toMatchObject({ schemaVersion: 1, command: 'validate', valid: false });
    expect(r.json.errors.map(where)).toEqual(expected);
    for (const e of r.json.errors) expect(e.message.length, where(e)).toBeGreaterThan(0);
    expect(r.json.errors.find((e) => where(e) === `${BAD}/many-errors/a.yaml:7:3`)!.message).toContain('essa_tier');
  });

  it.each(WHOLE_RUN)('%s: one error on the path itself', (c) => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/${c}`, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/validation failed/);
    expect(r.json).toMatchObject({ schemaVersion: 1, command: 'validate', valid: false });
    expect(r.json.errors.map(where)).toEqual([`${BAD}/${c}:null:null`]);
    expect(r.json.errors[0].message.length).toBeGreaterThan(0);
  });
});

describe('validate on policies', () => {
  it('a policy with forbidden keys: every error located in the policy, the products still counted', () => {
    const r = edvetJson<ValidateReport>(['validate', 'fixtures/rules/privacy.dpa', '--policy', `${BAD}/policy/proto-keys.yaml`, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.json).toMatchObject({ valid: false, products: 9 });
    expect(r.json.errors.map(where)).toEqual([`${BAD}/policy/proto-keys.yaml:1:1`, `${BAD}/policy/proto-keys.yaml:4:3`]);
  });

  it('a waiver naming a product not in the run is valid', () => {
    const r = edvetJson<ValidateReport>(['validate', 'fixtures/rules/privacy.dpa', '--policy', `${BAD}/policy/waiver-unknown-product.yaml`, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.valid).toBe(true);
  });

  it('policy and manifest errors are reported together', () => {
    const r = edvetJson<ValidateReport>(['validate', `${BAD}/unknown-field.yaml`, '--policy', `${BAD}/policy/unknown-key.yaml`, '--format', 'json']);
    expect(r.json.errors.map(where).sort()).toEqual([`${BAD}/policy/unknown-key.yaml:3:3`, `${BAD}/unknown-field.yaml:6:3`]);
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
    expect(edvet(['validate', 'fixtures/rules/privacy.dpa']).stdout).toMatch(/valid: 9 products/);
  });

  it('an unknown --format for validate lists table and json', () => {
    expectUsageOrInputError(edvet(['validate', 'fixtures/rules', '--format', 'csv']), /table, json/);
  });
});
