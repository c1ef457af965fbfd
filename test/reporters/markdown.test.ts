import { describe, expect, it } from 'vitest';
import { md, renderMarkdown } from '../../src/reporters/markdown.js';
import { renderTable } from '../../src/reporters/table.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

/** Cells of a GFM table row, splitting on unescaped pipes. */
function cells(row: string): string[] {
  return row.slice(1, -1).split(/(?<!\\)\|/);
}

/** Every table in the document is rectangular: each row has as many cells as its header. */
function checkTables(doc: string) {
  const lines = doc.split('\n');
  let header: number | null = null;
  let tables = 0;
  for (const line of lines) {
    if (line.startsWith('|')) {
      expect(line.endsWith('|'), line).toBe(true);
      const n = cells(line).length;
      if (header === null) {
        header = n;
        tables++;
      } else expect(n, line).toBe(header);
    } else header = null;
  }
  return tables;
}

describe('markdown reporter', () => {
  it('matches the stored snapshot for the audit report', async () => {
    await expect(renderMarkdown(buildReport(), OPTIONS)).toMatchFileSnapshot('./__snapshots__/markdown-audit.md');
  });

  it('a renewal whose manifest does not say whether it auto-renews reads "not stated", never "no"', () => {
    const report = buildReport();
    const p = report.products.find((x) => x.id === 'wordwise')!;
    p.renewal = { ...p.renewal!, autoRenews: null };
    const row = renderMarkdown(report, OPTIONS).split('\n').find((l) => l.startsWith('|') && l.includes('2027-01-15') && l.includes('2026-12-16'));
    expect(row).toMatch(/\| not stated \|$/);
    expect(renderTable(report, { ...OPTIONS, width: 200 }).split('\n').some((l) => l.includes('2027-01-15') && /not stated/.test(l))).toBe(true);
  });

  it('has the sections of an audit as headings in order, and rectangular tables', () => {
    const out = renderMarkdown(buildReport(), OPTIONS);
    const headings = out.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings[0]).toBe('# edvet audit report: Riverside Unified School District');
    const h2 = headings.filter((h) => h.startsWith('## '));
    expect(h2).toEqual(['## Decisions', '## Headline figures', '## Usage', '## Where products are used', '## Monthly trend (Dec 2025 to Nov 2026)', '## Sunset plans', '## Renewals due within 90 days', '## Vetting', '## Findings', '## Apps that match no product', '## Usage files', '## Warnings']);
    expect(checkTables(out)).toBeGreaterThan(5);
    expect(out).toContain('| WordWise Reader (wordwise) | ✔ pass | ✔ pass | ✘ fail |');
  });

  it('shows where each product is used, escaping school names', () => {
    const out = renderMarkdown(buildReport(), OPTIONS);
    expect(out).toContain('| WordWise Reader (wordwise) | Lincoln Elementary: 900, Maple &lt;Annex&gt; \\| East: 310, Oak Ridge: 0 | K: 400, 1: 770, unknown: 2 |');
    // only products with a breakdown (a roster was given) are listed
    expect(out.split('## Where products are used')[1].split('## ')[0]).not.toContain('quizblast');
  });

  it('leaves the usage sections out of a vet report', () => {
    const out = renderMarkdown(buildReport({ hasUsage: false }), OPTIONS);
    expect(out).not.toContain('## Usage');
    expect(out).not.toContain('Annual spend');
    checkTables(out);
  });

  it('keeps hostile values inside their cells and inert', () => {
    const out = renderMarkdown(hostileReport(), OPTIONS);
    checkTables(out);
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('a\\|b c');
  });

  it('escapes pipes, HTML, backticks, link syntax and line breaks', () => {
    expect(md('a|b\nc')).toBe('a\\|b c');
    expect(md('<b>&</b>')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(md('`code` [x](javascript:y) *em* _u_')).toBe('\\`code\\` \\[x\\](javascript:y) \\*em\\* \\_u\\_');
    expect(md('\u001b[31mred\u0007')).toBe('red');
  });
});
