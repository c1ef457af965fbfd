/**
 * The rule registry (src/rules/index.ts), the texts in rules/, the sources,
 * the test tables, the rule docs (docs/rules/) and the README's rules table
 * stay in step, all inside the repository: a rule lacking any of them fails
 * here, and so does a text, doc, test or row no registered rule owns.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ruleDoc } from '../../src/commands/rules.js';
import { ruleData } from '../../src/load/rules-data.js';
import { VETTING_CHECKS } from '../../src/model/types.js';
import { ruleHome } from '../../src/rules/define.js';
import { RULE_IDS, RULES } from '../../src/rules/index.js';
import { ROOT } from './helpers.js';

/**
 * The order findings are listed in every format (rules.md, "Rule order"):
 * vetting rules first, then usage, then contract and lifecycle rules. The spec
 * also lists rules edvet does not have yet; the registry must follow this
 * order for the ones it has. The law packs of privacy-laws.md §3 go between
 * privacy.state-addenda and sso.integration, in its table's order.
 */
const SPEC_ORDER = [
  'privacy.dpa',
  'privacy.coppa',
  'privacy.coppa-2025',
  'privacy.data-use',
  'privacy.state-addenda',
  'law.ny-2d.parents-bill-of-rights',
  'law.ny-2d.supplemental-information',
  'law.ny-2d.security-plan',
  'law.ny-2d.breach-notice',
  'law.il-soppa.written-agreement',
  'law.il-soppa.agreement-contents',
  'law.il-soppa.operator-duties',
  'law.il-soppa.posting',
  'law.ca-sopipa.operator-duties',
  'law.ca-sopipa.contract-terms',
  'law.co-sdtsa.contract-terms',
  'law.oh-sb29.contract-terms',
  'law.oh-sb29.annual-notice',
  'law.ut-sdpa.contract-terms',
  'law.ut-sdpa.metadata-dictionary',
  'law.ct-sdpa.contract-terms',
  'law.ct-sdpa.notices',
  'law.tx-ed-32.operator-duties',
  'law.tx-ed-32.tsds-agreement',
  'sso.integration',
  'accessibility.wcag',
  'accessibility.vpat',
  'cost.per-student',
  'evidence.essa-tier',
  'mobile.responsive',
  'standards.alignment',
  'usage.dormant-seats',
  'usage.teacher-utilization',
  'usage.over-deployed',
  'privacy.grade-band-use',
  'contract.renewal',
  'contract.review-due',
  'privacy.data-deletion',
];

/** Policy keys a rule may name that the defaults leave out on purpose (policy.md: none, by default). */
const OPTIONAL_KEYS = new Set(['district.name', 'district.contact', 'district.students', 'district.teachers', 'calendar', 'usage_formats', 'waivers']);

const data = ruleData();
const defaults = parse(readFileSync(join(ROOT, 'rules/defaults.yaml'), 'utf8')) as Record<string, unknown>;
const hasKey = (key: string) => {
  let v: unknown = defaults;
  for (const seg of key.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Record<string, unknown>)[seg];
  }
  return true;
};

