/**
 * The catalog loader over fixtures/bad: every error of manifest.md "Errors
 * that must be caught" and quality.md's YAML cases is an input error located
 * at file:line:col, and all errors of a run come together.
 */
import { mkdtempSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findManifestFiles, loadCatalog, matchKeys } from '../../src/load/catalog.js';
import { EdvetError, type Problem } from '../../src/model/errors.js';
import { ROOT } from '../rules/helpers.js';

const BAD = 'fixtures/bad';

function problemsOf(...paths: string[]): Problem[] {
  try {
    loadCatalog(paths.map((p) => `${BAD}/${p}`), ROOT);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return (e as EdvetError).problems;
  }
  throw new Error(`expected ${paths.join(', ')} to be refused`);
}

function one(path: string): Problem {
  const ps = problemsOf(path);
  expect(ps, JSON.stringify(ps)).toHaveLength(1);
  return ps[0];
}

describe('manifest errors that must be caught (manifest.md)', () => {
  it('duplicate id across the catalog names both files', () => {
    const ps = problemsOf('duplicate-id');
    const dup = ps.filter((p) => /duplicate id/.test(p.message));
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ file: `${BAD}/duplicate-id/b.yaml`, line: 4, column: 5 });
    expect(dup[0].message).toContain(`${BAD}/duplicate-id/a.yaml:1:5`);
  });

  it('a duplicate id is reported once, not again as a usage alias clash', () => {
    const ps = problemsOf('duplicate-id');
    expect(ps.map((p) => p.message).filter((m) => /alias/.test(m))).toEqual([]);
    expect(ps).toHaveLength(1);
  });

  it('wrong type: essa_tier "two"', () => {
    expect(one('wrong-type.yaml')).toMatchObject({ file: `${BAD}/wrong-type.yaml`, line: 6, column: 14 });
  });

  it('out of range: essa_tier 5', () => {
    const p = one('out-of-range.yaml');
    expect(p).toMatchObject({ line: 6, column: 14 });
    expect(p.message).toContain('essa_tier');
  });

  it('negative money', () => {
    const p = one('negative-money.yaml');
    expect(p).toMatchObject({ line: 7, column: 15 });
    expect(p.message).toContain('cost.unit_price');
  });

  it('seats: 0 with per_seat', () => {
    const p = one('seats-zero.yaml');
    expect(p).toMatchObject({ line: 8, column: 10 });
    expect(p.message).toContain('seats');
  });

  it('an impossible date (2026-02-30)', () => {
    const p = one('impossible-date.yaml');
    expect(p).toMatchObject({ line: 8, column: 17 });
    expect(p.message).toContain('2026-02-30');
  });

  it('expires_on before signed_on', () => {
    const p = one('expires-before-signed.yaml');
    expect(p).toMatchObject({ line: 9 });
    expect(p.message).toContain('signed_on');
  });

  it('an unknown field suggests the close one: essa_teir → essa_tier, at the key', () => {
    const p = one('unknown-field.yaml');
    expect(p).toMatchObject({ line: 6, column: 3 });
    expect(p.message).toContain('essa_teir');
    expect(p.message).toContain('`essa_tier`');
  });

  it('an unknown top-level field suggests vendor_contact', () => {
    const p = one('unknown-top-field.yaml');
    expect(p).toMatchObject({ line: 5, column: 1 });
    expect(p.message).toContain('vendor_contact');
  });

  it('a YAML syntax error', () => {
    const p = one('syntax-error.yaml');
    expect(p.file).toBe(`${BAD}/syntax-error.yaml`);
    expect(p.line).toBeGreaterThanOrEqual(6);
    expect(p.column).toBeGreaterThanOrEqual(1);
  });

  it('an unknown grade and a reversed range', () => {
    expect(one('unknown-grade.yaml')).toMatchObject({ line: 5, column: 13 });
    expect(one('reversed-range.yaml').message).toMatch(/reversed/);
  });

  it('a site contract without annual_total', () => {
    expect(one('site-no-total.yaml').message).toContain('annual_total');
  });

  it('a missing required field, an invalid id, an unknown category', () => {
    expect(one('missing-required.yaml').message).toContain('`name`');
    expect(one('bad-id.yaml')).toMatchObject({ line: 1, column: 5 });
    expect(one('bad-category.yaml')).toMatchObject({ line: 4, column: 11 });
  });

  it('two products claiming the same usage alias (ignoring case and spaces)', () => {
    const p = one('duplicate-alias');
    expect(p).toMatchObject({ file: `${BAD}/duplicate-alias/b.yaml`, line: 6 });
    expect(p.message).toContain('alias-one');
  });

  it('a client id listed by two products, or equal to another product\'s name, is a schema error naming both manifests', () => {
    const ps = problemsOf('duplicate-client-id');
    expect(ps.map((p) => [p.file, p.line, p.column])).toEqual([
      [`${BAD}/duplicate-client-id/b.yaml`, 6, 16],
      [`${BAD}/duplicate-client-id/b.yaml`, 6, 54],
    ]);
    expect(ps[0].message).toMatch(/^client id "111-q\.apps\.googleusercontent\.com" is also claimed by product `quizly` \(fixtures\/bad\/duplicate-client-id\/a\.yaml\)/);
    expect(ps[1].message).toMatch(/^client id "mapmaker" is also claimed by product `mapmaker`/);
  });
});

