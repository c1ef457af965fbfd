/**
 * rules/ is checked when edvet is built: `checkRulesSource` validates the
 * parsed YAML against the zod schemas and the rule registry, and the build
 * writes what it returns to dist/rules-data.json, the only copy read at run
 * time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkRulesSource, ruleData, RULES_BUNDLE } from '../../src/load/rules-data.js';
import { RULES } from '../../src/rules/index.js';
import { ensureBuilt, ROOT } from '../rules/helpers.js';

/** rules/*.yaml parsed, as the build reads them. */
function source(): Record<string, unknown> {
  const dir = join(ROOT, 'rules');
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => [f, parse(readFileSync(join(dir, f), 'utf8'))]));
}

/** The source with one rule's texts changed. */
function withText(id: string, change: (t: Record<string, unknown>) => void): Record<string, unknown> {
  const files = source();
  const file = `${id.slice(0, id.indexOf('.'))}.yaml`;
  change((files[file] as Record<string, Record<string, unknown>>)[id]);
  return files;
}

describe('rules/ at build time', () => {
  beforeAll(() => ensureBuilt());

  it('the shipped rules/ is valid, and the bundle is exactly what the check returns', () => {
    const { bundle, problems } = checkRulesSource(source(), RULES);
    expect(problems).toEqual([]);
    expect(existsSync(RULES_BUNDLE)).toBe(true);
    expect(JSON.parse(readFileSync(RULES_BUNDLE, 'utf8'))).toEqual(bundle);
    expect(Object.keys(bundle!.texts).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(ruleData().wcag['1.4.3']).toEqual({ title: 'Contrast (Minimum)', level: 'AA', since: '2.0' });
  });

  const cases: { name: string; files: () => Record<string, unknown>; problem: RegExp }[] = [
    { name: 'a text missing a field', files: () => withText('privacy.dpa', (t) => delete t.remediation), problem: /^rules\/privacy\.yaml: privacy\.dpa\.remediation: / },
    { name: 'an empty title', files: () => withText('sso.integration', (t) => (t.title = '  ')), problem: /^rules\/sso\.yaml: sso\.integration\.title: expected a non-empty text$/ },
    { name: 'an unknown field', files: () => withText('mobile.responsive', (t) => (t.remedy = 'x')), problem: /^rules\/mobile\.yaml: mobile\.responsive: / },
    {
      name: 'a declared message id without words',
      files: () => withText('privacy.dpa', (t) => delete (t.messages as Record<string, string>)['signed-open']),
      problem: /^rules\/privacy\.yaml: privacy\.dpa\.messages has no words for the message 'signed-open' the rule declares$/,
    },
    {
      name: 'words for a message no rule declares',
      files: () => withText('contract.renewal', (t) => ((t.messages as Record<string, string>).overdue = 'x')),
      problem: /^rules\/contract\.yaml: contract\.renewal\.messages\.overdue: the rule declares no message 'overdue'$/,
    },
    {
      name: 'a rule without texts',
      files: () => {
        const files = source();
        delete (files['usage.yaml'] as Record<string, unknown>)['usage.dormant-seats'];
        return files;
      },
      problem: /^rules\/usage\.yaml: no texts for the rule usage\.dormant-seats$/,
    },
    {
      name: 'texts of a rule that is not registered',
      files: () => {
        const files = source();
        (files['privacy.yaml'] as Record<string, unknown>)['privacy.ghost'] = (files['privacy.yaml'] as Record<string, unknown>)['privacy.dpa'];
        return files;
      },
      problem: /^rules\/privacy\.yaml: privacy\.ghost is not a rule whose id starts with 'privacy\.'$/,
    },
    { name: 'a file for a family no rule id has', files: () => ({ ...source(), 'ghost.yaml': {} }), problem: /^rules\/ghost\.yaml: no rule id starts with 'ghost\.'/ },
    {
      name: 'a WCAG criterion with a bad level',
      files: () => {
        const files = source();
        (files['wcag-criteria.yaml'] as Record<string, Record<string, unknown>>)['1.4.3'].level = 'AAAA';
        return files;
      },
      problem: /^rules\/wcag-criteria\.yaml: 1\.4\.3\.level: /,
    },
    {
      name: 'defaults that break the policy schema',
      files: () => {
        const files = source();
        (files['defaults.yaml'] as Record<string, Record<string, unknown>>).usage.semester_days = 'ninety';
        return files;
      },
      problem: /^rules\/defaults\.yaml: usage\.semester_days: /,
    },
    {
      name: 'a missing file',
      files: () => {
        const files = source();
        delete files['cost.yaml'];
        return files;
      },
      problem: /^rules\/cost\.yaml is missing \(texts of cost\.per-student\)$/,
    },
  ];
  for (const c of cases) {
    it(`the build fails on ${c.name}`, () => {
      const { bundle, problems } = checkRulesSource(c.files(), RULES);
      expect(bundle).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(c.problem);
    });
  }

  it('every problem is reported together', () => {
    const files = withText('privacy.dpa', (t) => {
      delete t.title;
      (t.messages as Record<string, string>).extra = 'x';
    });
    delete (files['sso.yaml'] as Record<string, unknown>)['sso.integration'];
    expect(checkRulesSource(files, RULES).problems).toHaveLength(3);
  });
});
