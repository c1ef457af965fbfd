/**
 * `html` — the budget-season report (reports.md "html"): one self-contained
 * page with a restrictive Content-Security-Policy and no script at all,
 * inline CSS and inline SVG charts each followed by its data table, readable
 * at 375 px (wide tables scroll inside a labelled, focusable region) and
 * printable as a board packet. Built for WCAG 2.1 AA: `lang`, headings in
 * order, `<th scope>`, captions, ≥ 4.5:1 text contrast, and status always
 * written as a word next to its colour and symbol. Every data value is
 * escaped with `esc()`.
 */
import type { Finding, ProductReport, Report, Status } from '../model/types.js';
import { VETTING_CHECKS } from '../model/types.js';
import type { Reporter } from './types.js';
import {
  SYMBOL,
  attentionFindings,
  clean,
  htmlText,
  int,
  money,
  pct,
  renewalsDue,
  sortedProducts,
  sunsetProducts,
  usageProducts,
  breakdownProducts,
  breakdownText,
  breakdowns,
  valueText,
  waiverText,
} from './util.js';

/** Escapes a data value for HTML text and attribute values (`& < > " '`), after removing control characters. */
export function esc(value: unknown): string {
  return htmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The Content-Security-Policy of every HTML edvet writes: nothing may load or run. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/** Shared stylesheet of the report and the letters (screen, narrow screens, print). */
export const BASE_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5260;--line:#d0d5dd;--accent:#1d3a8a;--soft:#f4f6f9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.5;font-size:16px}
.wrap{max-width:1120px;margin:0 auto;padding:1.5rem 1.25rem 3rem}
a{color:#1d4ed8}
a:focus-visible,.scroll:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.4rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.12rem;line-height:1.3;margin:1.75rem 0 .5rem}
p{margin:.5rem 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:var(--soft);padding:0 .2em;border-radius:3px}
.meta{color:var(--muted);margin:.25rem 0}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.94rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;caption-side:top}
.cap{display:inline-block;position:sticky;left:0;max-width:calc(100vw - 2rem)}
thead th.num{white-space:normal}
th,td{border-bottom:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft);border-bottom:2px solid #8a93a3}
tbody th{font-weight:600}
td,tbody th{overflow-wrap:break-word}
tbody th{min-width:9rem}
tbody th .meta{font-weight:400}
td code{overflow-wrap:break-word}
.rule{white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.st{display:inline-block;padding:0 .45rem;border-radius:4px;white-space:nowrap;font-weight:600;border:1px solid transparent}
.st-pass{background:#e3f4e8;color:#14532d;border-color:#9fd3ae}
.st-warn{background:#fff4cc;color:#6b3d00;border-color:#e7c65a}
.st-fail{background:#fde4e4;color:#8b1a1a;border-color:#f0a6a6}
.st-waived{background:#e2f0fb;color:#0b4870;border-color:#9cc8ea}
.st-na{background:#f0f1f3;color:#3d4451;border-color:#cdd1d8}
.v-approved,.v-conditional,.v-rejected{white-space:nowrap}.v-approved{color:#14532d}.v-conditional{color:#6b3d00}.v-rejected{color:#8b1a1a}
`;

const REPORT_CSS = `${BASE_CSS}
header.top{border-bottom:4px solid var(--accent);padding-bottom:1rem;margin-bottom:1.25rem}
.eyebrow{margin:0;font-size:.85rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);font-weight:600}
nav.toc ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.35rem 1rem}
nav.toc a{display:inline-block;padding:.3rem 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:.75rem;margin:0}
.figures div{border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:6px;padding:.7rem .9rem;background:var(--soft)}
.figures dt{font-size:.9rem;color:var(--muted);font-weight:600}
.figures dd{margin:.15rem 0 0;font-size:1.55rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.2}
.figures dd small{display:block;font-size:.85rem;font-weight:400;color:var(--muted)}
figure{margin:.75rem 0 1rem}
figcaption{color:var(--muted);font-size:.92rem;margin-top:.35rem}
svg.chart{display:block;width:100%;max-width:470px;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.25rem 0;padding:0;list-style:none;font-size:.92rem}
.key{display:inline-block;width:1.1em;height:.8em;vertical-align:-.05em;margin-right:.35em;border:1px solid #3d4451}
.key-seats{background:#d8dde6}.key-active{background:#1d4ed8;border-color:#1d4ed8}.key-util{background:#0f766e;border-color:#0f766e}
.key-low{background:repeating-linear-gradient(45deg,#b42318 0 3px,#f6c9c4 3px 6px);border-color:#b42318}
.plan{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem .75rem;margin:1rem 0}
.plan h3{margin-top:.75rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.late{color:#8b1a1a;font-weight:600}
ul.warnings li{overflow-wrap:anywhere}
footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media (max-width:600px){
  .wrap{padding:1rem .8rem 2rem}
  h1{font-size:1.45rem}
  h2{font-size:1.25rem}
  .figures{grid-template-columns:1fr 1fr}
  .figures dd{font-size:1.25rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dd{margin-bottom:.35rem}
}
@media print{
  @page{margin:14mm}
  body{font-size:10.5pt}
  .wrap{max-width:none;padding:0}
  nav.toc{display:none}
  .scroll{overflow:visible}
  h2{break-after:avoid;page-break-after:avoid;margin-top:1.5rem}
  h3{break-after:avoid;page-break-after:avoid}
  figure,.plan,tr,.figures div{break-inside:avoid;page-break-inside:avoid}
  section.major{break-before:auto}
  thead{display:table-header-group}
  svg.chart{max-width:15cm}
  a{color:inherit;text-decoration:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

/** The `<html>` shell shared by the report and letters. */
export function htmlDocument(title: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="edvet">
<title>${title}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const STATUS_CLASS: Record<Status, string> = { pass: 'st-pass', warn: 'st-warn', fail: 'st-fail', waived: 'st-waived', 'n/a': 'st-na' };

/** A status badge: colour, symbol (hidden from screen readers) and the word. */
export function badge(s: Status): string {
  return `<span class="st ${STATUS_CLASS[s]}"><span aria-hidden="true">${SYMBOL[s]}</span> ${s}</span>`;
}

/** A table wrapped in a labelled, keyboard-focusable horizontal scroll region. */
export function scrollTable(label: string, table: string): string {
  return `<div class="scroll" role="region" aria-label="${esc(label)}" tabindex="0">\n${table}\n</div>`;
}

function productLabel(p: ProductReport): string {
  return esc(p.name) || esc(p.id);
}

/** Truncates a chart label for display (the data table holds the full text). */
function short(s: string, n: number): string {
  const chars = [...clean(s)];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
}

const CHECK_TITLES = ['Privacy', 'SSO', 'Accessibility', 'Cost', 'Evidence', 'Mobile', 'Standards'];

function headline(report: Report): string {
  const s = report.summary;
  const items: [string, string, string?][] = [];
  if (report.hasUsage) {
    items.push(['Annual spend', money(s.annualSpend)]);
    items.push(['Wasted on dormant seats', money(s.wastedSpend)]);
    items.push(['Potential savings', money(s.potentialSavings), 'sunset plans and right-sizing']);
  }
  items.push(['Products reviewed', String(s.products)]);
  items.push(['Approved', String(s.approved)]);
  items.push(['Conditional', String(s.conditional)]);
  items.push(['Rejected', String(s.rejected)]);
  if (report.hasUsage) items.push(['Sunset candidates', String(s.sunsetCandidates)]);
  const cells = items
    .map(([k, v, note]) => `<div><dt>${k}</dt><dd>${v}${note ? `<small>${note}</small>` : ''}</dd></div>`)
    .join('\n');
  return `<section aria-labelledby="h-headline">
<h2 id="h-headline">Headline figures</h2>
<dl class="figures">
${cells}
</dl>
<p class="meta">Findings: ${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.waived} waived, ${s.findings.pass} pass, ${s.findings['n/a']} not applicable.</p>
</section>`;
}

function seatsChart(report: Report, ps: ProductReport[]): string {
  const W = 360;
  const barMax = 200;
  const maxSeats = Math.max(1, ...ps.map((p) => Math.max(p.usage!.seats ?? 0, p.usage!.activeUsers)));
  const block = 84;
  const top = 4;
  const H = top + ps.length * block;
  const parts: string[] = [];
  ps.forEach((p, i) => {
    const u = p.usage!;
    const y = top + i * block;
    const seatW = u.seats === null ? 0 : Math.max(1, (u.seats / maxSeats) * barMax);
    const actW = u.activeUsers === 0 ? 0 : Math.max(1, (u.activeUsers / maxSeats) * barMax);
    parts.push(`<text x="0" y="${y + 14}" class="lbl">${esc(short(p.name || p.id, 40))}</text>`);
    if (u.seats === null) parts.push(`<text x="0" y="${y + 33}" class="val">seats unknown</text>`);
    else {
      parts.push(`<rect x="0" y="${y + 21}" width="${seatW.toFixed(1)}" height="15" class="seats"/>`);
      parts.push(`<text x="${(seatW + 6).toFixed(1)}" y="${y + 33}" class="val">${int(u.seats)} seats</text>`);
    }
    if (actW > 0) parts.push(`<rect x="0" y="${y + 40}" width="${actW.toFixed(1)}" height="15" class="active"/>`);
    parts.push(`<text x="${(actW + 6).toFixed(1)}" y="${y + 52}" class="val">${int(u.activeUsers)} active</text>`);
    const waste = u.wastedSpend === null ? 'wasted spend unknown' : `${money(u.wastedSpend)} wasted on ${int(u.dormantSeats)} dormant seats`;
    parts.push(`<text x="0" y="${y + 71}" class="note">${waste}</text>`);
  });
  return `<figure>
<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="seats-title seats-desc" xmlns="http://www.w3.org/2000/svg">
<title id="seats-title">Paid seats and active users per product, most wasted spend first</title>
<desc id="seats-desc">For each product, a bar for paid seats and a bar for active users; the gap is dormant seats. The table below gives the same figures.</desc>
<style>.lbl{font:600 14px system-ui,sans-serif;fill:#1b1f24}.val{font:13px system-ui,sans-serif;fill:#1b1f24}.note{font:italic 13px system-ui,sans-serif;fill:#4a5260}.seats{fill:#d8dde6;stroke:#3d4451;stroke-width:1}.active{fill:#1d4ed8}</style>
${parts.join('\n')}
</svg>
<figcaption><ul class="legend"><li><span class="key key-seats" aria-hidden="true"></span>Paid seats</li><li><span class="key key-active" aria-hidden="true"></span>Active users</li></ul></figcaption>
</figure>`;
}

function utilizationChart(report: Report, ps: ProductReport[]): string {
  const W = 360;
  const barMax = 190;
  const min = report.thresholds.teacherUtilizationMin;
  const block = 46;
  const top = 26;
  const H = top + ps.length * block + 6;
  const minX = Math.min(barMax, Math.max(0, min * barMax));
  const parts: string[] = [];
  ps.forEach((p, i) => {
    const u = p.usage!.teacherUtilization!;
    const y = top + i * block;
    const w = Math.max(u > 0 ? 1 : 0, Math.min(1, u) * barMax);
    const low = u < min;
    parts.push(`<text x="0" y="${y + 13}" class="lbl">${esc(short(p.name || p.id, 40))}</text>`);
    parts.push(`<rect x="0" y="${y + 20}" width="${barMax}" height="15" class="track"/>`);
    if (w > 0) parts.push(`<rect x="0" y="${y + 20}" width="${w.toFixed(1)}" height="15" class="${low ? 'low' : 'ok'}"/>`);
    parts.push(`<line x1="${minX.toFixed(1)}" y1="${y + 17}" x2="${minX.toFixed(1)}" y2="${y + 38}" class="min"/>`);
    parts.push(`<text x="${barMax + 8}" y="${y + 32}" class="val">${pct(u)}${low ? ' below minimum' : ''}</text>`);
  });
  return `<figure>
<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="util-title util-desc" xmlns="http://www.w3.org/2000/svg">
<title id="util-title">Teacher utilization per product against the policy minimum of ${pct(min)}</title>
<desc id="util-desc">For each product, a bar for the share of teachers with access who used it this semester; a dashed line marks the policy minimum. Bars below the minimum are striped and labelled. The table below gives the same figures.</desc>
<defs><pattern id="stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6c9c4"/><rect width="3" height="6" fill="#b42318"/></pattern></defs>
<style>.lbl{font:600 14px system-ui,sans-serif;fill:#1b1f24}.val{font:13px system-ui,sans-serif;fill:#1b1f24}.track{fill:#f0f2f5;stroke:#aab1bd;stroke-width:1}.ok{fill:#0f766e}.low{fill:url(#stripes);stroke:#b42318;stroke-width:1}.min{stroke:#1b1f24;stroke-width:1.5;stroke-dasharray:4 3}</style>
<text x="${minX.toFixed(1)}" y="11" class="val" text-anchor="${minX > W - 60 ? 'end' : minX < 60 ? 'start' : 'middle'}">minimum ${pct(min)}</text>
${parts.join('\n')}
</svg>
<figcaption><ul class="legend"><li><span class="key key-util" aria-hidden="true"></span>At or above the minimum</li><li><span class="key key-low" aria-hidden="true"></span>Below the minimum (labelled)</li><li>Dashed mark: policy minimum ${pct(min)}; grey track: 100%</li></ul></figcaption>
</figure>`;
}

function usageSections(report: Report): string {
  const out: string[] = [];
  const ps = usageProducts(report);
  out.push(`<section aria-labelledby="h-seats">
<h2 id="h-seats">Seats and active users</h2>
<p>Products sorted by spend on dormant seats (seats with no sign-in in the active window), most first.</p>`);
  if (ps.length === 0) out.push('<p>No product has usage figures.</p>');
  else {
    out.push(seatsChart(report, ps));
    const rows = ps
      .map((p) => {
        const u = p.usage!;
        return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${int(u.seats)}</td><td class="num">${int(u.activeUsers)}</td><td class="num">${int(u.dormantSeats)}</td><td class="num">${pct(u.dormantRatio)}</td><td class="num">${money(u.annualCost)}</td><td class="num">${money(u.wastedSpend)}</td><td class="num">${money(u.costPerActiveUser)}</td><td class="num">${int(u.recommendedSeats)}</td><td class="num">${money(u.rightSizeSaving)}</td><td class="nowrap">${esc(u.lastSeen ?? '–')}</td><td>${p.checks.usage ? badge(p.checks.usage) : '–'}</td></tr>`;
      })
      .join('\n');
    out.push(
      scrollTable(
        'Seats and active users table',
        `<table>
<caption><span class="cap">Seats, active users and wasted spend per product (the data of the chart above)</span></caption>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Seats</th><th scope="col" class="num">Active users</th><th scope="col" class="num">Dormant seats</th><th scope="col" class="num">Dormant share</th><th scope="col" class="num">Annual cost</th><th scope="col" class="num">Wasted spend</th><th scope="col" class="num">Cost per active user</th><th scope="col" class="num">Recommended seats</th><th scope="col" class="num">Right-size saving</th><th scope="col">Last sign-in</th><th scope="col">Usage status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
      ),
    );
  }
  out.push('</section>');

  const min = report.thresholds.teacherUtilizationMin;
  const withUtil = ps.filter((p) => p.usage!.teacherUtilization !== null);
  const noUtil = ps.filter((p) => p.usage!.teacherUtilization === null);
  out.push(`<section aria-labelledby="h-util">
<h2 id="h-util">Teacher utilization</h2>
<p>Share of teachers with access who signed in this semester. The policy minimum is ${pct(min)}; an active product below it is a sunset candidate.</p>`);
  if (withUtil.length > 0) out.push(utilizationChart(report, withUtil));
  if (ps.length > 0) {
    const rows = ps
      .map((p) => {
        const u = p.usage!;
        const t = u.teacherUtilization;
        const note = t === null ? 'unknown' : t < min ? 'below the minimum' : 'meets the minimum';
        return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${int(u.teachersWithAccess)}</td><td class="num">${int(u.activeTeachers)}</td><td class="num">${pct(t)}</td><td>${note}</td></tr>`;
      })
      .join('\n');
    out.push(
      scrollTable(
        'Teacher utilization table',
        `<table>
<caption><span class="cap">Teacher utilization per product against the ${pct(min)} minimum (the data of the chart above)</span></caption>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Teachers with access</th><th scope="col" class="num">Active teachers</th><th scope="col" class="num">Utilization</th><th scope="col">Against the minimum</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
      ),
    );
    if (noUtil.length > 0) out.push(`<p class="meta">Not charted (teachers with access unknown): ${noUtil.map(productLabel).join(', ')}.</p>`);
  }
  out.push('</section>');

  const where = breakdownProducts(report);
  if (where.length > 0) {
    const rows = where
      .map((p) => {
        const b = breakdowns(p);
        return `<tr><th scope="row">${productLabel(p)}</th><td>${esc(breakdownText(b.schools))}</td><td>${esc(breakdownText(b.grades))}</td></tr>`;
      })
      .join('\n');
    out.push(`<section aria-labelledby="h-where">
<h2 id="h-where">Where products are used</h2>
<p>Active users by school (every school a product is deployed at, also at 0) and active students by grade, from the roster.</p>
${scrollTable(
  'Where products are used table',
  `<table>
<caption><span class="cap">Active users by school and active students by grade per product</span></caption>
<thead><tr><th scope="col">Product</th><th scope="col">Active users by school</th><th scope="col">Active students by grade</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
)}
</section>`);
  }

  const due = renewalsDue(report);
  out.push(`<section aria-labelledby="h-renewals">
<h2 id="h-renewals">Renewals in the next ${report.thresholds.renewalWarnDays} days</h2>`);
  if (due.length === 0) out.push(`<p>No contract renews within ${report.thresholds.renewalWarnDays} days of ${esc(report.asOf)}.</p>`);
  else {
    const rows = due
      .map((p) => {
        const r = p.renewal!;
        const late = r.decideBy < report.asOf;
        return `<tr><th scope="row">${productLabel(p)}</th><td class="nowrap">${esc(r.renewalOn)}</td><td class="nowrap">${esc(r.decideBy)}${late ? ' <span class="late">(passed)</span>' : ''}</td><td>${r.autoRenews ? 'yes' : 'no'}</td></tr>`;
      })
      .join('\n');
    out.push(
      scrollTable(
        'Renewals calendar',
        `<table>
<caption><span class="cap">Renewals calendar, soonest decision first</span></caption>
<thead><tr><th scope="col">Product</th><th scope="col">Renews on</th><th scope="col">Decide by</th><th scope="col">Auto-renews</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
      ),
    );
  }
  out.push('</section>');

  const sunset = sunsetProducts(report);
  out.push(`<section aria-labelledby="h-sunset">
<h2 id="h-sunset">Sunset candidates</h2>`);
  if (sunset.length === 0) out.push('<p>No product is a sunset candidate.</p>');
  for (const p of sunset) {
    const s = p.sunset!;
    const facts: [string, string][] = [
      ['Reason', esc(s.reason)],
      ['Notice on', esc(s.noticeOn)],
      ['Earliest retirement', esc(s.earliestRetireOn)],
      ['Decide by', s.decideBy ? esc(s.decideBy) : 'no renewal date'],
      ['Retires before the renewal', s.beforeRenewal === null ? 'no renewal date' : s.beforeRenewal ? 'yes' : 'no'],
      ['Annual savings', money(s.annualSavings)],
    ];
    out.push(`<div class="plan">
<h3>${productLabel(p)} <span class="meta">(${esc(p.id)}, ${esc(p.vendor)})</span></h3>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}
</dl>
<p><strong>Steps</strong></p>
<ol>
${s.steps.map((st) => `<li>${esc(st)}</li>`).join('\n')}
</ol>
</div>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function matrix(products: ProductReport[]): string {
  const rows = products
    .map(
      (p) =>
        `<tr><th scope="row">${productLabel(p)}<br><span class="meta">${esc(p.vendor)}</span></th>${VETTING_CHECKS.map((c) => `<td>${badge(p.checks[c])}</td>`).join('')}<td><strong class="v-${p.verdict}">${p.verdict}</strong></td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="h-vetting">
<h2 id="h-vetting">Vetting matrix</h2>
<p>Each product against the seven checks of the district checklist. A product is rejected by any failed check and conditional with any warning; waived findings do not reject.</p>
${scrollTable(
  'Vetting matrix table',
  `<table>
<caption><span class="cap">Vetting result per product and check</span></caption>
<thead><tr><th scope="col">Product</th>${CHECK_TITLES.map((t) => `<th scope="col">${t}</th>`).join('')}<th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
)}
</section>`;
}

function evidenceHtml(f: Finding): string {
  return `<code>${esc(f.evidence.field)}</code>: ${esc(valueText(f.evidence.value))}<br>expected: ${esc(valueText(f.evidence.expected))}`;
}

function findings(products: ProductReport[]): string {
  const out: string[] = [`<section aria-labelledby="h-findings">
<h2 id="h-findings">Findings to act on</h2>`];
  const ps = products.filter((p) => attentionFindings(p).length > 0);
  if (ps.length === 0) out.push('<p>No warning or failure.</p>');
  for (const p of ps) {
    const rows = attentionFindings(p)
      .map(
        (f) =>
          `<tr><td>${badge(f.status)}${f.known ? '<br><span class="meta">known</span>' : ''}</td><td><code class="rule">${esc(f.rule)}</code></td><td>${esc(f.message)}${f.waiver ? `<br><span class="meta">${esc(waiverText(f))}</span>` : ''}</td><td>${evidenceHtml(f)}</td><td><code>${esc(f.source.file)}:${f.source.line}</code></td><td>${esc(f.remediation ?? '')}</td></tr>`,
      )
      .join('\n');
    out.push(`<h3>${productLabel(p)}: <span class="v-${p.verdict}">${p.verdict}</span></h3>
<p class="meta">${esc(p.id)} · ${esc(p.vendor)} · ${esc(p.category)} · status ${esc(p.status)}</p>
${scrollTable(
  `Findings for ${clean(p.name) || clean(p.id)}`,
  `<table>
<caption><span class="cap">Warnings and failures for ${productLabel(p)}</span></caption>
<thead><tr><th scope="col">Status</th><th scope="col">Rule</th><th scope="col">Finding</th><th scope="col">Evidence</th><th scope="col">Where</th><th scope="col">What would resolve it</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
)}`);
  }
  out.push('</section>');
  return out.join('\n');
}

function inputs(report: Report): string {
  const out: string[] = [];
  if (report.unmatchedApps.length === 0 && report.inputs.length === 0 && report.warnings.length === 0) return '';
  out.push(`<section aria-labelledby="h-inputs">
<h2 id="h-inputs">Inputs and warnings</h2>`);
  if (report.inputs.length > 0) {
    const kv = (o: Record<string, number>) =>
      Object.entries(o).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} ${esc(k)}`).join('<br>') || '0';
    out.push(
      scrollTable(
        'Usage files table',
        `<table>
<caption><span class="cap">Usage files read</span></caption>
<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Used</th><th scope="col">Skipped</th><th scope="col">Bad</th></tr></thead>
<tbody>
${report.inputs.map((i) => `<tr><th scope="row"><code>${esc(i.path)}</code></th><td>${esc(i.format)}</td><td class="num">${int(i.rows)}</td><td class="num">${int(i.used)}</td><td>${kv(i.skipped)}</td><td>${kv(i.bad)}</td></tr>`).join('\n')}
</tbody>
</table>`,
      ),
    );
  }
  if (report.unmatchedApps.length > 0) {
    out.push(
      scrollTable(
        'Unmatched apps table',
        `<table>
<caption><span class="cap">Apps in the usage exports that match no product</span></caption>
<thead><tr><th scope="col">App</th><th scope="col" class="num">Rows</th></tr></thead>
<tbody>
${report.unmatchedApps.map((a) => `<tr><th scope="row">${esc(a.app)}</th><td class="num">${int(a.rows)}</td></tr>`).join('\n')}
</tbody>
</table>`,
      ),
    );
  }
  if (report.warnings.length > 0) {
    out.push(`<h3>Warnings</h3>\n<ul class="warnings">\n${report.warnings.map((w) => `<li>${esc(w)}</li>`).join('\n')}\n</ul>`);
  }
  out.push('</section>');
  return out.join('\n');
}

/** Renders the self-contained HTML report. */
export const renderHtml: Reporter = (report: Report) => {
  const products = sortedProducts(report);
  const district = report.district.name ? esc(report.district.name) : 'District';
  const kind = report.hasUsage ? 'Edtech audit' : 'Edtech vetting report';
  const toc: [string, string][] = [['h-headline', 'Headline figures']];
  if (report.hasUsage) {
    toc.push(['h-seats', 'Seats'], ['h-util', 'Teacher utilization']);
    if (breakdownProducts(report).length > 0) toc.push(['h-where', 'Where used']);
    toc.push(['h-renewals', 'Renewals'], ['h-sunset', 'Sunset candidates']);
  }
  toc.push(['h-vetting', 'Vetting matrix'], ['h-findings', 'Findings']);
  const inputsHtml = inputs(report);
  if (inputsHtml) toc.push(['h-inputs', 'Inputs and warnings']);
  const body = `<div class="wrap">
<header class="top">
<p class="eyebrow">${kind}</p>
<h1>${district}</h1>
<p class="meta">As of <strong>${esc(report.asOf)}</strong> · policy <code>${esc(report.policy.source)}</code>${report.district.contact ? ` · contact ${esc(report.district.contact)}` : ''}</p>
<nav class="toc" aria-label="Sections"><ul>${toc.map(([id, t]) => `<li><a href="#${id}">${t}</a></li>`).join('')}</ul></nav>
</header>
<main>
${headline(report)}
${report.hasUsage ? usageSections(report) : ''}
${matrix(products)}
${findings(products)}
${inputsHtml}
</main>
<footer><p>Generated by edvet ${esc(report.generator.version)} (${esc(report.command)}) from the policy <code>${esc(report.policy.source)}</code>, as of ${esc(report.asOf)}.</p></footer>
</div>`;
  const title = `${kind}: ${report.district.name ? esc(report.district.name) : 'district'}, as of ${esc(report.asOf)}`;
  return htmlDocument(title, REPORT_CSS, body);
};
