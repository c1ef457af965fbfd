/**
 * Shared helpers of the rule tests: load a one-case manifest from
 * fixtures/rules/<rule>/<case>.yaml through the real catalog loader (so source
 * positions are real), build a policy from the defaults in rules/ with
 * overrides merged over them, and run one rule to both its raw outcome
 * (message id, parameters) and its finding (evidence, source, remediation).
 * The rule tables themselves run through rule-tester.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root (the working folder the loaders are given). */
export const ROOT = resolve(here, '../..');

/** The as-of date most rule tests use. */
export const AS_OF = '2026-11-23';

/** Repo-relative path of a rule fixture. */
export function fixtureRel(rule: string, name: string): string {
  return `fixtures/rules/${rule}/${name}.yaml`;
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
    rows: 100,
    seats: null,
    activeUsers: 0,
    activeTeachers: 0,
    activeStudents: 0,
    semesterActiveUsers: 0,
    teachersWithAccess: null,
    semesterActiveTeachers: null,
    inUseForSemester: true,
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

// ---------------------------------------------------------------------------
// End-to-end helpers: the built binary, as a user runs it.

/** Build once when the binary's bundle (dist/bundle/cli.js) is missing or older than a source file (`npm test` builds first anyway). */
export function ensureBuilt(): void {
  const cli = join(ROOT, 'dist/bundle/cli.js');
  const newest = (dir: string): number => {
    let m = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }
    return m;
  };
  if (existsSync(cli) && statSync(cli).mtimeMs >= newest(join(ROOT, 'src'))) return;
  // One build at a time across parallel test files: the first to take the lock builds, the others wait for it.
  const lock = join(tmpdir(), 'edvet-e2e-build.lock');
  const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (let i = 0; i < 1200; i++) {
    try {
      mkdirSync(lock);
    } catch {
      sleep(100);
      continue;
    }
    try {
      if (!existsSync(cli) || statSync(cli).mtimeMs < newest(join(ROOT, 'src'))) {
        const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  throw new Error('timed out waiting for another test file to build');
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/edvet.js ARGS` in the repository root (or `cwd`), without colour or CI progress. */
export function edvet(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const r = spawnSync('node', [join(ROOT, 'bin/edvet.js'), ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: env as NodeJS.ProcessEnv });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run edvet and parse its JSON output. */
export function edvetJson<T = Record<string, unknown>>(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult & { json: T } {
  const r = edvet(args, opts);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 500)}`);
  }
  return { ...r, json };
}

/** A stack trace's frame lines (`    at fn (file:1:2)`). */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|native\)?)$/m;

/** Assert an exit-2 run: one readable error, no stack trace, nothing on stdout. */
export function expectUsageOrInputError(r: CliResult, mentions?: string | RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr.trim().length).toBeGreaterThan(0);
  if (mentions !== undefined) expect(r.stderr).toMatch(mentions);
}
