/**
 * The registry, the rule texts in rules/, the spec's tables, the sources and
 * the tests stay in step: every rule has its texts, its policy keys exist,
 * its source and test files exist, every message id it can return has words,
 * and the order is the order of rules.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS, CHECK_NAMES } from '../../src/rules/index.js';
import { ROOT } from './helpers.js';

const SPEC_RULES = join(ROOT, '../shared/spec/rules.md');
/** Policy keys a rule may name that the defaults leave out on purpose (policy.md: none, by default). */
const OPTIONAL_KEYS = new Set(['district.name', 'district.contact', 'district.students', 'district.teachers', 'calendar', 'usage_formats', 'waivers']);

const textsOf = (check: string) => parse(readFileSync(join(ROOT, 'rules', `${check}.yaml`), 'utf8')) as Record<string, Record<string, unknown>>;
const defaults = parse(readFileSync(join(ROOT, 'rules/defaults.yaml'), 'utf8')) as Record<string, unknown>;
const hasKey = (key: string) => {
  let v: unknown = defaults;
  for (const seg of key.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Record<string, unknown>)[seg];
  }
  return true;
};
const nameOf = (id: string) => id.slice(id.indexOf('.') + 1);

describe('rule parity', () => {
  it('the registry has the 14 rules of rules.md', () => {
    expect(RULES).toHaveLength(14);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it("registry order equals the order of rules.md's tables", () => {
    const md = readFileSync(SPEC_RULES, 'utf8');
    const ids: string[] = [];
    for (const line of md.split('\n')) {
      const m = /^\|\s*`([a-z]+\.[a-z-]+)`\s*\|/.exec(line);
      if (m) ids.push(m[1]);
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(RULE_IDS).toEqual(ids);
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('its id is <check>.<name> and its check matches', () => {
        expect(rule.id.startsWith(`${rule.check}.`)).toBe(true);
      });

      it(`has title, description, policy_keys and remediation in rules/${rule.check}.yaml`, () => {
        const t = textsOf(rule.check)[rule.id];
        expect(t, `rules/${rule.check}.yaml: ${rule.id}`).toBeTruthy();
        for (const k of ['title', 'description', 'remediation'] as const) {
          expect(typeof t[k], `${rule.id}.${k}`).toBe('string');
          expect((t[k] as string).trim().length, `${rule.id}.${k}`).toBeGreaterThan(0);
        }
        expect(Array.isArray(t.policy_keys)).toBe(true);
        expect(t.messages && typeof t.messages === 'object').toBe(true);
      });

      it('every policy key it names exists in rules/defaults.yaml (or is a documented optional key)', () => {
        const keys = textsOf(rule.check)[rule.id].policy_keys as string[];
        for (const k of keys) expect(hasKey(k) || OPTIONAL_KEYS.has(k), `${rule.id}: policy key ${k}`).toBe(true);
      });

      it('its source file and its test file exist', () => {
        expect(existsSync(join(ROOT, 'src/rules', rule.check, `${nameOf(rule.id)}.ts`)), `src/rules/${rule.check}/${nameOf(rule.id)}.ts`).toBe(true);
        expect(existsSync(join(ROOT, 'test/rules', rule.check, `${nameOf(rule.id)}.test.ts`)), `test/rules/${rule.check}/${nameOf(rule.id)}.test.ts`).toBe(true);
      });

      it('every message id its source can return has words in rules/', () => {
        const src = readFileSync(join(ROOT, 'src/rules', rule.check, `${nameOf(rule.id)}.ts`), 'utf8');
        const ids = [...src.matchAll(/outcome\(\s*'(?:pass|warn|fail|n\/a)',\s*'([a-z0-9-]+)'/g)].map((m) => m[1]);
        expect(ids.length).toBeGreaterThan(0);
        const messages = textsOf(rule.check)[rule.id].messages as Record<string, string>;
        for (const id of ids) expect(messages[id], `${rule.id}: message ${id}`).toBeTypeOf('string');
      });
    });
  }

  it('no rules/ entry without a registered rule, and no rules/ file for an unknown check', () => {
    const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml') && f !== 'defaults.yaml' && f !== 'wcag-criteria.yaml');
    for (const f of files) {
      const check = f.replace(/\.yaml$/, '');
      expect(CHECK_NAMES, `rules/${f}`).toContain(check);
      for (const id of Object.keys(textsOf(check))) expect(RULE_IDS, `rules/${f}: ${id}`).toContain(id);
    }
    for (const c of CHECK_NAMES) expect(files).toContain(`${c}.yaml`);
  });

  it('no source or test file for a rule outside the registry', () => {
    for (const dir of readdirSync(join(ROOT, 'src/rules'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(ROOT, 'src/rules', dir.name)).filter((x) => x.endsWith('.ts'))) {
        expect(RULE_IDS, `src/rules/${dir.name}/${f}`).toContain(`${dir.name}.${f.replace(/\.ts$/, '')}`);
      }
    }
  });

  it('the WCAG titles ship in rules/wcag-criteria.yaml (1.4.3 Contrast (Minimum))', () => {
    const w = parse(readFileSync(join(ROOT, 'rules/wcag-criteria.yaml'), 'utf8')) as Record<string, { title: string; level: string }>;
    expect(w['1.4.3']).toMatchObject({ title: 'Contrast (Minimum)', level: 'AA' });
    expect(w['1.4.10']).toMatchObject({ title: 'Reflow' });
    expect(w['2.5.8']?.title).toBeTruthy(); // 2.2's Target Size (Minimum)
  });
});
