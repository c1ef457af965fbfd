import { describe, expect, it } from 'vitest';
import { FINDING_COLUMNS, USAGE_COLUMNS, csvCell, renderCsv } from '../../src/reporters/csv.js';
import { HOSTILE, buildReport, hostileReport } from '../fixtures/report-model.js';
import { parseCsv } from './csv-read.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('csv reporter', () => {
  it('writes a BOM, CRLF records, the reports.md header and one row per finding', () => {
    const report = buildReport();
    const out = renderCsv(report, OPTIONS);
    expect(out.startsWith('\uFEFFproduct_id,product_name,vendor,rule,check,status,message,field,value,expected,file,line\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(out.slice(1));
    expect(rows[0]).toEqual(FINDING_COLUMNS);
    expect(rows.length - 1).toBe(report.products.reduce((n, p) => n + p.findings.length, 0));
    for (const r of rows) expect(r.length).toBe(FINDING_COLUMNS.length);
    const wcag = rows.find((r) => r[0] === 'wordwise' && r[3] === 'accessibility.wcag')!;
    expect(wcag).toEqual(['wordwise', 'WordWise Reader', 'Brightline Learning Inc.', 'accessibility.wcag', 'accessibility', 'fail',
      'Conforms to WCAG 2.0 AA; the policy requires WCAG 2.1 AA', 'accessibility.wcag_version', '2.0', '>= 2.1', 'catalog/wordwise.yaml', '31']);
    const sso = rows.find((r) => r[0] === 'labsim' && r[3] === 'sso.integration')!;
    expect(sso[8]).toBe('');
    expect(sso[9]).toBe('one of google, microsoft, clever, classlink');
  });

  it('writes one row per product with usage figures for the usage and sunset commands', () => {
    for (const command of ['usage', 'sunset']) {
      const out = renderCsv(buildReport({ command }), OPTIONS);
      const rows = parseCsv(out.slice(1));
      expect(rows[0]).toEqual(USAGE_COLUMNS);
      expect(rows).toHaveLength(7);
      const get = (id: string, col: string) => rows.find((r) => r[0] === id)![USAGE_COLUMNS.indexOf(col)];
      expect(get('wordwise', 'seats')).toBe('3000');
      expect(get('wordwise', 'dormant_ratio')).toBe('0.5967');
      expect(get('wordwise', 'wasted_spend')).toBe('6265');
      expect(get('quizblast', 'wasted_spend')).toBe('3360.08');
      expect(get('wordwise', 'teacher_utilization')).toBe('0.3167');
      expect(get('labsim', 'teacher_utilization')).toBe('');
      expect(get('wordwise', 'sunset_candidate')).toBe('yes');
      expect(get('mathquest', 'sunset_candidate')).toBe('no');
      expect(get('wordwise', 'auto_renews')).toBe('yes');
      expect(get('storyspark', 'renewal_on')).toBe('');
    }
  });

  it('neutralises formulas and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("' =1"); // tabs become spaces, the formula is still neutralised
    expect(csvCell('\r=1')).toBe(`"'\n=1"`);
    expect(csvCell('  =1')).toBe("'  =1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
  });

  it('writes hostile names as text', () => {
    const rows = parseCsv(renderCsv(hostileReport(), OPTIONS).slice(1));
    for (const row of rows) {
      for (const cell of row) {
        expect(cell, cell).not.toMatch(/^\s*[=+\-@\t\r]/);
        expect(cell).not.toContain('\u001b');
      }
    }
    expect(rows.some((r) => r.includes(`'${HOSTILE[0]}`))).toBe(true);
    expect(rows.some((r) => r.includes(HOSTILE[1]))).toBe(true);
  });
});
