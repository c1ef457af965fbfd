/**
 * Issue 16 class 7 (schema half): the schema bounds what later code can
 * handle (dates 1900–2199, day counts ≤ 3,650), with file:line:col, and the
 * table reporter lays out a catalog of 20,000 products.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSupportedDate } from '../../src/load/schema/common.js';
import { renderTable } from '../../src/reporters/table.js';
import { buildReport } from '../fixtures/report-model.js';
import { edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

const MANIFEST = readFileSync(join(ROOT, 'fixtures/demo-district/catalog/atlasworks.yaml'), 'utf8');

describe('date bounds', () => {
  it.each([
    ['1900-01-01', true],
    ['2199-12-31', true],
    ['1899-12-31', false],
    ['2200-01-01', false],
    ['0025-01-10', false],
    ['0001-01-01', false],
    ['9999-12-31', false],
  ])('%s supported: %s', (d, ok) => expect(isSupportedDate(d)).toBe(ok));
});

describe('values the schema refuses, located (built binary)', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBinary();
    dir = tempDir('edvet-bounds-');
  });
  afterAll(() => {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a catalog with one edited manifest and an optional policy; returns its folder. */
  const catalog = (name: string, manifest: string, policy?: string): string => {
    const d = join(dir, name);
    mkdirSync(d);
    writeFileSync(join(d, 'atlasworks.yaml'), manifest);
    if (policy !== undefined) writeFileSync(join(d, 'edvet.policy.yaml'), policy);
    return d;
  };
  const cases: [string, string, string | undefined, RegExp][] = [
    ['early-date', MANIFEST.replace('expires_on: 2027-07-14', 'expires_on: 0025-01-10'), undefined, /atlasworks\.yaml:\d+:\d+: `privacy\.dpa\.expires_on`/],
    ['late-date', MANIFEST.replace('deployed_on: 2024-08-19', 'deployed_on: 2999-01-01'), undefined, /atlasworks\.yaml:\d+:\d+: `deployed_on`/],
    ['notice-days', MANIFEST.replace(/(?<!breach_)notice_days: \d+/, 'notice_days: 200000000'), undefined, /atlasworks\.yaml:\d+:\d+: `cost\.notice_days`/],
    ['renewal-warn', MANIFEST, 'sunset:\n  renewal_warn_days: 1000000000000\n', /edvet\.policy\.yaml:2:\d+: `sunset\.renewal_warn_days`/],
    ['calendar-term', MANIFEST, 'calendar:\n  terms:\n    - name: Fall\n      start: 0001-01-01\n      end: 2026-06-01\n', /edvet\.policy\.yaml:4:\d+: `calendar\.terms\[0\]\.start`/],
    ['waiver-date', MANIFEST, 'waivers:\n  - tool: atlasworks\n    rule: privacy.dpa\n    reason: r\n    approved_by: b\n    expires_on: 0099-12-31\n', /edvet\.policy\.yaml:6:\d+: `waivers\[0\]\.expires_on`/],
  ];
  it.each(cases)('%s: exit 2, located, no internal error', async (name, manifest, policy, where) => {
    const d = catalog(name, manifest, policy);
    for (const args of [['validate', d], ['vet', d, '--as-of', '2026-01-01']]) {
      const r = await edvetAsync(args);
      const all = r.stdout + r.stderr;
      expect(r.status, all).toBe(2);
      expect(all).toMatch(where);
      expect(all).not.toMatch(/internal error/);
      expect(all).not.toMatch(STACK_FRAME);
    }
  });

  it.each(['0001-01-01', '2200-01-01', '1899-12-31'])('--as-of %s is a usage error', async (d) => {
    const r = await edvetAsync(['vet', join(ROOT, 'fixtures/demo-district/catalog'), '--as-of', d]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^edvet: error: bad --as-of date/m);
    expect(r.stderr).toMatch(/edvet (\w+ )?--help/);
  });
});

describe('table reporter at scale', () => {
  it('lays out 20,000 products without overflowing the stack', () => {
    const r = buildReport();
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...r.products[i % r.products.length], id: `p${i}`, name: `Product ${i}` }));
    const out = renderTable({ ...r, products: many }, { color: false, failOn: 'fail', cwd: '/w' });
    const ids = new Set(out.split('\n').map((l) => /^(p\d+) /.exec(l)?.[1]).filter(Boolean));
    expect(ids.size).toBe(20_000);
  });
});
