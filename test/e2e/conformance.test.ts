/**
 * The spec's worked examples (../shared/conformance): the built binary gives
 * every verdict, rule status, usage figure and exit status of their
 * expected.json, and the copies of their inputs that the other tests use
 * (test/fixtures/worked-example) are still the spec's. Needs ../shared.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { walkFiles } from '../../src/load/files.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { needsShared, sharedPath } from '../shared-dir.js';
import { edvetJson, ensureBuilt, ROOT, WORKED } from './helpers.js';

interface Finding { rule: string; status: string }
interface Product { id: string; verdict: string; findings: Finding[]; usage: Record<string, unknown> | null }
interface Report { asOf: string; products: Product[] }

const status = (p: Product | undefined, rule: string) => p?.findings.find((f) => f.rule === rule)?.status;

describe.skipIf(needsShared('test/e2e/conformance.test.ts, the spec\'s worked examples'))('the worked examples of ../shared/conformance', () => {
  beforeAll(() => ensureBuilt());

  it('vet: every verdict, every rule status and the exit status match expected.json', () => {
    const C = sharedPath('conformance/vet');
    const expected = JSON.parse(readFileSync(join(C, 'expected.json'), 'utf8')) as {
      exit: number;
      asOf: string;
      products: Record<string, { verdict?: string; rules: Record<string, string> }>;
      mustMention?: Record<string, string[]>;
    };
    const { status: exit, json } = edvetJson<Report>(['vet', join(C, 'catalog'), '--policy', join(C, 'policy.yaml'), '--as-of', '2026-11-23', '--format', 'json']);
    expect(exit).toBe(expected.exit);
    expect(json.asOf).toBe(expected.asOf);
    const byId = new Map(json.products.map((p) => [p.id, p]));
    for (const [id, e] of Object.entries(expected.products)) {
      const p = byId.get(id);
      expect(p, id).toBeTruthy();
      if (e.verdict) expect([id, p!.verdict]).toEqual([id, e.verdict]);
      for (const [rule, s] of Object.entries(e.rules)) expect([id, rule, status(p, rule)]).toEqual([id, rule, s]);
    }
    for (const [key, words] of Object.entries(expected.mustMention ?? {})) {
      const [pid, rule] = key.split('/');
      const f = byId.get(pid)?.findings.find((x) => x.rule === rule);
      for (const w of words) expect(JSON.stringify(f), key).toContain(w);
    }
  });

  it('usage: every rule status, usage figure and the exit status match expected.json', () => {
    const C = sharedPath('conformance/usage');
    const expected = JSON.parse(readFileSync(join(C, 'expected.json'), 'utf8')) as {
      exit: number;
      products: Record<string, { rules: Record<string, string>; usage: Record<string, number> }>;
    };
    const r = edvetJson<Report>(['usage', '--catalog', join(C, 'catalog'), '--usage', join(C, 'exports'), '--roster', join(C, 'roster/roster.csv'), '--policy', join(C, 'policy.yaml'), '--as-of', '2026-11-20', '--format', 'json']);
    expect(r.status).toBe(expected.exit);
    const byId = new Map(r.json.products.map((p) => [p.id, p]));
    for (const [id, e] of Object.entries(expected.products)) {
      for (const [rule, st] of Object.entries(e.rules)) expect([id, rule, status(byId.get(id), rule)]).toEqual([id, rule, st]);
      for (const [k, v] of Object.entries(e.usage)) expect([id, k, byId.get(id)!.usage![k]]).toEqual([id, k, v]);
    }
  });

  it('the inputs copied into test/fixtures/worked-example are byte for byte the spec\'s', () => {
    const local = join(ROOT, WORKED);
    const mine = walkFiles(local, () => true).map((f) => relative(local, f)).sort();
    const spec = walkFiles(sharedPath('conformance'), () => true)
      .map((f) => relative(sharedPath('conformance'), f))
      .filter((f) => /^(vet|usage)\//.test(f) && !f.endsWith('expected.json'))
      .sort();
    expect(mine).toEqual(spec);
    for (const f of mine) expect([f, readFileSync(join(local, f), 'utf8')]).toEqual([f, readFileSync(sharedPath('conformance', f), 'utf8')]);
  });
});
