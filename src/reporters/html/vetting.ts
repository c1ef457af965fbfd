/** "Vetting matrix": each product against the seven checks, with its verdict. */
import type { ProductReport } from '../../model/types.js';
import { VETTING_CHECKS } from '../../model/types.js';
import { badge, dataTable, esc, productLabel, section, type Section } from './document.js';

const CHECK_TITLES = ['Privacy', 'SSO', 'Accessibility', 'Cost', 'Evidence', 'Mobile', 'Standards'];

/** The vetting matrix over the products in report order. */
export function vettingSection(products: readonly ProductReport[]): Section {
  const rows = products.map(
    (p) =>
      `<tr><th scope="row">${productLabel(p)}<br><span class="meta">${esc(p.vendor)}</span></th>${VETTING_CHECKS.map((c) => `<td>${badge(p.checks[c])}</td>`).join('')}<td><strong class="v-${p.verdict}">${p.verdict}</strong></td></tr>`,
  );
  return section('h-vetting', 'Vetting matrix', 'Vetting matrix', [
    '<p>Each product against the seven checks of the district checklist. A product is rejected by any failed check and conditional with any warning; waived findings do not reject.</p>',
    dataTable('Vetting matrix table', 'Vetting result per product and check', ['Product', ...CHECK_TITLES, 'Verdict'], rows),
  ]);
}
