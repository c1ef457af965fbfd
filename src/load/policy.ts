/**
 * The district policy: defaults from rules/defaults.yaml with the district's
 * file merged over them (maps key by key, lists replaced), validated as a
 * whole, waivers checked against the real rules and checks.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EdvetError, inputError, type Problem } from '../model/errors.js';
import { displayPath, POLICY_FILE_NAME } from './catalog.js';
import { READ_LIMITS, readFileBytes } from './files.js';
import { defaultPolicyData } from './rules-data.js';
import { closest, issuesToProblems } from './schema/issues.js';
import { safePatternProblem } from '../model/pattern.js';
import { PolicySchema, type Policy } from './schema/policy.js';
import { parseYamlFile, type YamlDoc } from './yaml.js';

export interface LoadedPolicy {
  policy: Policy;
  /** The file used, as shown in reports, or `defaults` when none. */
  source: string;
  /** Position of a key of the district's file (waivers, for instance); null for the defaults. */
  doc: YamlDoc | null;
}

/** Plain-object deep merge: maps merge key by key, everything else (lists included) replaces. */
export function mergePolicy(base: unknown, over: unknown): unknown {
  if (isPlainMap(base) && isPlainMap(over)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(base)) out[k] = v;
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergePolicy(out[k], v) : v;
    return { ...out };
  }
  return over === undefined ? base : over;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The default policy alone. */
export function defaultPolicyValue(): Record<string, unknown> {
  return defaultPolicyData();
}

/**
 * Load the policy at `file` (null → defaults only). `knownRules` and
 * `knownChecks` are what a waiver may name.
 */
export function loadPolicy(file: string | null, cwd: string, knownRules: readonly string[], knownChecks: readonly string[]): LoadedPolicy {
  const defaults = defaultPolicyValue();
  if (file === null) {
    return { policy: PolicySchema.parse(defaults), source: 'defaults', doc: null };
  }
  const abs = resolve(cwd, file);
  const shown = displayPath(abs, cwd);
  const y = parseYamlFile(shown, readFileBytes(abs, shown, 'a policy file (YAML)', READ_LIMITS.policy), 'a policy (a mapping of settings)');
  if (y.docs.length > 1) throw inputError({ ...y.docs[1].start, message: 'a policy file holds one YAML document; found more than one' });
  const doc = y.docs[0] ?? null;
  const value = doc ? doc.value : {};
  const merged = mergePolicy(defaults, value);
  const result = PolicySchema.safeParse(merged);
  const problems: Problem[] = [];
  const pattern = (merged as { usage?: { teacher_pattern?: unknown } }).usage?.teacher_pattern;
  const patternWhy = doc && typeof pattern === 'string' ? safePatternProblem(pattern) : null;
  if (doc && patternWhy !== null) {
    problems.push({ ...doc.posOf(['usage', 'teacher_pattern']), message: `\`usage.teacher_pattern\`: ${patternWhy} (found ${JSON.stringify(pattern)})` });
  }
  const ouRules = (merged as { usage?: { role_by_org_unit?: unknown } }).usage?.role_by_org_unit;
  if (doc && Array.isArray(ouRules)) {
    ouRules.forEach((r: unknown, i) => {
      const match = (r as { match?: unknown } | null)?.match;
      const why = typeof match === 'string' && match !== '' ? safePatternProblem(match) : null;
      if (why !== null) problems.push({ ...doc.posOf(['usage', 'role_by_org_unit', i, 'match']), message: `\`usage.role_by_org_unit[${i}].match\`: ${why} (found ${JSON.stringify(match)})` });
    });
  }
  if (!result.success) {
    if (!doc) throw new EdvetError('internal', [{ message: 'the default policy in rules/defaults.yaml is invalid' }]);
    problems.push(...issuesToProblems(result.error, doc, PolicySchema));
  } else if (doc) {
    const valid = new Set([...knownRules, ...knownChecks]);
    (result.data.waivers ?? []).forEach((w, i) => {
      if (!valid.has(w.rule)) {
        const near = closest(w.rule, [...knownRules, ...knownChecks]);
        problems.push({
          ...doc.posOf(['waivers', i, 'rule']),
          message: `waiver names an unknown rule or check \`${w.rule}\`${near ? `; did you mean \`${near}\`?` : ''} (a waiver must name a rule id such as accessibility.wcag or a check such as privacy)`,
        });
      }
    });
  }
  if (problems.length) throw inputError(problems);
  return { policy: result.data!, source: shown, doc };
}

/**
 * The folder the upward search starts from: the first of `paths` that exists,
 * a folder as is, a manifest file's folder; null when none exists.
 */
export function policySearchStart(paths: readonly string[], cwd: string): string | null {
  for (const p of paths) {
    const abs = resolve(cwd, p);
    try {
      return statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * The nearest edvet.policy.yaml at or above `start`: that folder, its
 * parent and so on, stopping after the folder that holds `.git` (the
 * repository root) or at the filesystem root. Null when there is none.
 */
export function findPolicyUpwards(start: string): string | null {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, POLICY_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return null;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Which policy file applies (policy.md "Which policy"): the flag; else
 * edvet.policy.yaml in `cwd`; else the nearest one at or above
 * `catalogStart` (see findPolicyUpwards); else null, the defaults.
 */
export function choosePolicyFile(flag: string | undefined, cwd: string, catalogStart: string | null): string | null {
  if (flag) return flag;
  const here = resolve(cwd, POLICY_FILE_NAME);
  if (isFile(here)) return here;
  return catalogStart === null ? null : findPolicyUpwards(catalogStart);
}
