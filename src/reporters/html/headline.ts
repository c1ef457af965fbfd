/** The headline figures: spend, waste and savings (with usage), and counts by verdict. */
import type { Report } from '../../model/types.js';
import { fromCountsText, money, savingsParts } from '../util.js';
import { esc, section, type Section } from './document.js';

/** The "Headline figures" section. */
export function headlineSection(report: Report): Section {
  const s = report.summary;
  const items: [string, string, string?][] = [];
  if (report.hasUsage) {
    items.push(['Annual spend', money(s.annualSpend), 'a year, products in use (pilot, active, sunsetting)']);
    items.push(['Wasted on dormant seats', money(s.wastedSpend), `a year; no sign-in in the last ${report.thresholds.activeWindowDays} school days${fromCountsText(s) ? `; ${fromCountsText(s)}` : ''}`]);
    items.push(['Potential savings', money(s.potentialSavings), `${money(s.sunsetSavings)} sunset + ${money(s.rightSizeSavings)} right-sizing`]);
  }
  items.push(['Products reviewed', String(s.products)]);
  items.push(['Approved', String(s.approved)]);
  items.push(['Conditional', String(s.conditional)]);
  items.push(['Rejected', String(s.rejected)]);
  if (report.hasUsage) items.push(['Sunset candidates', String(s.sunsetCandidates)]);
  const cells = items
    .map(([k, v, note]) => `<div><dt>${k}</dt><dd>${v}${note ? `<small>${note}</small>` : ''}</dd></div>`)
    .join('\n');
  const breakdown: string[] = [];
  if (report.hasUsage && s.potentialSavings > 0) {
    const parts = savingsParts(report);
    const item = (d: { name: string; product: string; saving: number | null }) => `<li>${esc(d.name) || esc(d.product)}: ${money(d.saving)}</li>`;
    breakdown.push('<h3>Where the potential savings come from</h3>', '<div class="split">');
    breakdown.push(`<div><p><strong>Sunset savings ${money(s.sunsetSavings)}</strong> (annual cost of the sunset candidates)</p><ul>${parts.sunset.map(item).join('') || '<li>none</li>'}</ul></div>`);
    breakdown.push(`<div><p><strong>Right-sizing savings ${money(s.rightSizeSavings)}</strong> (seats above the recommended number)</p><ul>${parts.rightSize.map(item).join('') || '<li>none</li>'}</ul></div>`);
    breakdown.push('</div>', `<p class="meta">${money(s.sunsetSavings)} + ${money(s.rightSizeSavings)} = ${money(s.potentialSavings)} potential savings.</p>`);
  }
  return section('h-headline', 'Headline figures', 'Headline figures', [
    '<dl class="figures">',
    cells,
    '</dl>',
    ...breakdown,
    `<p class="meta">Findings: ${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.waived} waived, ${s.findings.pass} pass, ${s.findings['n/a']} not applicable.</p>`,
  ]);
}
