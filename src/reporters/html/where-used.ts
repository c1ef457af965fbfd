/** "Where products are used": active users by school and active students by grade, from the roster. */
import type { Report } from '../../model/types.js';
import { breakdownProducts, breakdownText, breakdowns } from '../util.js';
import { dataTable, esc, productLabel, section, type Section } from './document.js';

/** The where-used section, or null when no product has a breakdown. */
export function whereUsedSection(report: Report): Section | null {
  const where = breakdownProducts(report);
  if (where.length === 0) return null;
  const days = report.thresholds.activeWindowDays;
  const rows = where.map((p) => {
    const b = breakdowns(p);
    return `<tr><th scope="row">${productLabel(p)}</th><td>${esc(breakdownText(b.schools))}</td><td>${esc(breakdownText(b.grades))}</td></tr>`;
  });
  return section('h-where', 'Where used', 'Where products are used', [
    `<p>Active users (last ${days} school days) by school (every school a product is deployed at, also at 0) and active students (the same window) by grade, from the roster.</p>`,
    dataTable(
      'Where products are used table',
      `Active users by school and active students by grade per product, last ${days} school days`,
      ['Product', `Active users by school (last ${days} school days)`, `Active students by grade (last ${days} school days)`],
      rows,
    ),
  ]);
}
