/**
 * The district policy: defaults from rules/defaults.yaml with the district's
 * file merged over them (maps key by key, lists replaced), validated as a
 * whole, waivers checked against the real rules and checks.
 */
import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { dirname, join, resolve } from 'node:path';
import { EdvetError, inputError, type Problem } from '../model/errors.js';
import { displayPath, POLICY_FILE_NAME } from './catalog.js';
import { READ_LIMITS, readFileBytes } from './files.js';
import { defaultPolicyData } from './rules-data.js';
import { closest, issuesToProblems } from './schema/issues.js';
import { safePatternProblem } from '../model/pattern.js';
import { PolicySchema, type Policy } from './schema/policy.js';
import { BUILTIN_FORMATS } from './usage/format-names.js';
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
  if (!result.success && !doc) throw new EdvetError('internal', [{ message: 'the default policy in rules/defaults.yaml is invalid' }]);
  if (doc) {
    // Every problem of the file in one pass (rules.md "Policy errors are all reported together"):
    // the schema's, the waivers' rule names and the usage formats' keys, each at its own line.
    const formats = usageFormatProblems(value, doc);
    if (!result.success) {
      // An entry named after a built-in format is judged by usageFormatProblems alone, so an
      // incomplete one is never told to add the keys it may not have.
      const issues = result.error.issues.filter((i) => !(i.path[0] === 'usage_formats' && typeof i.path[1] === 'string' && formats.builtins.has(i.path[1])));
      if (issues.length > 0) problems.push(...issuesToProblems(new z.ZodError(issues), doc, PolicySchema));
    }
    problems.push(...waiverRuleProblems(value, doc, knownRules, knownChecks), ...formats.problems);
  }
  if (problems.length) throw inputError(sortProblems(problems));
  return { policy: result.data!, source: shown, doc };
}

/** Waivers naming a rule or check that does not exist, read from the file as written. */
function waiverRuleProblems(value: unknown, doc: YamlDoc, knownRules: readonly string[], knownChecks: readonly string[]): Problem[] {
  const waivers = (value as { waivers?: unknown } | null)?.waivers;
  if (!Array.isArray(waivers)) return [];
  const valid = new Set([...knownRules, ...knownChecks]);
  const out: Problem[] = [];
  waivers.forEach((w: unknown, i) => {
    const rule = (w as { rule?: unknown } | null)?.rule;
    if (typeof rule !== 'string' || rule === '' || valid.has(rule)) return;
    const near = closest(rule, [...knownRules, ...knownChecks]);
    out.push({
      ...doc.posOf(['waivers', i, 'rule']),
      message: `waiver names an unknown rule or check \`${rule}\`${near ? `; did you mean \`${near}\`?` : ''} (a waiver must name a rule id such as accessibility.wcag or a check such as privacy)`,
    });
  });
  return out;
}

const BUILTIN_OVERRIDE_KEYS = ['date_order', 'timezone'];

/**
 * policy.md `usage_formats`: an entry named after a built-in format may set only date_order and
 * timezone (each other key is an error at that key); any other entry must map a timestamp, a
 * user and an app (a column or a constant). Returns the problems and the built-in names used.
 */
function usageFormatProblems(value: unknown, doc: YamlDoc): { problems: Problem[]; builtins: Set<string> } {
  const formats = (value as { usage_formats?: unknown } | null)?.usage_formats;
  const problems: Problem[] = [];
  const builtins = new Set<string>();
  if (formats === null || typeof formats !== 'object' || Array.isArray(formats)) return { problems, builtins };
  for (const [name, entry] of Object.entries(formats as Record<string, unknown>)) {
    const isObject = entry !== null && typeof entry === 'object' && !Array.isArray(entry);
    if (BUILTIN_FORMATS.includes(name)) {
      builtins.add(name);
      if (!isObject) {
        problems.push({ ...doc.posOf(['usage_formats', name]), message: `\`usage_formats.${name}\` names the built-in format ${name}: expected a mapping with date_order and/or timezone` });
        continue;
      }
      for (const key of Object.keys(entry as Record<string, unknown>)) {
        if (BUILTIN_OVERRIDE_KEYS.includes(key)) continue;
        problems.push({
          ...doc.keyPosOf(['usage_formats', name, key]),
          message: `\`usage_formats.${name}.${key}\`: ${name} is a built-in format, whose columns and detection are fixed; an entry named after it may set only date_order and timezone (to read another layout, declare a format under a name of its own)`,
        });
      }
      continue;
    }
    if (!isObject) continue; // the schema reports the type
    const e = entry as { columns?: unknown; app?: unknown };
    const columns = e.columns !== null && typeof e.columns === 'object' && !Array.isArray(e.columns) ? (e.columns as Record<string, unknown>) : null;
    if (columns === null && e.columns === undefined) {
      problems.push({
        ...doc.keyPosOf(['usage_formats', name]),
        message: `usage format \`${name}\` maps no columns: give \`columns\` with at least timestamp and user, and an app column or a constant \`app\``,
      });
      continue;
    }
    if (columns !== null && columns.app === undefined && e.app === undefined) {
      problems.push({
        ...doc.posOf(['usage_formats', name, 'columns']),
        message: `usage format \`${name}\` maps no app: give \`columns.app\` (the column naming the app) or \`app\` (one app for every row)`,
      });
    }
  }
  return { problems, builtins };
}

/** Problems in file order (line, then column), so one run lists a file's errors as a reader meets them. */
function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
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
