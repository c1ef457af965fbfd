/**
 * A RuleTester in the manner of ESLint's: a rule's cases are rows of a table,
 * run by one shared runner. Each row names a one-case manifest
 * (fixtures/rules/<rule>/<fixture>.yaml, optionally with a product patch
 * merged over it), a policy patch, usage figures and an as-of date, and what
 * the rule must answer: status, message id, evidence path and, where the case
 * is about them, the evidence value, the message parameters and the source
 * position. Every row also checks what holds for every finding (rule, check,
 * remediation only on warn/fail, no placeholder left unfilled), and the table
 * must reach every message id the rule declares.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { interpolate, runRule } from '../../src/engine/evaluate.js';
import { loadCatalog } from '../../src/load/catalog.js';
import { mergePolicy } from '../../src/load/policy.js';
import type { Product } from '../../src/model/product.js';
import type { Finding } from '../../src/model/types.js';
import type { Messages, Outcome, OutcomeStatus, ProductUsageInput, RuleOf } from '../../src/rules/define.js';
import { AS_OF, ctxOf, fixtureRel, ROOT, usageInput } from './helpers.js';

/** One row of a rule's table. */
export interface Case<M extends string> {
  /** What the row shows; the test is named `<status> <message>: <name>`. */
  name: string;
  /** The manifest: fixtures/rules/<rule>/<fixture>.yaml, or, for a name with a `/`, fixtures/rules/<fixture>.yaml (a fixture several rules share). */
  fixture: string;
  /** A product patch merged over the fixture (maps merge, the rest replaces); the patched manifest is written out and loaded, so positions stay real. */
  patch?: Record<string, unknown>;
  /** A policy patch merged over rules/defaults.yaml. */
  policy?: Record<string, unknown>;
  /** Usage figures (over neutral defaults); absent: no usage export. */
  usage?: Partial<ProductUsageInput>;
  /** The audit date (default `AS_OF`). */
  asOf?: string;
  status: OutcomeStatus;
  message: M;
  /** The evidence's key path. */
  field: string;
  /** The evidence value (compared with toEqual) when the row gives it. */
  value?: unknown;
  /** What the policy expected, when the row gives it. */
  expected?: unknown;
  /** Evidence keys beyond field, value and expected (a law's citation and missing…) that must be present with these values. */
  more?: Record<string, unknown>;
  /** Message parameters that must be present with these values. */
  params?: Record<string, string | number>;
  /** The message parameters, exactly. */
  paramsEqual?: Record<string, string | number>;
  /** The finding's source line: a number, or the start (after indentation) of the line in the manifest. */
  line?: number | string;
  /** The source column: a number, or text whose first occurrence starts it. */
  column?: number | string;
  /** Further assertions on the case (the loaded product, for instance). */
  also?: (r: { o: Outcome; f: Finding; product: Product }) => void;
}

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

/** Load the row's product: the fixture as it is, or patched into a temporary file. Returns its text too, for positions. */
function loadCase(ruleId: string, c: Case<string>): { product: Product; text: string; file: string } {
  const rel = fixtureRel(ruleId, c.fixture);
  const original = readFileSync(join(ROOT, rel), 'utf8');
  if (!c.patch) {
    const cat = loadCatalog([rel], ROOT);
    expect(cat.products).toHaveLength(1);
    return { product: cat.products[0], text: original, file: rel };
  }
  const dir = mkdtempSync(join(tmpdir(), 'edvet-rule-case-'));
  tmp.push(dir);
  const text = stringify(mergePolicy(parse(original), c.patch));
  const file = `${c.fixture.split('/').pop()}.yaml`;
  writeFileSync(join(dir, file), text);
  const cat = loadCatalog([file], dir);
  expect(cat.products).toHaveLength(1);
  return { product: cat.products[0], text, file };
}

function lineIn(text: string, needle: number | string): number {
  if (typeof needle === 'number') return needle;
  const i = text.split('\n').findIndex((l) => l.trimStart().startsWith(needle));
  if (i < 0) throw new Error(`no line starts with ${needle}`);
  return i + 1;
}

function columnIn(text: string, needle: number | string): number {
  if (typeof needle === 'number') return needle;
  const l = text.split('\n').find((x) => x.includes(needle));
  if (l === undefined) throw new Error(`${needle} not in the manifest`);
  return l.indexOf(needle) + 1;
}

/**
 * Run a rule's table. `rule` is the rule module's default export, so a row
 * can only name a message id the rule declares.
 */
export function ruleTester<T extends Messages>(rule: RuleOf<T>, cases: readonly Case<keyof T & string>[]): void {
  describe(rule.id, () => {
    for (const c of cases) {
      it(`${c.status} ${c.message}: ${c.name}`, () => {
        const { product, text, file } = loadCase(rule.id, c);
        const ctx = ctxOf({ policy: c.policy, asOf: c.asOf ?? AS_OF, usage: c.usage ? usageInput(c.usage) : null });
        const o = rule.evaluate(product, ctx);
        const f = runRule(rule, product, ctx);

        expect([o.status, o.message]).toEqual([c.status, c.message]);
        expect({ rule: f.rule, check: f.check, status: f.status, field: f.evidence.field }).toEqual({ rule: rule.id, check: rule.check, status: c.status, field: c.field });
        expect(f.evidence).toEqual({ field: o.field, value: o.value, expected: o.expected, ...o.more });
        if ('more' in c) expect(o.more ?? {}).toMatchObject(c.more!);
        if ('value' in c) expect(f.evidence.value).toEqual(c.value);
        if ('expected' in c) expect(f.evidence.expected).toEqual(c.expected);
        if (c.params) expect(o.params).toMatchObject(c.params);
        if (c.paramsEqual) expect(o.params).toEqual(c.paramsEqual);

        // The words come from rules/ with every placeholder filled from the parameters.
        const template = ctx.data.texts[rule.id].messages[c.message];
        for (const [, key] of template.matchAll(/\{([a-z_]+)\}/g)) expect(o.params ?? {}, `parameter {${key}}`).toHaveProperty(key);
        expect(f.message).toBe(interpolate(template, o.params));

        const warnOrFail = c.status === 'warn' || c.status === 'fail';
        expect(f.remediation).toBe(warnOrFail ? ctx.data.texts[rule.id].remediation.trim() : null);
        expect(f.waiver).toBeNull();
        expect(f.known).toBe(false);

        expect(f.source.file).toBe(file);
        if (c.line !== undefined) expect(f.source.line).toBe(lineIn(text, c.line));
        if (c.column !== undefined) expect(f.source.column).toBe(columnIn(text, c.column));
        c.also?.({ o, f, product });
      });
    }

    it('the table reaches every message id the rule declares', () => {
      const reached = new Set(cases.map((c) => c.message));
      expect(Object.keys(rule.messages).filter((id) => !reached.has(id))).toEqual([]);
    });
  });
}
