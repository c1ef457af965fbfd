/** "Sunset candidates": one plan per candidate with its dates, savings and steps. */
import type { ProductReport, Report } from '../../model/types.js';
import { money, sunsetProducts } from '../util.js';
import { esc, productLabel, section, type Section } from './document.js';

function plan(p: ProductReport): string {
  const s = p.sunset!;
  const facts: [string, string][] = [
    ['Reason', esc(s.reason)],
    ['Notice on', esc(s.noticeOn)],
    ['Earliest retirement', esc(s.earliestRetireOn)],
    ['Decide by', s.decideBy ? esc(s.decideBy) : 'no renewal date'],
    ['Retires before the renewal', s.beforeRenewal === null ? 'no renewal date' : s.beforeRenewal ? 'yes' : 'no'],
    ['Annual savings', money(s.annualSavings)],
  ];
  return `<div class="plan">
<h3>${productLabel(p)} <span class="meta">(${esc(p.id)}, ${esc(p.vendor)})</span></h3>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}
</dl>
<p><strong>Steps</strong></p>
<ol>
${s.steps.map((st) => `<li>${esc(st)}</li>`).join('\n')}
</ol>
</div>`;
}

/** The sunset section: every sunset plan of the report. */
export function sunsetSection(report: Report): Section {
  const sunset = sunsetProducts(report);
  const body = sunset.length === 0 ? ['<p>No product is a sunset candidate.</p>'] : sunset.map(plan);
  return section('h-sunset', 'Sunset candidates', 'Sunset candidates', body);
}
