/**
 * The report's two inline SVG charts. Each has `role="img"`, a title and a
 * description, draws values as text beside the bars, and is followed in its
 * section by a table of the same figures.
 */
import type { ProductReport } from '../../model/types.js';
import { activeText, int, money, pct, wastedText } from '../util.js';
import { esc, short } from './document.js';

/** Chart geometry shared by both charts: a label column, then the bars, then the values. */
const W = 640;
const LABEL = 24; // characters of a product name (the data table holds the full name)
const BAR_X = 190;
const BAR_MAX = 230;
const TEXT_X = BAR_X + BAR_MAX + 8;

/** Paid seats against active users per product (products with usage figures, in the order given): one row each, the active bar inside the seats bar. */
export function seatsChart(ps: readonly ProductReport[]): string {
  // What fills the seats: active teachers on per-teacher licences, else active users (usage.md, per-teacher seats).
  const filling = (u: NonNullable<ProductReport['usage']>) => (u.licensedRole === 'teacher' ? u.activeTeachers : u.activeUsers);
  const maxSeats = Math.max(1, ...ps.map((p) => Math.max(p.usage!.seats ?? 0, filling(p.usage!) ?? 0)));
  const block = 34;
  const top = 4;
  const H = top + ps.length * block;
  const parts: string[] = [];
  ps.forEach((p, i) => {
    const u = p.usage!;
    const y = top + i * block;
    const seatW = u.seats === null ? 0 : Math.max(1, (u.seats / maxSeats) * BAR_MAX);
    const active = filling(u);
    const actW = active === null || active === 0 ? 0 : Math.max(1, (active / maxSeats) * BAR_MAX);
    parts.push(`<text x="0" y="${y + 19}" class="lbl">${esc(short(p.name || p.id, LABEL))}</text>`);
    if (u.seats !== null) parts.push(`<rect x="${BAR_X}" y="${y + 6}" width="${seatW.toFixed(1)}" height="18" class="seats"/>`);
    if (actW > 0) parts.push(`<rect x="${BAR_X}" y="${y + 10}" width="${actW.toFixed(1)}" height="10" class="active"/>`);
    const seats = u.seats === null ? 'seats unknown' : `${int(u.seats)} seats`;
    parts.push(`<text x="${TEXT_X}" y="${y + 14}" class="val">${u.activeUsers === null ? `no usage data; ${seats}` : `${activeText(u)} active of ${seats}`}</text>`);
    const waste = u.activeUsers === null && u.noUsageData ? 'no sign-ins found in any export' : u.wastedSpend === null ? 'wasted spend unknown' : `${wastedText(u)} on ${int(u.dormantSeats)} dormant`;
    parts.push(`<text x="${TEXT_X}" y="${y + 29}" class="note">${waste}</text>`);
  });
  return `<figure>
<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="seats-title seats-desc" xmlns="http://www.w3.org/2000/svg">
<title id="seats-title">Paid seats and active users per product, most wasted spend first</title>
<desc id="seats-desc">For each product, a grey bar for paid seats with a blue bar inside it for active users; the grey left over is dormant seats. The table below gives the same figures.</desc>
<style>.lbl{font:600 12.5px system-ui,sans-serif;fill:#1b1f24}.val{font:12px system-ui,sans-serif;fill:#1b1f24}.note{font:italic 12px system-ui,sans-serif;fill:#4a5260}.seats{fill:#d8dde6;stroke:#3d4451;stroke-width:1}.active{fill:#1d4ed8}</style>
${parts.join('\n')}
</svg>
<figcaption><ul class="legend"><li><span class="key key-seats" aria-hidden="true"></span>Paid seats</li><li><span class="key key-active" aria-hidden="true"></span>Active users</li></ul></figcaption>
</figure>`;
}

/** Teacher utilization per product against the policy minimum `min` (products whose utilization is known); `below` marks the bars whose rule failed. */
export function utilizationChart(ps: readonly ProductReport[], min: number, below: (p: ProductReport) => boolean): string {
  const block = 26;
  const top = 22;
  const H = top + ps.length * block + 4;
  const minX = BAR_X + Math.min(BAR_MAX, Math.max(0, min * BAR_MAX));
  const parts: string[] = [];
  ps.forEach((p, i) => {
    const u = p.usage!.teacherUtilization!;
    const y = top + i * block;
    const w = Math.max(u > 0 ? 1 : 0, Math.min(1, u) * BAR_MAX);
    const low = below(p);
    parts.push(`<text x="0" y="${y + 17}" class="lbl">${esc(short(p.name || p.id, LABEL))}</text>`);
    parts.push(`<rect x="${BAR_X}" y="${y + 5}" width="${BAR_MAX}" height="15" class="track"/>`);
    if (w > 0) parts.push(`<rect x="${BAR_X}" y="${y + 5}" width="${w.toFixed(1)}" height="15" class="${low ? 'low' : 'ok'}"/>`);
    parts.push(`<line x1="${minX.toFixed(1)}" y1="${y + 2}" x2="${minX.toFixed(1)}" y2="${y + 23}" class="min"/>`);
    parts.push(`<text x="${TEXT_X}" y="${y + 17}" class="val">${p.usage!.basis === 'counts' ? 'at least ' : ''}${pct(u)}${low ? ' below minimum' : ''}</text>`);
  });
  return `<figure>
<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="util-title util-desc" xmlns="http://www.w3.org/2000/svg">
<title id="util-title">Teacher utilization per product against the policy minimum of ${pct(min)}</title>
<desc id="util-desc">For each product, a bar for the share of teachers with access who used it this semester; a dashed line marks the policy minimum. Bars below the minimum are striped and labelled. The table below gives the same figures.</desc>
<defs><pattern id="stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6c9c4"/><rect width="3" height="6" fill="#b42318"/></pattern></defs>
<style>.lbl{font:600 12.5px system-ui,sans-serif;fill:#1b1f24}.val{font:12px system-ui,sans-serif;fill:#1b1f24}.track{fill:#f0f2f5;stroke:#aab1bd;stroke-width:1}.ok{fill:#0f766e}.low{fill:url(#stripes);stroke:#b42318;stroke-width:1}.min{stroke:#1b1f24;stroke-width:1.5;stroke-dasharray:4 3}</style>
<text x="${minX.toFixed(1)}" y="13" class="val" text-anchor="middle">minimum ${pct(min)}</text>
${parts.join('\n')}
</svg>
<figcaption><ul class="legend"><li><span class="key key-util" aria-hidden="true"></span>At or above the minimum</li><li><span class="key key-low" aria-hidden="true"></span>Below the minimum (labelled)</li><li>Dashed mark: policy minimum ${pct(min)}; grey track: 100%</li></ul></figcaption>
</figure>`;
}