/** The rows of the README's rules table (under "## The rules"): rule id (its link target too) and check. */
function readmeRows(): { id: string; link: string | null; check: string }[] {
  const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = md.indexOf('\n## The rules\n');
  expect(start, 'README.md has a "## The rules" section').toBeGreaterThan(0);
  const section = md.slice(start + 1).split(/\n## /)[0];
  const rows: { id: string; link: string | null; check: string }[] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*(?:\[`([^`]+)`\]\(([^)]+)\)|`([^`]+)`)\s*\|\s*([a-z]+)\s*\|/.exec(line);
    if (m) rows.push({ id: m[1] ?? m[3], link: m[2] ?? null, check: m[4] });
  }
  return rows;
}

describe('rule parity', () => {
  it('the registry has the 38 rules, each id once', () => {
    expect(RULES).toHaveLength(38);
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('the registry follows the order of rules.md ("Rule order")', () => {
    for (const id of RULE_IDS) expect(SPEC_ORDER, id).toContain(id);
    expect(RULE_IDS).toEqual(SPEC_ORDER.filter((id) => RULE_IDS.includes(id)));
  });

  for (const rule of RULES) {
    const { dir, name, texts } = ruleHome(rule.id);
    describe(rule.id, () => {
      it('its id is <check>.<name> (a law pack rule law.<pack>.<item> of the check privacy; a lifecycle rule privacy.<name>), and only vetting checks make vetting rules', () => {
        if (rule.id.startsWith('law.')) expect([rule.check, rule.id.split('.').length]).toEqual(['privacy', 3]);
        else if (rule.check === 'lifecycle') expect(rule.id.startsWith('privacy.')).toBe(true);
        else expect(rule.id.startsWith(`${rule.check}.`)).toBe(true);
        expect(rule.kind === 'vetting').toBe((VETTING_CHECKS as readonly string[]).includes(rule.check));
        if (rule.kind !== 'vetting') expect(rule.kind).toBe(rule.check);
      });

      it(`its module src/rules/${dir}/${name}.ts exports it`, async () => {
        const mod = (await import(/* @vite-ignore */ join(ROOT, 'src/rules', dir, `${name}.ts`))) as { default: unknown };
        expect(mod.default).toBe(rule);
      });

      it(`its texts in rules/${texts}.yaml give words to exactly the message ids it declares`, () => {
        const t = data.texts[rule.id];
        expect(t, `rules/${texts}.yaml: ${rule.id}`).toBeTruthy();
        expect(Object.keys(t.messages).sort()).toEqual(Object.keys(rule.messages).sort());
      });

      it('every policy key it names exists in rules/defaults.yaml (or is a documented optional key)', () => {
        for (const k of data.texts[rule.id].policy_keys) expect(hasKey(k) || OPTIONAL_KEYS.has(k), `${rule.id}: policy key ${k}`).toBe(true);
      });

      it(`its table test/rules/${dir}/${name}.test.ts runs it through the RuleTester`, () => {
        const file = join(ROOT, 'test/rules', dir, `${name}.test.ts`);
        expect(existsSync(file), file).toBe(true);
        const src = readFileSync(file, 'utf8');
        const up = '../'.repeat(dir.split('/').length + 2);
        expect(src).toContain(`from '${up}src/rules/${dir}/${name}.js'`);
        expect(src).toMatch(/\bruleTester\(rule, \[/);
      });

      it(`its doc docs/rules/${rule.id}.md is generated from its texts`, async () => {
        await expect(ruleDoc(rule, data)).toMatchFileSnapshot(join(ROOT, 'docs/rules', `${rule.id}.md`));
      });
    });
  }

  it('no rules/ text file for a family (the first part of an id) no rule has', () => {
    const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml') && f !== 'defaults.yaml' && f !== 'wcag-criteria.yaml');
    expect(files.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual([...new Set(RULE_IDS.map((id) => ruleHome(id).texts))].sort());
    expect(Object.keys(data.texts).sort()).toEqual([...RULE_IDS].sort());
  });

  it('no source, test table or doc for a rule outside the registry', () => {
    /** Files under a folder's sub-folders (not its own files), as `a/b/c.ts`. */
    const nested = (root: string, sub = ''): string[] =>
      readdirSync(join(root, sub), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? nested(root, sub ? `${sub}/${d.name}` : d.name) : sub ? [`${sub}/${d.name}`] : []));
    for (const f of nested(join(ROOT, 'src/rules')).filter((x) => x.endsWith('.ts'))) {
      expect(RULE_IDS, `src/rules/${f}`).toContain(f.replace(/\.ts$/, '').split('/').join('.'));
    }
    for (const f of nested(join(ROOT, 'test/rules')).filter((x) => x.endsWith('.test.ts'))) {
      expect(RULE_IDS, `test/rules/${f}`).toContain(f.replace(/\.test\.ts$/, '').split('/').join('.'));
    }
    expect(readdirSync(join(ROOT, 'docs/rules')).sort()).toEqual(RULE_IDS.map((id) => `${id}.md`).sort());
  });

  it("the README's rules table has one row per rule, in registry order, with its check and a link to its doc", () => {
    const rows = readmeRows();
    expect(rows.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const [i, rule] of RULES.entries()) expect(rows[i]).toEqual({ id: rule.id, link: `docs/rules/${rule.id}.md`, check: rule.check });
  });

  it('the WCAG titles ship in rules/wcag-criteria.yaml (1.4.3 Contrast (Minimum))', () => {
    expect(data.wcag['1.4.3']).toMatchObject({ title: 'Contrast (Minimum)', level: 'AA' });
    expect(data.wcag['1.4.10']).toMatchObject({ title: 'Reflow' });
    expect(data.wcag['2.5.8']?.title).toBeTruthy(); // 2.2's Target Size (Minimum)
  });
});
