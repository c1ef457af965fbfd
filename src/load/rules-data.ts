/**
 * The project's `rules/` folder: default policy values, rule texts and WCAG
 * criterion titles, kept as data a reviewer can read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Absolute path of the `rules/` folder shipped with edvet. */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Texts of one rule in rules/<check>.yaml. */
export interface RuleText {
  title: string;
  description: string;
  policy_keys: string[];
  remediation: string;
  messages: Record<string, string>;
}

const cache = new Map<string, unknown>();

/** Parse a YAML file of rules/ once per process. */
export function rulesData<T>(name: string): T {
  let v = cache.get(name);
  if (v === undefined) {
    v = parse(readFileSync(RULES_DIR + name, 'utf8'));
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