describe('YAML cases (quality.md)', () => {
  it('tabs for indentation', () => {
    expect(one('tabs.yaml')).toMatchObject({ line: 6, column: 1 });
  });
  it('duplicate keys', () => {
    expect(one('duplicate-key.yaml')).toMatchObject({ line: 7, column: 3 });
  });
  it('an alias to an undefined anchor', () => {
    expect(one('undefined-alias.yaml').message).toMatch(/alias/);
  });
  it('a list document and a scalar document', () => {
    expect(one('list-document.yaml')).toMatchObject({ line: 1, column: 1 });
    expect(one('scalar-document.yaml').message).toMatch(/single value/);
  });
  it('a binary file', () => {
    const p = one('binary.yaml');
    expect(p.file).toBe(`${BAD}/binary.yaml`);
    expect(p.message).toMatch(/binary/);
  });
  it('an alias bomb is refused', () => {
    const p = one('alias-bomb.yaml');
    expect(p.message).toMatch(/alias/);
  });
  it('__proto__ / constructor / prototype are unknown fields and Object.prototype stays clean', () => {
    const ps = problemsOf('proto-keys.yaml');
    expect(ps.map((p) => p.line)).toEqual([5, 8, 10]);
    for (const p of ps) expect(p.message).toMatch(/unknown field/);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('an empty file is a warning beside a product', () => {
    const cat = loadCatalog([`${BAD}/empty-and-good`], ROOT);
    expect(cat.products.map((p) => p.id)).toEqual(['empty-and-good']);
    expect(cat.warnings).toHaveLength(1);
    expect(cat.warnings[0]).toContain(`${BAD}/empty-and-good/empty.yaml`);
  });
  it('a run with no product at all is an error (empty and comment-only files)', () => {
    expect(one('empty-only').message).toMatch(/no product/);
    expect(one('empty.yaml').message).toMatch(/no product/);
  });
});

describe('the whole run', () => {
  it('reports all errors of all files together, sorted by file, line, column', () => {
    const ps = problemsOf('many-errors');
    expect(ps.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      `${BAD}/many-errors/a.yaml:6:14`,
      `${BAD}/many-errors/a.yaml:7:3`,
      `${BAD}/many-errors/a.yaml:10:15`,
      `${BAD}/many-errors/b.yaml:6:1`,
      `${BAD}/many-errors/c.yaml:7:17`,
    ]);
    for (const p of ps) expect(p.message.length).toBeGreaterThan(0);
  });

  it('errors of several paths are reported together', () => {
    const ps = problemsOf('tabs.yaml', 'wrong-type.yaml', 'unknown-field.yaml');
    expect(new Set(ps.map((p) => p.file)).size).toBe(3);
  });

  it('a bad document among good ones in the same file is reported', () => {
    expect(one('multi-doc-one-bad')).toMatchObject({ line: 11, column: 14 });
  });

  it('the EdvetError message is file:line:col per problem', () => {
    try {
      loadCatalog([`${BAD}/many-errors`], ROOT);
    } catch (e) {
      const lines = (e as Error).message.split('\n');
      expect(lines).toHaveLength(5);
      for (const l of lines) expect(l).toMatch(/^fixtures\/bad\/many-errors\/[abc]\.yaml:\d+:\d+: /);
    }
  });
});

describe('OpenACR references', () => {
  it('a report that does not exist is located at the openacr field', () => {
    const p = one('acr-missing');
    expect(p).toMatchObject({ file: `${BAD}/acr-missing/product.yaml`, line: 6, column: 12 });
  });
  it('a report without chapters is malformed', () => {
    const p = one('acr-no-chapters');
    expect(p.file).toBe(`${BAD}/acr-no-chapters/report.yaml`);
    expect(p.message).toMatch(/chapters/);
  });
  it('a binary report gets one clear error that quotes none of its content', () => {
    const ps = problemsOf('acr-binary');
    for (const p of ps) {
      expect(p.file).toBe(`${BAD}/acr-binary/report.pdf.yaml`);
      expect(p.message).not.toContain('SECRET');
    }
    expect(ps).toHaveLength(1);
  });
  it('an ACR named by a manifest in the same folder is not read as a manifest', () => {
    const cat = loadCatalog(['fixtures/rules/accessibility.wcag'], ROOT);
    expect(cat.products.every((p) => p.id.startsWith('wcag-'))).toBe(true);
    expect(cat.products.find((p) => p.id === 'wcag-acr-supports')?.acr?.file).toBe('fixtures/rules/accessibility.wcag/acr/all-supports.yaml');
  });
});

describe('files and folders', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'edvet-catalog-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a missing path', () => {
    const ps = problemsOf('does-not-exist');
    expect(ps[0].file).toBe(`${BAD}/does-not-exist`);
  });
  it('a folder with no manifests says so', () => {
    expect(one('no-manifests').message).toMatch(/no manifests/);
  });
  it('folders are searched recursively for .yaml and .yml, skipping edvet.policy.yaml', () => {
    mkdirSync(join(tmp, 'cat/sub'), { recursive: true });
    writeFileSync(join(tmp, 'cat/a.yaml'), 'id: a\nname: A\nvendor: V\ncategory: core\n');
    writeFileSync(join(tmp, 'cat/sub/b.YML'), 'id: b\nname: B\nvendor: V\ncategory: core\n');
    writeFileSync(join(tmp, 'cat/edvet.policy.yaml'), 'mobile:\n  required: false\n');
    writeFileSync(join(tmp, 'cat/notes.txt'), 'id: not-a-manifest\n');
    expect(findManifestFiles(['cat'], tmp).map((f) => f.slice(tmp.length + 1)).sort()).toEqual(['cat/a.yaml', 'cat/sub/b.YML']);
    const cat = loadCatalog(['cat'], tmp);
    expect(cat.products.map((p) => p.id)).toEqual(['a', 'b']);
    expect(cat.products[1].file).toBe('cat/sub/b.YML');
  });
  it('a file without read permission is an input error', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const f = join(tmp, 'locked.yaml');
    writeFileSync(f, 'id: a\nname: A\nvendor: V\ncategory: core\n');
    chmodSync(f, 0o000);
    try {
      expect(() => loadCatalog(['locked.yaml'], tmp)).toThrow(EdvetError);
    } finally {
      chmodSync(f, 0o644);
    }
  });
  it('products are sorted by id and carry derived values', () => {
    const cat = loadCatalog(['fixtures/rules/cost.per-student'], ROOT);
    const ids = cat.products.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    const site = cat.products.find((p) => p.id === 'cost-site-covered')!;
    expect(site).toMatchObject({ annualCost: 1_000_000, costPerStudent: 400, costPerSeat: null }); // cents
    expect(site.source).toEqual({ file: 'fixtures/rules/cost.per-student/site-license-covered.yaml', line: 1, column: 1 });
    const seat = cat.products.find((p) => p.id === 'cost-per-seat-over')!;
    expect(seat).toMatchObject({ annualCost: 250_000, costPerSeat: 625 });
  });
  it('matchKeys: id, name and aliases, lowercased and trimmed', () => {
    const cat = loadCatalog(['fixtures/rules/usage.dormant-seats/active-seats.yaml'], ROOT);
    expect(matchKeys(cat.products[0])).toEqual(['dormant-active', 'fixture dormant-active', 'dormant active app', '5f2e9c0d1a']);
  });
});
