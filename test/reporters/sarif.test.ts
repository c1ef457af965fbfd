import { describe, expect, it } from 'vitest';
import { SARIF_SCHEMA, renderSarif } from '../../src/reporters/sarif.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work/district' };

/** The required properties and enumerations of the SARIF 2.1.0 schema that edvet's log uses. */
function checkSarif(log: any) {
  expect(log.$schema).toBe(SARIF_SCHEMA);
  expect(log.version).toBe('2.1.0');
  expect(Array.isArray(log.runs)).toBe(true);
  for (const run of log.runs) {
    expect(typeof run.tool.driver.name).toBe('string');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    const ids = new Set<string>();
    for (const rule of run.tool.driver.rules) {
      expect(typeof rule.id).toBe('string');
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
      for (const k of ['shortDescription', 'fullDescription', 'help']) expect(typeof rule[k].text).toBe('string');
      expect(['none', 'note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
    expect(Array.isArray(run.results)).toBe(true);
    for (const r of run.results) {
      expect(typeof r.message.text).toBe('string');
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(['none', 'note', 'warning', 'error']).toContain(r.level);
      expect(['new', 'unchanged', 'updated', 'absent']).toContain(r.baselineState);
      if (r.ruleIndex !== undefined) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      for (const loc of r.locations) {
        const pl = loc.physicalLocation;
        expect(() => new URL(pl.artifactLocation.uri, 'file:///root/')).not.toThrow();
        expect(pl.artifactLocation.uri).not.toMatch(/[\s\\<>"]/);
        expect(Number.isInteger(pl.region.startLine) && pl.region.startLine >= 1).toBe(true);
        expect(Number.isInteger(pl.region.startColumn) && pl.region.startColumn >= 1).toBe(true);
      }
    }
  }
}

describe('sarif reporter', () => {
  it('writes a SARIF 2.1.0 log with the rule table and one result per warn and fail', () => {
    const report = buildReport();
    const log = JSON.parse(renderSarif(report, OPTIONS));
    checkSarif(log);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('edvet');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(report.rules.map((r) => r.id));
    const wcagRule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'accessibility.wcag');
    expect(wcagRule.shortDescription.text).toBe('WCAG 2.1 AA conformance');
    expect(wcagRule.help.text).toMatch(/^Provide a current accessibility conformance report/);
    expect(run.results).toHaveLength(14);
    expect(run.results.filter((r: { level: string }) => r.level === 'error')).toHaveLength(7);
    const ww = run.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'accessibility.wcag' && r.message.text.startsWith('WordWise'));
    expect(ww.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'catalog/wordwise.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 31, startColumn: 17 },
    });
    expect(ww.baselineState).toBe('new');
    expect(run.results.find((r: { ruleId: string; message: { text: string } }) => r.ruleId === 'sso.integration').baselineState).toBe('unchanged');
  });

  it('makes absolute paths relative to cwd with forward slashes', () => {
    const report = buildReport();
    report.products[0].findings.forEach((f) => (f.source.file = '/work/district/catalog/sub dir/labsim.yaml'));
    report.products[1].findings.forEach((f) => (f.source.file = 'catalog\\win\\mathquest.yaml'));
    report.products[1].findings[0].status = 'warn';
    const log = JSON.parse(renderSarif(report, OPTIONS));
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('catalog/sub%20dir/labsim.yaml');
    expect(uris).toContain('catalog/win/mathquest.yaml');
  });

  it('writes an empty results array when nothing warns or fails', () => {
    const report = buildReport({ hasUsage: false });
    for (const p of report.products) for (const f of p.findings) if (f.status === 'warn' || f.status === 'fail') f.status = 'pass';
    const log = JSON.parse(renderSarif(report, OPTIONS));
    checkSarif(log);
    expect(log.runs[0].results).toEqual([]);
  });

  it('keeps hostile text as inert JSON strings and encodes paths', () => {
    const log = JSON.parse(renderSarif(hostileReport(), OPTIONS));
    checkSarif(log);
    const texts = log.runs[0].results.map((r: any) => r.message.text).join('\n');
    expect(texts).not.toContain('\u001b');
    expect(texts).toContain('<script>alert(1)</script>');
  });
});
