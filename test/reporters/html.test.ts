import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderHtml } from '../../src/reporters/html.js';
import { CSP, esc } from '../../src/reporters/html/document.js';
import { renderLetter } from '../../src/reporters/letters.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';

const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

/** Text of each element matching a simple tag pattern. */
function all(html: string, re: RegExp): string[] {
  return [...html.matchAll(re)].map((m) => m[1]);
}

describe('html reporter', () => {
  const html = renderHtml(buildReport(), OPTIONS);

  it('is one self-contained document with a restrictive CSP and no script or external reference', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("img-src data:");
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|url\((?!#)/i);
    expect(html).not.toMatch(/\s(src|srcset|action|formaction)=/i);
    expect(all(html, /href="([^"]*)"/g).every((h) => h.startsWith('#'))).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width:600px)');
  });

  it('holds the district, as-of, policy, headline figures and every section', () => {
    expect(html).toContain('<h1>Riverside Unified School District</h1>');
    expect(html).toContain('As of <strong>2026-11-23</strong>');
    expect(html).toContain('<code>edvet.policy.yaml</code>');
    for (const fig of ['$53,660.10', '$16,525.08', '$14,500.10']) expect(html).toContain(fig);
    const h2 = all(html, /<h2 id="[^"]+">([^<]*)<\/h2>/g);
    expect(h2).toEqual(['Decisions', 'Headline figures', 'Seats and active users', 'Teacher utilization', 'Where products are used', 'Monthly trend (Dec 2025 to Nov 2026)', 'Sunset candidates', 'Renewals in the next 90 days', 'Vetting matrix', 'Findings to act on', 'Inputs and warnings']);
  });

  it('has headings in order without skipped levels', () => {
    const levels = all(html, /<h([1-6])[\s>]/g).map(Number);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  });

  it('gives every table a caption and scoped headers, inside a labelled focusable region', () => {
    const tables = html.split(/<table(?: class="[a-z]+")?>/).slice(1);
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const t of tables) {
      expect(t.trimStart().startsWith('<caption>')).toBe(true);
      const ths = t.slice(0, t.indexOf('</table>')).match(/<th[ >]/g) ?? [];
      const scoped = t.slice(0, t.indexOf('</table>')).match(/<th scope="(col|row)"/g) ?? [];
      expect(scoped.length).toBe(ths.length);
    }
    const regions = html.match(/<div class="scroll" role="region" aria-label="[^"]+" tabindex="0">/g) ?? [];
    expect(regions.length).toBe(tables.length);
  });

  it('draws two SVG charts with role img, a title and a data table after each', () => {
    const svgs = html.match(/<svg class="chart"[^>]*>[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img"/);
      expect(svg).toMatch(/aria-labelledby="([a-z-]+) ([a-z-]+)"/);
      expect(svg).toMatch(/<title id="[a-z-]+">/);
    }
    expect(svgs[0].indexOf('WordWise Reader')).toBeLessThan(svgs[0].indexOf('MathQuest'));
    expect(svgs[1]).toContain('minimum 40.0%');
    expect(svgs[1]).toContain('31.7% below minimum');
    const afterFirst = html.slice(html.indexOf(svgs[0]) + svgs[0].length);
    expect(afterFirst.indexOf('<table')).toBeLessThan(afterFirst.indexOf('<svg'));
  });

  it('draws the monthly trend as small multiples with a data table; a month not covered is a dashed baseline and –', () => {
    const sec = html.slice(html.indexOf('<h2 id="h-monthly">'), html.indexOf('</section>', html.indexOf('<h2 id="h-monthly">')));
    expect(sec).toContain('Monthly trend (Dec 2025 to Nov 2026)');
    const sparks = sec.match(/<svg class="spark"[^>]*>[\s\S]*?<\/svg>/g)!;
    expect(sparks).toHaveLength(1); // only WordWise has a trend in the fixture
    expect(sparks[0]).toMatch(/role="img" aria-label="WordWise Reader: active users per month, Dec 2025 to Nov 2026; most in Nov 2026 \(1,210\); 1,210 in Nov 2026"/);
    expect(sparks[0].match(/class="nd"/g)).toHaveLength(2); // Dec 2025 and Jan 2026: before the first event
    expect(sparks[0].match(/<rect /g)).toHaveLength(10);
    const table = sec.slice(sec.indexOf('<table class="monthly">'));
    expect(table).toContain('<th scope="row" rowspan="2">WordWise Reader</th><td>All users</td><td class="num">–</td><td class="num">–</td><td class="num">980</td>');
    expect(sec).toContain('Not measured:');
  });

  it('shows renewals due, sunset plans with steps, the matrix with words, findings with evidence', () => {
    expect(html).toContain('2026-10-02 <span class="late">(passed)</span>');
    expect(html).not.toMatch(/<th scope="row">MathQuest Adaptive Practice<\/th><td class="nowrap">2027-08-01/);
    expect(html).toContain('<li>Send the vendor the disposition directive (edvet letters --kind deletion) on 2027-01-22; its certificate of deletion is due 2027-03-23; record both under offboarding</li>');
    expect(html).toContain('<span class="st st-fail"><span aria-hidden="true">✘</span> fail</span>');
    // Field names and paths may wrap at their dots, underscores and slashes (<wbr>), never widen a column.
    expect(html).toContain('<code>accessibility.<wbr>wcag_<wbr>version</code>: 2.0<br>expected: &gt;= 2.1');
    expect(html).toContain('<code>catalog/<wbr>wordwise.<wbr>yaml:31</code>');
  });

  it('leaves the usage sections out of a vet report', () => {
    const vet = renderHtml(buildReport({ hasUsage: false }), OPTIONS);
    expect(vet).not.toContain('<svg');
    expect(vet).not.toContain('Annual spend');
    expect(vet).toContain('Vetting matrix');
  });

  it('inlines base.css and report.css (a letter: base.css and letter.css) in one style element', () => {
    const css = (name: string) => readFileSync(new URL(`../../src/reporters/html/${name}.css`, import.meta.url), 'utf8');
    const style = (page: string) => page.slice(page.indexOf('<style>') + 7, page.indexOf('</style>\n</head>'));
    expect(style(html)).toBe(`\n${css('base')}\n${css('report')}`);
    const report = buildReport();
    const rejected = report.products.find((p) => p.verdict === 'rejected')!;
    expect(style(renderLetter(rejected, report, 'html'))).toBe(`\n${css('base')}\n${css('letter')}`);
  });

  it('escapes every hostile value', () => {
    const out = renderHtml(hostileReport(), OPTIONS);
    expect(out).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(esc(`<a href='x'>"&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
  });
});
