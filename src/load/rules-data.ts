/**
 * The project's `rules/` folder: default policy values, rule texts and WCAG
 * criterion titles, kept as data a reviewer can read.
 *
 * `npm run build` reads rules/*.yaml, validates them (`checkRulesSource`) and
 * writes the result to dist/rules-data.json; at run time edvet reads only that
 * bundle (JSON parses much faster than YAML at start-up, and the data is known
 * to be valid). The commands load it once and pass it to the engine and the
 * rules as a `RuleData` value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { EdvetError } from '../model/errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import { PolicySchema } from './schema/policy.js';
import { RuleTextSchema, WcagCriteriaSchema, type RuleData, type RuleText } from './schema/rules-data.js';

/** Where the build writes the validated rules/ data. */
export const RULES_BUNDLE = join(PACKAGE_ROOT, 'dist', 'rules-data.json');

/** The build's output: what edvet reads from rules/ at run time. */
export interface RulesBundle extends RuleData {
  /** rules/defaults.yaml, the default policy. */
  defaults: Record<string, unknown>;
}

/** What the check needs of a rule (the registry's rules, without importing them here). */
export interface RuleMeta {
  id: string;
  check: string;
  messages: Readonly<Record<string, string>>;
}

/** The files of rules/ that are not rule texts. */
const DEFAULTS_FILE = 'defaults.yaml';
const WCAG_FILE = 'wcag-criteria.yaml';

/**
 * Validate the parsed rules/*.yaml (file name → value) against the schemas
 * and the rule registry: every rule has its texts in rules/<family>.yaml, every
 * message id it declares has words, and rules/ holds no text, message or
 * check file that no rule declares. Returns the bundle, or every problem found.
 */
export function checkRulesSource(files: Readonly<Record<string, unknown>>, rules: readonly RuleMeta[]): { bundle: RulesBundle | null; problems: string[] } {
  const problems: string[] = [];
  const issues = (file: string, error: z.ZodError) => {
    for (const i of error.issues) problems.push(`rules/${file}: ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
  };
  const defaults = PolicySchema.safeParse(files[DEFAULTS_FILE]);
  if (files[DEFAULTS_FILE] === undefined) problems.push(`rules/${DEFAULTS_FILE} is missing`);
  else if (!defaults.success) issues(DEFAULTS_FILE, defaults.error);
  const wcag = WcagCriteriaSchema.safeParse(files[WCAG_FILE]);
  if (files[WCAG_FILE] === undefined) problems.push(`rules/${WCAG_FILE} is missing`);
  else if (!wcag.success) issues(WCAG_FILE, wcag.error);

  const texts: Record<string, RuleText> = {};
  /** Rule id → the message ids rules/ gives words for (read even from an entry that fails its schema). */
  const worded = new Map<string, string[]>();
  // A rule's texts live in rules/<family>.yaml, the family being its id's first part (privacy.dpa → privacy, law.ny-2d.x → law).
  const familyOf = (id: string) => id.split('.')[0];
  const checks = new Set(rules.map((r) => familyOf(r.id)));
  for (const [file, value] of Object.entries(files)) {
    if (file === DEFAULTS_FILE || file === WCAG_FILE) continue;
    const check = file.replace(/\.yaml$/, '');
    if (!checks.has(check)) {
      problems.push(`rules/${file}: no rule id starts with '${check}.' (families: ${[...checks].join(', ')})`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`rules/${file}: expected a mapping of rule ids to their texts`);
      continue;
    }
    for (const [id, entry] of Object.entries(value)) {
      const rule = rules.find((r) => r.id === id);
      if (!rule || familyOf(rule.id) !== check) {
        problems.push(`rules/${file}: ${id} is not a rule whose id starts with '${check}.'`);
        continue;
      }
      const msgs = (entry as { messages?: unknown } | null)?.messages;
      worded.set(id, msgs !== null && typeof msgs === 'object' ? Object.keys(msgs) : []);
      const parsed = RuleTextSchema.safeParse(entry);
      if (parsed.success) texts[id] = parsed.data;
      else for (const i of parsed.error.issues) problems.push(`rules/${file}: ${[id, ...i.path].join('.')}: ${i.message}`);
    }
  }
  for (const rule of rules) {
    const file = `${familyOf(rule.id)}.yaml`;
    const have = worded.get(rule.id);
    if (!have) {
      problems.push(file in files ? `rules/${file}: no texts for the rule ${rule.id}` : `rules/${file} is missing (texts of ${rule.id})`);
      continue;
    }
    for (const id of Object.keys(rule.messages)) {
      if (!have.includes(id)) problems.push(`rules/${file}: ${rule.id}.messages has no words for the message '${id}' the rule declares`);
    }
    for (const id of have) {
      if (!Object.hasOwn(rule.messages, id)) problems.push(`rules/${file}: ${rule.id}.messages.${id}: the rule declares no message '${id}'`);
    }
  }
  if (problems.length || !defaults.success || !wcag.success) return { bundle: null, problems };
  return { bundle: { defaults: files[DEFAULTS_FILE] as Record<string, unknown>, texts, wcag: wcag.data }, problems };
}

let bundle: RulesBundle | undefined;

/** The build's bundle of rules/, read once per process. */
export function rulesBundle(): RulesBundle {
  if (bundle) return bundle;
  let text: string;
  try {
    text = readFileSync(RULES_BUNDLE, 'utf8');
  } catch {
    throw new EdvetError('internal', [{ message: `${RULES_BUNDLE} is missing: run \`npm run build\`, which validates rules/ and writes it` }]);
  }
  bundle = JSON.parse(text) as RulesBundle;
  return bundle;
}

/** The rule texts and WCAG criteria the engine and the rules are given. */
export function ruleData(): RuleData {
  const b = rulesBundle();
  return { texts: b.texts, wcag: b.wcag };
}

/** rules/defaults.yaml (a fresh copy the caller may change). */
export function defaultPolicyData(): Record<string, unknown> {
  return structuredClone(rulesBundle().defaults);
}
