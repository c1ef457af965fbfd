/** The headline figures: spend, waste and savings (with usage), and counts by verdict. */
import type { Report } from '../../model/types.js';
import { money } from '../util.js';
import { section, type Section } from './document.js';

/** The "Headline figures" section. */
export function headlineSection(report: Report): Section {
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
  return section('h-headline', 'Headline figures', 'Headline figures', [
    '<dl class="figures">',
    cells,
    '</dl>',
    `<p class="meta">Findings: ${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.waived} waived, ${s.findings.pass} pass, ${s.findings['n/a']} not applicable.</p>`,
  ]);
}
