/**
 * `--compare PREVIOUS.json` (reports.md "Since last audit") between two runs
 * of the demo at different as-of dates: the JSON `comparison` agrees with
 * the two reports figure by figure, products are matched by id, and a file
 * that is not an earlier usage/sunset/audit JSON report is exit 2 naming
 * what was expected, with its line and column where it has one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEarlierArgs, edvet, edvetJson, ensureBuilt, expectUsageOrInputError } from './helpers.js';

interface Fig { previous: number | null; now: number | null }
interface Audit {
  asOf: string;
  products: { id: string; name: string; verdict: string; usage: { activeUsers: number; teacherUtilization: number | null; wastedSpend: number | null } | null }[];
  summary: { annualSpend: number; wastedSpend: number };
  comparison?: {
    previousAsOf: string;
    productsAdded: string[];
    productsRemoved: string[];
    verdictChanges: { product: string; from: string; to: string }[];
    annualSpend: Fig;
    wastedSpend: Fig;
    products: { product: string; activeUsers: Fig; teacherUtilization: Fig; wastedSpend: Fig }[];
  };
}

describe('edvet audit --compare', () => {
  let dir: string;
  let previous: Audit;
  let now: Audit;
  let prevFile: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'edvet-compare-'));
    previous = edvetJson<Audit>([...demoEarlierArgs('2026-03-02'), '--format', 'json']).json;
    // Last year's catalog had a product since dropped, and not yet one added since.
    const edited = JSON.parse(JSON.stringify(previous)) as Audit;
    edited.products = edited.products.filter((p) => p.id !== 'storyquest');
    edited.products.push({ id: 'old-reader', name: 'Old Reader', verdict: 'approved', usage: { activeUsers: 12, teacherUtilization: 0.5, wastedSpend: 100 } });
    prevFile = join(dir, 'last-year.json');
    writeFileSync(prevFile, JSON.stringify(edited, null, 2));
    now = edvetJson<Audit>(['audit', '--demo', '--format', 'json']).json;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets this audit beside the earlier one, figure by figure, products matched by id', () => {
    const r = edvetJson<Audit>(['audit', '--demo', '--format', 'json', '--compare', prevFile]);
    expect(r.status).toBe(1); // the demo has failing findings, as without --compare
    const c = r.json.comparison!;
    expect(c.previousAsOf).toBe('2026-03-02');
    expect(c.productsAdded).toEqual(['storyquest']);
    expect(c.productsRemoved).toEqual(['old-reader']);
    expect(c.annualSpend).toEqual({ previous: previous.summary.annualSpend, now: now.summary.annualSpend });
    expect(c.wastedSpend).toEqual({ previous: previous.summary.wastedSpend, now: now.summary.wastedSpend });
    const both = now.products.map((p) => p.id).filter((id) => id !== 'storyquest');
    expect(c.products.map((p) => p.product)).toEqual(both); // every product in both, by id
    for (const p of c.products) {
      const a = previous.products.find((x) => x.id === p.product)!;
      const b = now.products.find((x) => x.id === p.product)!;
      expect(p.activeUsers, p.product).toEqual({ previous: a.usage?.activeUsers ?? null, now: b.usage?.activeUsers ?? null });
      expect(p.teacherUtilization, p.product).toEqual({ previous: a.usage?.teacherUtilization ?? null, now: b.usage?.teacherUtilization ?? null });
      expect(p.wastedSpend, p.product).toEqual({ previous: a.usage?.wastedSpend ?? null, now: b.usage?.wastedSpend ?? null });
    }
    const changed = now.products.filter((p) => p.id !== 'storyquest' && previous.products.find((x) => x.id === p.id)!.verdict !== p.verdict);
    expect(c.verdictChanges.map((v) => v.product)).toEqual(changed.map((p) => p.id));
    expect(changed.length).toBeGreaterThan(0);
    expect(r.json.comparison).toBeDefined();
    expect(now.comparison).toBeUndefined(); // only with --compare
  });

  it('adds a "Since last audit" section after the headline figures in HTML and Markdown', () => {
    const html = edvet(['audit', '--demo', '--format', 'html', '--compare', prevFile]).stdout;
    const h2 = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(h2.slice(0, 3)).toEqual(['h-decisions', 'h-headline', 'h-compare']);
    expect(html).toContain('<h2 id="h-compare">Since last audit (2026-03-02)</h2>');
    const md = edvet(['audit', '--demo', '--format', 'markdown', '--compare', prevFile]).stdout;
    const mh = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(mh.slice(0, 3)).toEqual(['Decisions', 'Headline figures', 'Since last audit (2026-03-02)']);
    expect(md).toContain('- **Removed:** Old Reader (old-reader)');
  });

  it('refuses what is not an earlier usage, sunset or audit JSON report (exit 2), naming what was expected', () => {
    const write = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const vet = edvet(['vet', 'fixtures/demo-district/catalog', '--format', 'json', '--as-of', '2026-11-23']).stdout;
    let r = edvet(['audit', '--demo', '--compare', write('vet.json', vet)]);
    expectUsageOrInputError(r, /vet\.json:\d+:\d+: command: a report of `edvet vet` has no usage figures to compare; expected a report of `edvet audit`/);
    r = edvet(['audit', '--demo', '--compare', write('syntax.json', '{\n  "schemaVersion": 1,\n  "command": "audit",,\n}')]);
    expectUsageOrInputError(r, /syntax\.json:3:\d+: not valid JSON; expected an earlier edvet JSON report/);
    r = edvet(['audit', '--demo', '--compare', write('v2.json', JSON.stringify({ ...now, schemaVersion: 2 }, null, 2))]);
    expectUsageOrInputError(r, /v2\.json:2:\d+: schemaVersion: schemaVersion 2 is not supported; expected 1/);
    r = edvet(['audit', '--demo', '--compare', write('array.json', '[1, 2]')]);
    expectUsageOrInputError(r, /array\.json:1:1: the top level: not an edvet JSON report/);
    const bad = JSON.parse(JSON.stringify(now)) as Audit;
    (bad.products[2].usage as unknown as Record<string, unknown>).activeUsers = 'many';
    r = edvet(['audit', '--demo', '--compare', write('figure.json', JSON.stringify(bad, null, 2))]);
    expectUsageOrInputError(r, /figure\.json:\d+:\d+: products\[2\]\.usage\.activeUsers: expected a number of users or null/);
    r = edvet(['audit', '--demo', '--compare', join(dir, 'missing.json')]);
    expectUsageOrInputError(r, /missing\.json: no such file; expected an earlier edvet JSON report/);
    // usage and sunset take it too.
    r = edvet(['usage', '--catalog', 'fixtures/demo-district/catalog', '--usage', 'fixtures/demo-district/usage', '--as-of', '2026-11-23', '--format', 'json', '--compare', prevFile]);
    expect(JSON.parse(r.stdout).comparison.previousAsOf).toBe('2026-03-02');
  });
});
