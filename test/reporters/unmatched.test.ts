/**
 * Unmatched apps in every format (usage-sources.md "Unmatched apps"): JSON
 * lists every one with its app id and suggestion; table, Markdown and HTML
 * show the first 20 and say how many more there are.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { renderTable } from '../../src/reporters/table.js';
import { buildReport } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

function withApps(n: number) {
  const r = buildReport();
  r.unmatchedApps = Array.from({ length: n }, (_, i) => ({
    app: `App ${String(i).padStart(2, '0')}`,
    appId: i === 0 ? '555-a' : null,
    rows: 100 - i,
    suggestedProduct: i === 0 ? 'wordwise' : null,
  }));
  return r;
}

describe('unmatched apps', () => {
  it('JSON holds all of them, each with app, appId, rows and suggestedProduct', () => {
    const j = JSON.parse(renderJson(withApps(23), OPTIONS)) as { unmatchedApps: unknown[] };
    expect(j.unmatchedApps).toHaveLength(23);
    expect(j.unmatchedApps[0]).toEqual({ app: 'App 00', appId: '555-a', rows: 100, suggestedProduct: 'wordwise' });
    expect(j.unmatchedApps[22]).toEqual({ app: 'App 22', appId: null, rows: 78, suggestedProduct: null });
  });

  it.each([
    ['table', (r: ReturnType<typeof withApps>) => renderTable(r, OPTIONS), 'and 3 more'],
    ['markdown', (r: ReturnType<typeof withApps>) => renderMarkdown(r, OPTIONS), 'And 3 more'],
    ['html', (r: ReturnType<typeof withApps>) => renderHtml(r, OPTIONS), 'And 3 more'],
  ])('%s shows the first 20 and "and N more"', (_name, render, more) => {
    const out = render(withApps(23));
    expect(out).toContain('App 19');
    expect(out).not.toContain('App 20');
    expect(out).toContain(more);
    const all = render(withApps(20));
    expect(all).toContain('App 19');
    expect(all).not.toMatch(/and \d+ more/i);
  });

  it('the table names the app id and the suggested product', () => {
    expect(renderTable(withApps(2), OPTIONS)).toContain('App 00 [555-a] (100 rows, may be wordwise)');
  });
});
