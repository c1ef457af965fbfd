/** OpenACR reports (manifest.md "OpenACR"): criteria, worst component, catalog version, report date, malformed reports. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOpenAcr, parseReportDate } from '../../src/load/openacr.js';
import { EdvetError } from '../../src/model/errors.js';
import { ROOT } from '../rules/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'edvet-acr-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const acr = (name: string, text: string | Buffer) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return loadOpenAcr(f, name);
};
const refused = (name: string, text: string | Buffer): EdvetError => {
  try {
    acr(name, text);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return e as EdvetError;
  }
  throw new Error('expected an input error');
};
const FIX = join(ROOT, 'fixtures/rules/accessibility.wcag/acr');

describe('loadOpenAcr', () => {
  it('Level A and AA criteria with the worst component level; AAA and other chapters ignored', () => {
    const r = loadOpenAcr(join(FIX, 'does-not-support.yaml'), 'dns.yaml');
    expect(r).toMatchObject({ file: 'dns.yaml', catalog: '2.5-edition-wcag-2.1-508-en', wcagVersion: '2.1', reportDate: null });
    expect(r.criteria).toEqual([
      { num: '1.1.1', level: 'A', adherence: 'supports' },
      { num: '2.1.1', level: 'A', adherence: 'does-not-support' },
      { num: '1.4.3', level: 'AA', adherence: 'does-not-support' },
      { num: '1.4.4', level: 'AA', adherence: 'partially-supports' },
    ]);
    expect(loadOpenAcr(join(FIX, 'all-supports.yaml'), 'a.yaml').criteria.map((c) => c.num)).toEqual(['1.1.1', '2.1.1', '1.4.3']);
  });

  it('not-evaluated, blank and absent levels are not evaluated', () => {
    const r = loadOpenAcr(join(FIX, 'not-evaluated.yaml'), 'ne.yaml');
    expect(r.criteria.filter((c) => c.adherence === 'not-evaluated').map((c) => c.num)).toEqual(['1.3.1', '1.4.3', '1.4.5']);
  });

  it('a criterion without components is not evaluated; an unknown level is not evaluated', () => {
    const r = acr('x.yaml', 'chapters:\n  success_criteria_level_a:\n    criteria:\n      - num: "1.1.1"\n      - num: "1.2.1"\n        components:\n          - name: web\n            adherence: { level: maybe }\n');
    expect(r.criteria.map((c) => c.adherence)).toEqual(['not-evaluated', 'not-evaluated']);
  });

  it('the WCAG version from the catalog (2.0, 2.1, 2.2), null without one', () => {
    expect(acr('v20.yaml', 'catalog: 2.4-edition-wcag-2.0-508-en\nchapters: {}\n').wcagVersion).toBe('2.0');
    expect(acr('v22.yaml', 'catalog: 2.5-edition-wcag-2.2-en\nchapters: {}\n').wcagVersion).toBe('2.2');
    expect(acr('none.yaml', 'chapters: {}\n').wcagVersion).toBeNull();
  });

  it('report_date written YYYY-MM-DD or M/D/YYYY', () => {
    expect(acr('d1.yaml', 'report_date: "2023-05-12"\nchapters: {}\n').reportDate).toBe('2023-05-12');
    expect(acr('d2.yaml', 'report_date: 8/31/2021\nchapters: {}\n').reportDate).toBe('2021-08-31');
    expect(acr('d3.yaml', 'report_date: August 2018\nchapters: {}\n').reportDate).toBeNull();
  });

  it('parseReportDate', () => {
    expect(parseReportDate('1/2/2024')).toBe('2024-01-02');
    expect(parseReportDate('12/31/2024')).toBe('2024-12-31');
    expect(parseReportDate('2/30/2024')).toBeNull();
    expect(parseReportDate('2024-02-30')).toBeNull();
    expect(parseReportDate(' 2024-2-3 ')).toBe('2024-02-03');
    expect(parseReportDate(20240101)).toBeNull();
    expect(parseReportDate(null)).toBeNull();
  });

  it('no chapters is malformed', () => {
    const e = refused('nochap.yaml', 'title: x\nfoo: 2\n');
    expect(e.problems[0]).toMatchObject({ file: 'nochap.yaml', line: 1, column: 1 });
    expect(e.message).toMatch(/chapters/);
    expect(refused('listchap.yaml', 'chapters: [a, b]\n').message).toMatch(/chapters/);
  });

  it('criteria that are not a list, a criterion without num', () => {
    expect(refused('c1.yaml', 'chapters:\n  success_criteria_level_a:\n    criteria: 5\n').problems[0]).toMatchObject({ line: 3 });
    expect(refused('c2.yaml', 'chapters:\n  success_criteria_level_aa:\n    criteria:\n      - components: []\n').message).toMatch(/num/);
  });

  it('an empty file, a YAML error, a list document, a binary file', () => {
    expect(refused('empty.yaml', '').message).toMatch(/empty/);
    expect(refused('dup.yaml', 'chapters: {}\nchapters: {}\n').problems[0].line).toBe(2);
    expect(refused('list.yaml', '- a\n').message).toMatch(/list/);
    const bin = refused('bin.yaml', Buffer.from('%PDF-1.7\n\u0000\u0000SECRET'));
    expect(bin.message).toMatch(/binary/);
    expect(bin.message).not.toContain('SECRET');
  });

  it('a missing file is an input error', () => {
    expect(() => loadOpenAcr(join(tmp, 'nope.yaml'), 'nope.yaml')).toThrow(EdvetError);
  });
});
