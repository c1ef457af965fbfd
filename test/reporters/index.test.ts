import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, FORMATS_BY_COMMAND, REPORTERS, loadReporter } from '../../src/reporters/index.js';
import { renderCsv } from '../../src/reporters/csv.js';
import { renderGithub } from '../../src/reporters/github.js';
import { renderHtml } from '../../src/reporters/html.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderJunit } from '../../src/reporters/junit.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderTable } from '../../src/reporters/table.js';
import { buildReport } from '../fixtures/report-model.js';

const ALL = ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'];

describe('reporter registry', () => {
  it('offers the formats of reports.md per command, the default first', () => {
    expect(FORMATS_BY_COMMAND).toEqual({
      vet: ALL,
      audit: ALL,
      usage: ['table', 'json', 'markdown', 'csv', 'html'],
      sunset: ['table', 'json', 'markdown', 'csv', 'html'],
      validate: ['table', 'json'],
      letters: ['markdown', 'html'],
      rules: ['table', 'markdown', 'json'],
      explain: ['table', 'markdown', 'json'],
      list: ['table', 'csv', 'markdown', 'json', 'html'],
      import: ['table', 'json'],
    });
    expect([...FORMAT_NAMES].sort()).toEqual([...ALL].sort());
    expect(Object.keys(REPORTERS)).toEqual(FORMAT_NAMES);
  });

  it('loads each format from its own module', async () => {
    const expected = { table: renderTable, json: renderJson, markdown: renderMarkdown, csv: renderCsv, junit: renderJunit, sarif: renderSarif, github: renderGithub, html: renderHtml };
    for (const format of FORMAT_NAMES) expect(await loadReporter(format), format).toBe(expected[format]);
  });

  it('every reporter is pure: same input, same output, input unchanged', async () => {
    const report = buildReport();
    const before = JSON.stringify(report);
    for (const format of FORMAT_NAMES) {
      const r = await loadReporter(format);
      const a = r(report, { color: false, failOn: 'fail', cwd: '/work' });
      const b = r(report, { color: false, failOn: 'fail', cwd: '/work' });
      expect(a, format).toBe(b);
      expect(a.endsWith('\n'), format).toBe(true);
    }
    expect(JSON.stringify(report)).toBe(before);
  });
});
