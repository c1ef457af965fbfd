/**
 * Shared helpers of the rule tests: load a one-case manifest from
 * fixtures/rules/<rule>/<case>.yaml through the real catalog loader (so source
 * positions are real), build a policy from the defaults in rules/ with
 * overrides merged over them, and run one rule to both its raw outcome
 * (message id, parameters) and its finding (evidence, source, remediation).
 * The rule tables themselves run through rule-tester.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runRule } from '../../src/engine/evaluate.js';
import { loadCatalog } from '../../src/load/catalog.js';
import { defaultPolicyValue, mergePolicy } from '../../src/load/policy.js';
import { ruleData } from '../../src/load/rules-data.js';
import { PolicySchema, type Policy } from '../../src/load/schema/policy.js';
import type { Product } from '../../src/model/product.js';
import type { Finding } from '../../src/model/types.js';
import type { Outcome, ProductUsageInput, RuleContext } from '../../src/rules/define.js';
import { ruleById } from '../../src/rules/index.js';
import { ROOT } from '../shared-dir.js';

/** The repository root (the working folder the loaders are given). */
export { ROOT };

/** The as-of date most rule tests use. */
export const AS_OF = '2026-11-23';

/** Repo-relative path of a rule fixture. */
export function fixtureRel(rule: string, name: string): string {
  return name.includes('/') ? `fixtures/rules/${name}.yaml` : `fixtures/rules/${rule}/${name}.yaml`;
}

/** Load the one product of fixtures/rules/<rule>/<name>.yaml. */
export function loadFixture(rule: string, name: string): Product {
  const cat = loadCatalog([fixtureRel(rule, name)], ROOT);
  expect(cat.products).toHaveLength(1);
  return cat.products[0];
}

/** 1-based line of the first line of a fixture that starts (after indentation) with `needle`. */
export function lineOf(rule: string, name: string, needle: string): number {
  const lines = readFileSync(join(ROOT, fixtureRel(rule, name)), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(needle));
  if (i < 0) throw new Error(`${needle} not in ${fixtureRel(rule, name)}`);
  return i + 1;
}

/** 1-based column where `needle` starts on its first line in a fixture. */
export function columnOf(rule: string, name: string, needle: string): number {
  const lines = readFileSync(join(ROOT, fixtureRel(rule, name)), 'utf8').split('\n');
  const l = lines.find((x) => x.includes(needle));
  if (l === undefined) throw new Error(`${needle} not in ${fixtureRel(rule, name)}`);
  return l.indexOf(needle) + 1;
}

/** The defaults of rules/defaults.yaml with `over` merged over them (maps merge, lists replace), validated. */
export function policyWith(over: Record<string, unknown> = {}): Policy {
  return PolicySchema.parse(mergePolicy(defaultPolicyValue(), over));
}

/** A usage summary for usage rules, with neutral defaults. */
export function usageInput(over: Partial<ProductUsageInput> = {}): ProductUsageInput {
  return {
    basis: 'users',
    noUsageData: false,
    licensedRole: 'any',
    suggestedApps: [],
    rows: 100,
    seats: null,
    activeUsers: 0,
    activeTeachers: 0,
    activeStudents: 0,
    semesterActiveUsers: 0,
    teachersWithAccess: null,
    semesterActiveTeachers: null,
    inUseForSemester: true,
    semesterStudentsByGrade: null,
    ...over,
  };
}

export interface RunOptions {
  policy?: Record<string, unknown>;
  asOf?: string;
  usage?: ProductUsageInput | null;
}

/** A rule context from options. */
export function ctxOf(opts: RunOptions = {}): RuleContext {
  return { policy: policyWith(opts.policy), asOf: opts.asOf ?? AS_OF, usage: opts.usage ?? null, data: ruleData() };
}

/** Run a rule on a product: the raw outcome (message id, params) and the finding. */
export function runOn(ruleId: string, product: Product, opts: RunOptions = {}): { o: Outcome; f: Finding; product: Product } {
  const rule = ruleById(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const ctx = ctxOf(opts);
  return { o: rule.evaluate(product, ctx), f: runRule(rule, product, ctx), product };
}

/** Load fixtures/rules/<rule>/<name>.yaml and run the rule on it. */
export function run(ruleId: string, name: string, opts: RunOptions = {}): { o: Outcome; f: Finding; product: Product } {
  return runOn(ruleId, loadFixture(ruleId, name), opts);
}

/** The end-to-end helpers, for the tests that import them from here. */
export { edvet, edvetJson, ensureBuilt, expectUsageOrInputError, STACK_FRAME, type CliResult } from '../e2e/helpers.js';
