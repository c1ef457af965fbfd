/**
 * GSA's OpenACR samples (../shared/samples/openacr): the real reports load
 * with their Level A/AA criteria; the project's own test examples load or give
 * a clear input error, never a crash.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenAcr, type AcrReport } from '../../src/load/openacr.js';
import { EdvetError } from '../../src/model/errors.js';
import { loadCatalog } from '../../src/load/catalog.js';
import { runOn } from '../rules/helpers.js';
import { needsShared, sharedPath } from '../shared-dir.js';

const SKIP = needsShared('test/samples/openacr-samples.test.ts, GSA\'s public OpenACR samples');

const DIR = sharedPath('samples/openacr');
const load = (name: string) => loadOpenAcr(join(DIR, name), name);
const count = (r: AcrReport) => {
  const c: Record<string, number> = {};
  for (const x of r.criteria) c[x.adherence] = (c[x.adherence] ?? 0) + 1;
  return c;
};

describe.skipIf(SKIP)('real OpenACR reports', () => {
  it('Moodle 3 (no catalog, no report_date): 38 criteria', () => {
    const r = load('Moodle-3.yaml');
    expect(r.criteria).toHaveLength(38);
    expect(r.wcagVersion).toBeNull();
    expect(r.reportDate).toBeNull();
    expect(count(r)).toEqual({ supports: 31, 'not-applicable': 3, 'partially-supports': 2, 'not-evaluated': 2 });
  });

  it('NVDA 2018: its does-not-support criteria are AAA only, so every A/AA one supports', () => {
    const r = load('NVDA-2018.yaml');
    expect(r.criteria).toHaveLength(38);
    expect(count(r)).toEqual({ supports: 38 });
  });

  it('Plone 5', () => {
    expect(count(load('Plone-5.yaml'))).toEqual({ supports: 37, 'partially-supports': 1 });
  });

  it('Drupal 10 (catalog 2.1, ISO report_date, blank levels)', () => {
    const r = load('drupal-10-16.yaml');
    expect(r).toMatchObject({ wcagVersion: '2.1', reportDate: '2023-05-12', catalog: '2.4-edition-wcag-2.1-en' });
    expect(r.criteria).toHaveLength(50);
    expect(r.criteria.find((c) => c.num === '1.4.3')).toBeTruthy();
    expect(count(r)['does-not-support']).toBe(1);
  });

  it('Drupal 9 (report_date 8/31/2021)', () => {
    const r = load('drupal-9.yaml');
    expect(r).toMatchObject({ wcagVersion: '2.1', reportDate: '2021-08-31' });
    expect(count(r)).toEqual({ supports: 19, 'partially-supports': 10, 'does-not-support': 3, 'not-applicable': 2, 'not-evaluated': 16 });
  });

  it('GovReady 0.9', () => {
    const r = load('govready-0.9.yaml');
    expect(r.criteria).toHaveLength(38);
    expect(count(r)['does-not-support']).toBe(7);
  });
});

describe.skipIf(SKIP)("the OpenACR project's test examples", () => {
  it('test-valid: loads', () => {
    const r = load('test-valid.yaml');
    expect(r.criteria.map((c) => [c.num, c.adherence])).toEqual([
      ['1.1.1', 'supports'],
      ['1.2.2', 'does-not-support'],
    ]);
  });

  it('test-valid-components-missing-adherence: the component without adherence is not evaluated', () => {
    const r = load('test-valid-components-missing-adherence.yaml');
    expect(r.criteria.map((c) => [c.num, c.adherence])).toEqual([
      ['1.1.1', 'supports'],
      ['1.2.2', 'not-evaluated'],
    ]);
  });

  it('test-invalid-basic (no chapters): a clear input error at the file', () => {
    try {
      load('test-invalid-basic.yaml');
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(EdvetError);
      expect((e as EdvetError).kind).toBe('input');
      expect((e as EdvetError).problems[0]).toMatchObject({ file: 'test-invalid-basic.yaml', line: 1, column: 1 });
      expect((e as Error).message).toMatch(/chapters/);
    }
  });

  it('test-invalid-criteria (a made-up criterion 100.100.100, a hardware chapter): loads its A criteria; the hardware chapter is ignored', () => {
    const r = load('test-invalid-criteria.yaml');
    expect(r.criteria.map((c) => c.num)).toEqual(['1.1.1', '100.100.100']);
    expect(r.criteria.every((c) => c.adherence === 'supports')).toBe(true);
  });

  it('every sample loads or gives an input error, never a raw exception', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBe(10);
    for (const f of files) {
      try {
        const r = load(f);
        expect(Array.isArray(r.criteria)).toBe(true);
      } catch (e) {
        expect(e, f).toBeInstanceOf(EdvetError);
      }
    }
  });
});

describe.skipIf(SKIP)('accessibility rules on the real reports', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'edvet-acr-samples-'));
  const product = (sample: string, extra = '') => {
    // An OpenACR path must stay inside the catalog's repository: the sample is copied beside the manifest.
    copyFileSync(join(DIR, sample), join(tmp, sample));
    writeFileSync(join(tmp, 'p.yaml'), `id: p\nname: P\nvendor: V\ncategory: core\naccessibility:\n${extra}  openacr: ${sample}\n`);
    const p = loadCatalog(['p.yaml'], tmp).products[0];
    return p;
  };

  it('Drupal 9: wcag fails naming the unsupported criteria with their titles; vpat judges 8/31/2021', () => {
    const p = product('drupal-9.yaml');
    const w = runOn('accessibility.wcag', p);
    expect(w.f.status).toBe('fail');
    expect(w.o.params).toMatchObject({ count: 3 });
    const failing = (w.f.evidence.value as string[]).filter((v) => v.endsWith(': does not support'));
    expect(failing).toEqual([
      '1.2.2 Captions (Prerecorded): does not support',
      '1.2.3 Audio Description or Media Alternative (Prerecorded): does not support',
      '1.2.5 Audio Description (Prerecorded): does not support',
    ]);
    const v = runOn('accessibility.vpat', p, { asOf: '2026-11-23' });
    expect(v.f.status).toBe('warn');
    expect(v.f.evidence.value).toBe('2021-08-31');
    expect(runOn('accessibility.vpat', p, { asOf: '2022-01-01' }).f.status).toBe('pass');
  });

  it("Moodle 3 (no catalog): the manifest's version; partially supported → warn, or fail with openacr_partial: fail", () => {
    const p = product('Moodle-3.yaml', '  wcag_version: "2.1"\n');
    expect(runOn('accessibility.wcag', p).o.message).toBe('acr-partial');
    expect(runOn('accessibility.wcag', p, { policy: { accessibility: { openacr_partial: 'fail' } } }).f.status).toBe('fail');
    rmSync(tmp, { recursive: true, force: true });
  });
});
