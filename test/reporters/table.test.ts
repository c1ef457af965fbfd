import { describe, expect, it } from 'vitest';
import { renderTable, wrap } from '../../src/reporters/table.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';

const plain = { color: false, failOn: 'fail' as const, cwd: '/work' };
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Display width of a line (every character here is one column wide). */
const width = (line: string) => [...line.replace(ANSI, '')].length;

describe('table reporter', () => {
  it('matches the stored snapshot for a small vet report', async () => {
    const report = buildReport({ hasUsage: false, mutate: (specs) => specs.splice(2, 3) });
    await expect(renderTable(report, plain)).toMatchFileSnapshot('./__snapshots__/table-vet.txt');
  });

  it('matches the stored snapshot for the audit report', async () => {
    await expect(renderTable(buildReport(), plain)).toMatchFileSnapshot('./__snapshots__/table-audit.txt');
  });

  it('starts with the summary line and shows every section of an audit', () => {
    const out = renderTable(buildReport(), plain);
    const lines = out.split('\n');
    expect(lines[0]).toBe('6 products: 3 approved, 1 conditional, 2 rejected · findings: 7 fail, 7 warn, 1 waived');
    expect(out).toContain('annual spend $53,660.10');
    expect(out).toContain('Findings to act on');
    expect(out).toContain('catalog/wordwise.yaml:31');
    expect(out).toContain('Usage (most wasted spend first)');
    expect(out).toContain('Sunset plans');
    expect(out).toContain('Renewals due within 90 days');
    expect(out).toContain('Kahoot! (5,120 rows)');
    expect(out).not.toContain('catalog/mathquest.yaml');
  });

  it('writes the status word next to each symbol when colour is off, and no escape codes', () => {
    const out = renderTable(buildReport(), plain);
    expect(out).toContain('✘ fail');
    expect(out).toContain('~ waived');
    expect(out).toContain('– n/a');
    expect(out).not.toContain('\u001b');
  });

  it('colours with an explicit chalk level when asked', () => {
    const out = renderTable(buildReport(), { ...plain, color: true });
    expect(out).toMatch(/\u001b\[31m/);
    expect(out.replace(ANSI, '')).toContain('✔ pass  ! warn  ✘ fail  ~ waived  – n/a');
  });

  for (const w of [100, 80]) {
    it(`fits ${w} columns, long names wrapped`, () => {
      for (const color of [false, true]) {
        const out = renderTable(hostileReport(), { ...plain, color, width: w });
        for (const line of out.split('\n')) expect(width(line), line).toBeLessThanOrEqual(w);
      }
      const out = renderTable(buildReport(), { ...plain, width: w });
      expect(out).toContain('LabSim Virtual Chemistry');
      expect(out).toContain('School Science');
    });
  }

  it('strips ANSI escapes and control characters from data', () => {
    const out = renderTable(hostileReport(), plain);
    expect(out).not.toContain('\u001b');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('a|b c');
    const colored = renderTable(hostileReport(), { ...plain, color: true });
    // only chalk's own SGR codes remain; the payload's "ESC[31mred" lost its escape
    expect(colored.replace(ANSI, '')).not.toContain('\u001b');
    expect(colored).not.toContain('\u001b[31mred');
  });
});

describe('wrap', () => {
  it('wraps on words and breaks words longer than a line', () => {
    expect(wrap('the quick brown fox', 9)).toEqual(['the quick', 'brown fox']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrap('', 5)).toEqual(['']);
  });

  it('lists the decisions as the board packet does: action, decide-by (passed), at stake, saving, reason; 25 then "and N more"; no section without usage', () => {
    const report = buildReport();
    const out = renderTable(report, plain);
    const section = out.slice(out.indexOf('Decisions (soonest decide-by first)'), out.indexOf('Usage files'));
    for (const d of report.decisions) expect(section).toContain(d.reason.slice(0, 40));
    expect(section).toContain('WordWise Reader · Sunset\n    decide by 2026-12-16 · at stake $10,500.00 · saves $10,500.00');
    expect(section).toMatch(/decide by 2026-10-02 \(passed\)/);
    expect(section).toContain(`The savings add up to the potential savings of $14,500.10.`);
    const many = buildReport();
    many.decisions = Array.from({ length: 30 }, (_, i) => ({ ...report.decisions[0], product: `p${i}`, name: `Product ${i}`, saving: null }));
    const m = renderTable(many, plain);
    expect(m.match(/^ {2}Product \d+ · /gm)).toHaveLength(25);
    expect(m).toContain('  and 5 more (the HTML, Markdown and JSON reports list every one)');
    expect(renderTable(buildReport({ hasUsage: false }), plain)).not.toContain('Decisions (soonest');
  });
});
