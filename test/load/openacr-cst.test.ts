/**
 * The quick OpenACR reading (src/load/openacr-cst.ts) must agree with the
 * full YAML parse on every ACR the project knows: the real samples, the demo
 * district's and the rule fixtures'. Where it declines (null), the full parse
 * is used, so only agreement or a decline is acceptable.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretAcr, loadOpenAcr } from '../../src/load/openacr.js';
import { acrValueFromCst } from '../../src/load/openacr-cst.js';
import { readYamlFile } from '../../src/load/yaml.js';
import { ROOT } from '../rules/helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

const acrs = [
  ...yamlFiles(resolve(ROOT, '../shared/samples/openacr')),
  ...yamlFiles(resolve(ROOT, 'fixtures')).filter((f) => /chapters:/.test(readFileSync(f, 'utf8'))),
];

function full(file: string) {
  try {
    const y = readYamlFile(file, readFileSync(file), 'an OpenACR report');
    if (y.problems.length || !y.docs[0]) return { error: true };
    return { report: interpretAcr(y.docs[0].value as Record<string, unknown>, file, y.docs[0]) };
  } catch {
    return { error: true };
  }
}

describe('quick OpenACR reading', () => {
  it('finds the ACRs to compare', () => {
    expect(acrs.length).toBeGreaterThan(10);
  });

  for (const file of acrs) {
    it(`agrees with the full parse, or declines: ${file.slice(file.indexOf('/', ROOT.length - 20))}`, () => {
      const quick = acrValueFromCst(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
      const f = full(file);
      if (quick === null) return;
      let q: { report?: unknown; error?: boolean };
      try {
        q = { report: interpretAcr(quick, file, null) };
      } catch {
        q = { error: true };
      }
      // A quick reading that cannot be interpreted falls back to the full parse (loadOpenAcr), so it may only err where the full parse errs too.
      if (q.error) return;
      expect(q).toEqual(f);
    });
  }

  it('is taken for plainly written real reports (not always declining)', () => {
    const taken = acrs.filter((f) => acrValueFromCst(readFileSync(f, 'utf8')) !== null);
    expect(taken.length).toBeGreaterThanOrEqual(Math.floor(acrs.length / 2));
    for (const demo of acrs.filter((f) => f.includes('demo-district'))) expect(taken).toContain(demo);
  });

  it('declines what it cannot judge: anchors, aliases, duplicate keys, several documents, tabs', () => {
    const base = 'chapters:\n  success_criteria_level_a:\n    criteria:\n      - num: 1.1.1\n        components:\n          - name: web\n            adherence:\n              level: supports\n';
    expect(acrValueFromCst(base)).not.toBeNull();
    expect(acrValueFromCst(`${base}x: &a 1\ny: *a\n`)).toBeNull();
    expect(acrValueFromCst(`${base}chapters: {}\n`)).toBeNull();
    expect(acrValueFromCst(`${base}---\nfoo: 1\n`)).toBeNull();
    expect(acrValueFromCst(`${base}notes:\n\tx\n`)).toBeNull();
    expect(acrValueFromCst(`${base}__proto__: {}\n`)).toBeNull();
  });

  it('loadOpenAcr gives the same report through either reading', () => {
    for (const file of acrs) {
      const f = full(file);
      if (f.error) continue;
      expect(loadOpenAcr(file, file)).toEqual(f.report);
    }
  });
});
