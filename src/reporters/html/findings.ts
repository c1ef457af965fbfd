/** "Findings to act on": every warning and failure per product, with evidence, location and remedy. */
import type { Finding, ProductReport } from '../../model/types.js';
import { attentionFindings, clean, evidenceParts, waiverText } from '../util.js';
import { badge, breakablePath, dataTable, esc, productLabel, section, type Section } from './document.js';

function evidenceHtml(f: Finding): string {
  const e = evidenceParts(f);
  return `<code>${breakablePath(f.evidence.field)}</code>: ${esc(e.value)}<br>expected: ${esc(e.expected)}`;
}

function row(f: Finding): string {
  return `<tr><td>${badge(f.status)}${f.known ? '<br><span class="meta">known</span>' : ''}</td><td><code class="rule">${breakablePath(f.rule)}</code></td><td>${esc(f.message)}${f.waiver ? `<br><span class="meta">${esc(waiverText(f))}</span>` : ''}</td><td>${evidenceHtml(f)}</td><td><code>${breakablePath(f.source.file)}:${f.source.line}</code></td><td>${esc(f.remediation ?? '')}</td></tr>`;
}

function productFindings(p: ProductReport): string {
  return `<div class="fprod">
<h3>${productLabel(p)}: <span class="v-${p.verdict}">${p.verdict}</span></h3>
<p class="meta">${esc(p.id)} · ${esc(p.vendor)} · ${esc(p.category)} · status ${esc(p.status)}</p>
${dataTable(
  `Findings for ${clean(p.name) || clean(p.id)}`,
  `Warnings and failures for ${productLabel(p)}`,
  ['Status', 'Rule', 'Finding', 'Evidence', 'Where', 'What would resolve it'],
  attentionFindings(p).map(row),
  'findings',
)}
</div>`;
}

/** The findings section over the products in report order (those with a warning or failure). */
export function findingsSection(products: readonly ProductReport[]): Section {
  const ps = products.filter((p) => attentionFindings(p).length > 0);
  const body = ps.length === 0 ? ['<p>No warning or failure.</p>'] : ps.map(productFindings);
  return section('h-findings', 'Findings', 'Findings to act on', body);
}
