/**
 * The project's `rules/` folder: default policy values, rule texts and WCAG
 * criterion titles, kept as data a reviewer can read.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../paths.js';

/** Absolute path of the `rules/` folder shipped with edvet. */
export const RULES_DIR = join(PACKAGE_ROOT, 'rules') + sep;

/** Texts of one rule in rules/<check>.yaml. */
export interface RuleText {
  title: string;
  description: string;
  policy_keys: string[];
  remediation: string;
  messages: Record<string, string>;
}

const cache = new Map<string, unknown>();

/**
 * `npm run build` also writes every rules/*.yaml, parsed, into one JSON file
 * beside the compiled code: reading it is much faster at start-up than
 * parsing YAML. rules/ stays the source; a bundle older than any of its files
 * is ignored.
 */
const BUNDLE = join(PACKAGE_ROOT, 'dist', 'rules-data.json');
let bundle: Record<string, unknown> | null | undefined;

function loadBundle(): Record<string, unknown> | null {
  if (bundle !== undefined) return bundle;
  bundle = null;
  try {
    const built = statSync(BUNDLE).mtimeMs;
    if (readdirSync(RULES_DIR).every((f) => statSync(RULES_DIR + f).mtimeMs <= built)) {
      bundle = JSON.parse(readFileSync(BUNDLE, 'utf8')) as Record<string, unknown>;
    }
  } catch {
    bundle = null;
  }
  return bundle;
}

/** Write the bundle of rules/ (run by `npm run build`). */
export function writeRulesBundle(): void {
  const out: Record<string, unknown> = {};
  for (const f of readdirSync(RULES_DIR).filter((n) => n.endsWith('.yaml'))) out[f] = parse(readFileSync(RULES_DIR + f, 'utf8'));
  writeFileSync(BUNDLE, JSON.stringify(out));
}

/** A YAML file of rules/, parsed once per process (from the build's bundle when it is current). */
export function rulesData<T>(name: string): T {
  let v = cache.get(name);
  if (v === undefined) {
    const b = loadBundle();
    v = b && name in b ? b[name] : parse(readFileSync(RULES_DIR + name, 'utf8'));
    cache.set(name, v);
  }
  return v as T;
}

/** The texts of every rule of a check (rules/<check>.yaml). */
export function ruleTexts(check: string): Record<string, RuleText> {
  return rulesData<Record<string, RuleText>>(`${check}.yaml`);
}

/** WCAG success criterion number → short title. */
export function wcagTitle(num: string): string | null {
  const all = rulesData<Record<string, { title: string }>>('wcag-criteria.yaml');
  return all[num]?.title ?? null;
}
