/**
 * "Monthly trend": distinct users per calendar month over the 12 months
 * ending with as-of's (usage-sources.md "Monthly trend"), as small multiples
 * (one small bar chart per product, each on its own scale with its peak
 * labelled) followed by their data table. A month before the exports'
 * earliest sign-in is drawn as a dashed baseline and written "–": not
 * covered is not zero.
 */
import type { MonthCount } from '../../model/usage.js';
import type { ProductReport, Report } from '../../model/types.js';
import { clean, countTrendNote, int, monthLabel, trendProducts, trendSpan, trendWho } from '../util.js';
import { dataTable, esc, productLabel, section, type Section } from './document.js';

const W = 216;
const H = 86;
const BASE = 66;
const BAR = 14;
const STEP = 18;

function smallChart(p: ProductReport, months: readonly MonthCount[]): string {
  const values = months.map((m) => m.activeUsers);
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  let peak = -1;
  values.forEach((v, i) => {
    if (v !== null && v > 0 && (peak < 0 || v >= values[peak]!)) peak = i;
  });
  const parts: string[] = [];
  values.forEach((v, i) => {
    const x = 4 + i * STEP;
    if (v === null) parts.push(`<line x1="${x}" y1="${BASE}" x2="${x + BAR}" y2="${BASE}" class="nd"/>`);
    else if (v > 0) {
      const h = Math.max(1, (v / max) * 44);
      parts.push(`<rect x="${x}" y="${(BASE - h).toFixed(1)}" width="${BAR}" height="${h.toFixed(1)}" class="${i === values.length - 1 ? 'now' : 'bar'}"/>`);
    }
  });
  if (peak >= 0) {
    const x = 4 + peak * STEP + BAR / 2;
    parts.push(`<text x="${Math.min(W - 4, Math.max(4, x))}" y="${(BASE - Math.max(1, (values[peak]! / max) * 44) - 4).toFixed(1)}" text-anchor="${x < 30 ? 'start' : x > W - 30 ? 'end' : 'middle'}" class="val">${int(values[peak])}</text>`);
  }
  parts.push(`<line x1="2" y1="${BASE + 0.5}" x2="${W - 2}" y2="${BASE + 0.5}" class="axis"/>`);
  parts.push(`<text x="4" y="${H - 4}" class="ax">${esc(monthLabel(months[0].month))}</text>`);
  parts.push(`<text x="${W - 4}" y="${H - 4}" text-anchor="end" class="ax">${esc(monthLabel(months[months.length - 1].month))}</text>`);
  const name = clean(p.name) || clean(p.id);
  const counts = p.usage?.basis === 'counts';
  const label = `${name}: ${counts ? 'at least this many active users per month (from aggregate counts)' : 'active users per month'}, ${monthLabel(months[0].month)} to ${monthLabel(months[months.length - 1].month)}${peak >= 0 ? `; most in ${monthLabel(months[peak].month)} (${int(values[peak])})` : '; none'}; ${int(values[values.length - 1])} in ${monthLabel(months[months.length - 1].month)}`;
  return `<figure class="mult"><figcaption>${productLabel(p)}${counts ? ' <span class="meta">(at least: counts)</span>' : ''}</figcaption>
<svg class="spark" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">
${parts.join('\n')}
</svg></figure>`;
}

function rows(p: ProductReport, months: readonly MonthCount[]): string {
  const cells = (pick: (m: MonthCount) => number | null) => months.map((m) => `<td class="num">${int(pick(m))}</td>`).join('');
  const [all, teachers] = trendWho(p);
  return `<tr><th scope="row" rowspan="2">${productLabel(p)}</th><td>${all}</td>${cells((m) => m.activeUsers)}</tr>
<tr class="sub"><td>${teachers}</td>${cells((m) => m.activeTeachers)}</tr>`;
}

/** The monthly trend section, or null when no product has a trend. */
export function monthlySection(report: Report): Section | null {
  const { shown, notMeasured } = trendProducts(report);
  if (shown.length === 0) return null;
  const span = trendSpan(report)!;
  const months = shown[0].usage!.monthly!;
  const body = [
    `<p>Distinct users who signed in to each product in each calendar month, ${esc(span)} (the month of as-of is counted up to ${esc(report.asOf)}). Each small chart has its own scale, with its busiest month labelled; the darker bar is the as-of month. A dashed baseline (– in the table) is a month before the earliest sign-in in the exports: not covered, not zero.</p>`,
    `<div class="mults">\n${shown.map((p) => smallChart(p, p.usage!.monthly!)).join('\n')}\n</div>`,
    dataTable(
      'Monthly trend table',
      `Distinct users per month, ${esc(span)} (the data of the charts above)`,
      ['Product', 'Who', ...months.map((m) => [esc(monthLabel(m.month)), 'num'] as const)],
      shown.map((p) => rows(p, p.usage!.monthly!)),
      'monthly',
    ),
  ];
  const note = countTrendNote(shown);
  if (note !== null) body.splice(1, 0, `<p>${esc(note)}</p>`);
  if (notMeasured.length > 0) {
    body.push(`<p class="meta">Not measured: ${notMeasured.map((n) => `${productLabel(n.product)} (${esc(n.reason)})`).join('; ')}.</p>`);
  }
  return section('h-monthly', 'Monthly trend', `Monthly trend (${esc(span)})`, body);
}
