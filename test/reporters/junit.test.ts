import { describe, expect, it } from 'vitest';
import { renderJunit, xml } from '../../src/reporters/junit.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';
import { findAll, parseXml } from './xml-check.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('junit reporter', () => {
  const report = buildReport();

  it('is well-formed with one suite per product and one case per finding', () => {
    const root = parseXml(renderJunit(report, OPTIONS));
    expect(root.name).toBe('testsuites');
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['labsim', 'mathquest', 'oldmap', 'quizblast', 'storyspark', 'wordwise']);
    let tests = 0;
    for (const s of suites) {
      const p = report.products.find((x) => x.id === s.attrs.name)!;
      const cases = findAll(s, 'testcase');
      expect(cases.map((c) => c.attrs.name)).toEqual(p.findings.map((f) => f.rule));
      for (const c of cases) expect(c.attrs.classname).toBe(p.id);
      expect(Number(s.attrs.tests)).toBe(cases.length);
      expect(Number(s.attrs.failures)).toBe(findAll(s, 'failure').length);
      expect(Number(s.attrs.skipped)).toBe(findAll(s, 'skipped').length);
      expect(s.children[0].name).toBe('properties');
      expect(findAll(s.children[0], 'property').find((x) => x.attrs.name === 'policy')?.attrs.value).toBe(report.policy.source);
      tests += cases.length;
    }
    expect(Number(root.attrs.tests)).toBe(tests);
    expect(Number(root.attrs.failures)).toBe(7);
    expect(Number(root.attrs.skipped)).toBe(3);
    expect(root.attrs.errors).toBe('0');
  });

  it('maps fail to failure, warn to system-out, n/a and waived to skipped with the reason', () => {
    const root = parseXml(renderJunit(report, OPTIONS));
    const byName = (suite: string, rule: string) =>
      findAll(root, 'testsuite').find((s) => s.attrs.name === suite)!.children.find((c) => c.name === 'testcase' && c.attrs.name === rule)!;
    const fail = byName('wordwise', 'accessibility.wcag').children[0];
    expect(fail.name).toBe('failure');
    expect(fail.attrs.message).toBe('fail: Conforms to WCAG 2.0 AA; the policy requires WCAG 2.1 AA');
    expect(fail.text).toContain('evidence: accessibility.wcag_version = 2.0 (expected >= 2.1)');
    expect(fail.text).toContain('at catalog/wordwise.yaml:31:17');
    const warn = byName('wordwise', 'accessibility.vpat').children[0];
    expect(warn.name).toBe('system-out');
    expect(warn.text).toContain('warn: ');
    const waived = byName('quizblast', 'privacy.dpa').children[0];
    expect(waived.name).toBe('skipped');
    expect(waived.attrs.message).toContain('waived by J. Okafor, CTO until 2027-01-31');
    const na = byName('oldmap', 'standards.alignment').children[0];
    expect(na).toEqual({ name: 'skipped', attrs: { message: 'n/a: Not applicable: reference tool' }, children: [], text: '' });
    expect(byName('mathquest', 'privacy.dpa').children).toEqual([]);
    const known = byName('labsim', 'sso.integration').children[0];
    expect(known.attrs.message).toContain('known from the baseline');
  });

  it('reports warnings as failures with failOn warn', () => {
    const root = parseXml(renderJunit(report, { ...OPTIONS, failOn: 'warn' }));
    expect(Number(root.attrs.failures)).toBe(14);
    expect(findAll(root, 'system-out')).toHaveLength(0);
    expect(findAll(root, 'failure').filter((f) => f.attrs.type === 'warn')).toHaveLength(7);
  });

  it('escapes hostile text and strips characters illegal in XML', () => {
    const r = hostileReport();
    r.products[0].findings.find((f) => f.status === 'fail')!.message += ' \u0000\u0001\ud800 end';
    const out = renderJunit(r, OPTIONS);
    const root = parseXml(out);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    const messages = findAll(root, 'failure').map((f) => f.attrs.message);
    expect(messages.some((m) => m.includes('<script>alert(1)</script>'))).toBe(true);
    expect(findAll(root, 'testsuite').some((s) => s.children[0].children.some((p) => p.attrs.value.includes('"><img src=x onerror=alert(1)>')))).toBe(true);
    expect(xml('a\u0000b\ud800c<&>"\'', true)).toBe('abc&lt;&amp;&gt;&quot;&apos;');
  });
});
