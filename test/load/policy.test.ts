/**
 * The policy loader: defaults from rules/defaults.yaml, the district's file
 * merged over them (maps key by key, lists replaced), validated like a
 * manifest, waivers checked against the real rules and checks.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/load/catalog.js';
import { choosePolicyFile, defaultPolicyValue, findPolicyUpwards, loadPolicy, mergePolicy, policySearchStart } from '../../src/load/policy.js';
import { EdvetError, type Problem } from '../../src/model/errors.js';
import { buildReport } from '../../src/report/build.js';
import { CHECK_NAMES, RULES, RULE_IDS } from '../../src/rules/index.js';
import { ROOT } from '../rules/helpers.js';

const BAD = 'fixtures/bad/policy';
const tmp = mkdtempSync(join(tmpdir(), 'edvet-policy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const load = (file: string | null, cwd = ROOT) => loadPolicy(file, cwd, RULE_IDS, CHECK_NAMES);
function problemsOf(file: string): Problem[] {
  try {
    load(`${BAD}/${file}`);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return (e as EdvetError).problems;
  }
  throw new Error(`expected ${file} to be refused`);
}
function write(name: string, text: string): string {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
}

describe('defaults', () => {
  it('no file: the defaults of rules/defaults.yaml, source "defaults"', () => {
    const lp = load(null);
    expect(lp.source).toBe('defaults');
    expect(lp.doc).toBeNull();
    expect(lp.policy.privacy).toMatchObject({ dpa_expiry_warn_days: 90, coppa_through_grade: 7, state_addenda: [] });
    expect(lp.policy.accessibility).toMatchObject({ min_wcag: '2.1', min_conformance: 'AA', vpat_max_age_days: 730, openacr_partial: 'warn', ada_deadline: '2027-04-26' });
    expect(lp.policy.evidence).toMatchObject({ max_tier: 4, max_tier_by_category: { intervention: 3 }, max_tier_by_funding: { 'title-i-1003': 3 }, max_study_age_years: null });
    expect(lp.policy.cost).toEqual({ max_per_student: 5, applies_to: ['supplemental'] });
    expect(lp.policy.usage).toMatchObject({ active_window_days: 30, dormant_warn_ratio: 0.5, teacher_utilization_min: 0.3, semester_days: 90, right_size_buffer: 0.1 });
    expect(lp.policy.sunset).toEqual({ notice_days: 30, renewal_warn_days: 120 });
    expect(lp.policy.waivers ?? []).toEqual([]);
    expect(lp.policy.district).toBeUndefined();
  });

  it('an empty policy file is the defaults, named as the source', () => {
    const lp = load(write('empty.yaml', ''), tmp);
    expect(lp.source).toBe('empty.yaml');
    expect(lp.policy.privacy.dpa_expiry_warn_days).toBe(90);
  });
});

describe('merge', () => {
  it('maps merge key by key; lists replace the default list', () => {
    const f = write(
      'merge.yaml',
      'evidence:\n  max_tier_by_category:\n    core: 2\n  max_tier_by_funding:\n    esser: 2\nsso:\n  accepted_providers: [Clever]\nprivacy:\n  state_addenda: [NY-2D]\n',
    );
    const p = load(f, tmp).policy;
    expect(p.evidence.max_tier_by_category).toEqual({ intervention: 3, core: 2 });
    expect(p.evidence.max_tier_by_funding).toEqual({ 'title-i-1003': 3, esser: 2 });
    expect(p.evidence.max_tier).toBe(4);
    expect(p.sso.accepted_providers).toEqual(['clever']);
    expect(p.sso.accepted_protocols).toEqual(['saml', 'oidc', 'lti-1.3']);
    expect(p.privacy.state_addenda).toEqual(['NY-2D']);
    expect(p.privacy.dpa_expiry_warn_days).toBe(90);
  });

  it('an empty list replaces a default list', () => {
    const p = load(write('empty-list.yaml', 'cost:\n  applies_to: []\n'), tmp).policy;
    expect(p.cost.applies_to).toEqual([]);
    expect(p.cost.max_per_student).toBe(5);
  });

  it('mergePolicy never merges into a prototype', () => {
    const merged = mergePolicy({ a: { b: 1 } }, JSON.parse('{"a": {"c": 2}}')) as Record<string, Record<string, number>>;
    expect(merged.a).toEqual({ b: 1, c: 2 });
    expect(mergePolicy([1, 2], [3])).toEqual([3]);
    expect(mergePolicy({ x: 1 }, undefined)).toEqual({ x: 1 });
    expect(defaultPolicyValue()).not.toBe(defaultPolicyValue());
  });

  it('district, calendar and waivers are read', () => {
    const f = write(
      'full.yaml',
      'district:\n  name: Example County Schools\ncalendar:\n  terms:\n    - { name: Fall, start: 2025-08-18, end: 2025-12-19 }\n  closed: [2025-11-26, 2026-03-16/2026-03-20]\nwaivers:\n  - tool: c-staff-tool\n    rule: mobile\n    reason: Desktop only\n    approved_by: CTO\n    expires_on: 2027-06-30\n',
    );
    const p = load(f, tmp).policy;
    expect(p.district?.name).toBe('Example County Schools');
    expect(p.calendar?.closed).toEqual(['2025-11-26', '2026-03-16/2026-03-20']);
    expect(p.waivers).toHaveLength(1);
  });
});

describe('policy errors (exit 2, file:line:col)', () => {
  it('an unknown key, at the key, listing the valid ones', () => {
    const ps = problemsOf('unknown-key.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ file: `${BAD}/unknown-key.yaml`, line: 3, column: 3 });
    expect(ps[0].message).toContain('dpa_expiry_days');
    expect(ps[0].message).toContain('dpa_expiry_warn_days');
  });

  it('an unknown key close to a real one suggests it', () => {
    try {
      load(write('typo.yaml', 'mobile:\n  requierd: false\n'), tmp);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as EdvetError).problems[0].message).toContain('`required`');
    }
  });

  it('wrong types, all reported together', () => {
    const ps = problemsOf('wrong-type.yaml');
    expect(ps.map((p) => [p.line, p.column])).toEqual([
      [2, 25],
      [4, 23],
    ]);
  });

  it.each([
    ['waiver-no-reason.yaml', 'reason'],
    ['waiver-no-approver.yaml', 'approved_by'],
    ['waiver-no-expiry.yaml', 'expires_on'],
  ])('%s: a waiver without %s is a schema error', (file, field) => {
    const ps = problemsOf(file);
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toContain(field);
    expect(ps[0].file).toBe(`${BAD}/${file}`);
    expect(ps[0].line).toBeGreaterThanOrEqual(1);
  });

  it('a waiver naming an unknown rule is an error at the rule, with a suggestion', () => {
    const ps = problemsOf('waiver-unknown-rule.yaml');
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ line: 3, column: 11 });
    expect(ps[0].message).toContain('accessibility.wcga');
    expect(ps[0].message).toContain('accessibility.wcag');
  });

  it('an unknown waiver rule and a waiver without expires_on are reported in one run, in file order', () => {
    const ps = problemsOf('waiver-unknown-rule-and-no-expiry.yaml');
    expect(ps.map((p) => [p.line, p.column])).toEqual([
      [3, 11],
      [7, 5],
    ]);
    expect(ps[0].message).toContain('privacy.dpaa');
    expect(ps[0].message).toContain('did you mean `privacy.dpa`');
    expect(ps[1].message).toContain('waivers[1].expires_on');
  });

  it('an entry named after a built-in format may set only date_order and timezone: each other key is an error at that key', () => {
    const ps = problemsOf('usage-format-builtin-keys.yaml');
    expect(ps.map((p) => [p.line, p.column])).toEqual([
      [5, 5],
      [6, 5],
    ]);
    expect(ps[0].message).toContain('`usage_formats.moodle-log.detect`');
    expect(ps[1].message).toContain('`usage_formats.moodle-log.columns`');
    for (const p of ps) {
      expect(p.message).toContain('may set only date_order and timezone');
      // Never an invitation to complete the forbidden keys.
      expect(p.message).not.toMatch(/missing required|columns\.timestamp/);
    }
  });

  it('a built-in entry with only date_order/timezone is accepted and an empty one is no error', () => {
    const lp = load(write('fmt-ok.yaml', 'usage_formats:\n  moodle-log: { date_order: dmy, timezone: Europe/London }\n  entra-signins: {}\n'), tmp);
    expect(lp.policy.usage_formats?.['moodle-log']).toEqual({ date_order: 'dmy', timezone: 'Europe/London' });
  });

  it("a district's own format without columns or without an app is an error at the entry, saying what to add", () => {
    const ps = problemsOf('usage-format-incomplete.yaml');
    expect(ps.map((p) => p.line)).toEqual([3, 6]);
    expect(ps[0].message).toMatch(/`sis-logins` maps no columns: give `columns` with at least timestamp and user/);
    expect(ps[1].message).toMatch(/`lms-logins` maps no app: give `columns.app`.*or `app`/);
  });

  it('__proto__ / constructor keys are rejected and Object.prototype stays clean', () => {
    const ps = problemsOf('proto-keys.yaml');
    expect(ps.map((p) => p.line)).toEqual([1, 4]);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('two documents, a syntax error, a list document', () => {
    expect(problemsOf('two-documents.yaml')[0]).toMatchObject({ line: 4 });
    expect(problemsOf('syntax-error.yaml')[0].line).toBeGreaterThanOrEqual(2);
    expect(problemsOf('list-document.yaml')[0].message).toMatch(/list/);
  });

  it('a missing policy file is an input error', () => {
    expect(() => load('fixtures/bad/policy/nope.yaml')).toThrow(EdvetError);
  });

  it('a bad calendar and a bad regex', () => {
    const e = (() => {
      try {
        load(write('cal.yaml', 'calendar:\n  terms:\n    - { start: 2026-01-10, end: 2026-01-01 }\n  closed: [2026-02-30]\nusage:\n  teacher_pattern: "(["\n'), tmp);
      } catch (x) {
        return x as EdvetError;
      }
      throw new Error('expected an error');
    })();
    expect(e.problems.length).toBe(3);
  });

  it('role_by_org_unit: a valid list loads; a bad pattern and a bad role are reported together at their keys', () => {
    const ok = load(write('ou-ok.yaml', 'usage:\n  role_by_org_unit:\n    - { match: "^/Students(/|$)", role: student }\n'), tmp);
    expect(ok.policy.usage.role_by_org_unit).toEqual([{ match: '^/Students(/|$)', role: 'student' }]);
    expect(load(null).policy.usage.role_by_org_unit).toEqual([]);
    const e = (() => {
      try {
        load(write('ou.yaml', 'usage:\n  role_by_org_unit:\n    - { match: "^/Staff(", role: teacher }\n    - { match: "^/x", role: principal }\n'), tmp);
      } catch (x) {
        return x as EdvetError;
      }
      throw new Error('expected an error');
    })();
    expect(e.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(e.problems[0].message).toMatch(/role_by_org_unit\[0\]\.match/);
  });
});

describe('waivers in a run', () => {
  it('a waiver naming a product not in the run is a warning in the report, not an error', () => {
    const lp = load(`${BAD}/waiver-unknown-product.yaml`);
    const cat = loadCatalog(['fixtures/rules/mobile.responsive/no-block.yaml'], ROOT);
    const report = buildReport({
      command: 'vet',
      asOf: '2026-11-23',
      version: 'test',
      policy: lp,
      products: cat.products,
      rules: RULES.filter((r) => r.kind === 'vetting'),
      usage: null,
      renewals: false,
      warnings: [],
      baseline: null,
    });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain('not-in-this-run');
    expect(report.products[0].findings.find((f) => f.rule === 'mobile.responsive')?.status).toBe('fail');
  });

  it('a waiver by check name waives every failing rule of that check; the verdict notes it', () => {
    const f = write(
      'waive.yaml',
      'waivers:\n  - tool: mobile-no-block\n    rule: mobile\n    reason: Desktop only\n    approved_by: CTO\n    expires_on: 2027-06-30\n  - tool: mobile-ios-only\n    rule: mobile.responsive\n    reason: Old\n    approved_by: CTO\n    expires_on: 2026-01-31\n',
    );
    const lp = load(f, tmp);
    const cat = loadCatalog(['fixtures/rules/mobile.responsive/no-block.yaml', 'fixtures/rules/mobile.responsive/ios-only.yaml'], ROOT);
    const report = buildReport({
      command: 'vet',
      asOf: '2026-11-23',
      version: 'test',
      policy: lp,
      products: cat.products,
      rules: RULES.filter((r) => r.id === 'mobile.responsive'),
      usage: null,
      renewals: false,
      warnings: [],
      baseline: null,
    });
    const [ios, none] = report.products;
    expect(none.id).toBe('mobile-no-block');
    expect(none.findings[0]).toMatchObject({ status: 'waived', waiver: { reason: 'Desktop only', approvedBy: 'CTO', expiresOn: '2027-06-30', expired: false } });
    expect(none.checks.mobile).toBe('waived');
    expect(none.verdict).toBe('approved');
    // expired waiver: the warn stays, the note says it expired
    expect(ios.findings[0]).toMatchObject({ status: 'warn', waiver: { expired: true, expiresOn: '2026-01-31' } });
    expect(ios.verdict).toBe('conditional');
    expect(report.summary.findings).toMatchObject({ waived: 1, warn: 1 });
    expect(report.warnings).toEqual([]);
  });
});

describe('which policy (policy.md)', () => {
  it('the flag, else edvet.policy.yaml here, else the nearest at or above the catalog folder, else none', () => {
    const here = join(tmp, 'here');
    mkdirSync(join(here, 'cat'), { recursive: true });
    const cat = join(here, 'cat');
    expect(choosePolicyFile('x.yaml', here, null)).toBe('x.yaml');
    expect(choosePolicyFile(undefined, here, null)).toBeNull();
    writeFileSync(join(cat, 'edvet.policy.yaml'), '');
    expect(choosePolicyFile(undefined, here, cat)).toBe(join(cat, 'edvet.policy.yaml'));
    writeFileSync(join(here, 'edvet.policy.yaml'), '');
    expect(choosePolicyFile(undefined, here, cat)).toBe(join(here, 'edvet.policy.yaml'));
    expect(choosePolicyFile('x.yaml', here, cat)).toBe('x.yaml');
  });

  it('walks up from the catalog folder to the folder holding .git, and no further', () => {
    const outer = join(tmp, 'walk');
    const repo = join(outer, 'repo');
    const deep = join(repo, 'district', 'catalog', 'math');
    mkdirSync(deep, { recursive: true });
    const elsewhere = join(tmp, 'walk-cwd');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(outer, 'edvet.policy.yaml'), '');
    // no .git yet: the search goes up to the filesystem root and finds the outer file
    expect(findPolicyUpwards(deep)).toBe(join(outer, 'edvet.policy.yaml'));
    // .git (a folder, or a file in a worktree) marks the repository root: the outer file is not seen
    mkdirSync(join(repo, '.git'));
    expect(findPolicyUpwards(deep)).toBeNull();
    expect(choosePolicyFile(undefined, elsewhere, deep)).toBeNull();
    rmSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere\n');
    expect(findPolicyUpwards(deep)).toBeNull();
    // the repository root itself is searched, and the nearest file wins
    writeFileSync(join(repo, 'edvet.policy.yaml'), '');
    expect(findPolicyUpwards(deep)).toBe(join(repo, 'edvet.policy.yaml'));
    writeFileSync(join(repo, 'district', 'edvet.policy.yaml'), '');
    expect(choosePolicyFile(undefined, elsewhere, deep)).toBe(join(repo, 'district', 'edvet.policy.yaml'));
    // a folder named edvet.policy.yaml is not a policy
    mkdirSync(join(deep, 'edvet.policy.yaml'));
    expect(findPolicyUpwards(deep)).toBe(join(repo, 'district', 'edvet.policy.yaml'));
  });

  it('starts from the first path that exists: a folder as is, the folder of a manifest file', () => {
    const base = join(tmp, 'start');
    mkdirSync(join(base, 'a'), { recursive: true });
    writeFileSync(join(base, 'a', 'm.yaml'), '');
    expect(policySearchStart(['missing', 'a/m.yaml', 'a'], base)).toBe(join(base, 'a'));
    expect(policySearchStart(['a'], base)).toBe(join(base, 'a'));
    expect(policySearchStart(['.'], join(base, 'a'))).toBe(join(base, 'a'));
    expect(policySearchStart(['missing'], base)).toBeNull();
    expect(policySearchStart([], base)).toBeNull();
  });
});
