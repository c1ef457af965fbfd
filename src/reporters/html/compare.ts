/** "Since last audit" (reports.md, `--compare`): what changed since the earlier report, largest change first. */
import type { Report } from '../../model/types.js';
import { changeText, comparedProducts, fromTo, int, money, pct, pointsText } from '../util.js';
import { dataTable, esc, section, type Section } from './document.js';

/** The section, or null without `--compare`. */
export function compareSection(report: Report): Section | null {
  const c = report.comparison;
  if (!c) return null;
  const name = (id: string) => esc(c.names[id] ?? id) || esc(id);
  const body: string[] = [`<p>This audit (as of ${esc(report.asOf)}) beside the earlier report as of ${esc(c.previousAsOf)}. Products are matched by id; each figure is the one of its own report's window.</p>`];
  const totals = [
    ['Annual spend', c.annualSpend],
    ['Wasted on dormant seats', c.wastedSpend],
  ] as const;
  body.push(
    dataTable(
      'Spend since last audit table',
      `Spend, ${esc(c.previousAsOf)} and ${esc(report.asOf)}`,
      ['Figure', [`As of ${esc(c.previousAsOf)}`, 'num'], [`As of ${esc(report.asOf)}`, 'num'], ['Change', 'num']],
      totals.map(([label, x]) => `<tr><th scope="row">${label}</th><td class="num">${money(x.previous)}</td><td class="num">${money(x.now)}</td><td class="num">${esc(changeText(x.previous, x.now, (d) => money(d)))}</td></tr>`),
    ),
  );
  const list = (ids: readonly string[]) => (ids.length ? ids.map((id) => `${name(id)} (<code>${esc(id)}</code>)`).join(', ') : 'none');
  body.push(`<p><strong>Added:</strong> ${list(c.productsAdded)}.</p>`, `<p><strong>Removed:</strong> ${list(c.productsRemoved)}.</p>`);
  if (c.verdictChanges.length === 0) body.push('<p><strong>Verdict changes:</strong> none.</p>');
  else
    body.push(
      dataTable(
        'Verdict changes table',
        'Verdict changes',
        ['Product', 'Was', 'Now'],
        c.verdictChanges.map((v) => `<tr><th scope="row">${name(v.product)}</th><td class="v-${esc(v.from)}">${esc(v.from)}</td><td class="v-${esc(v.to)}">${esc(v.to)}</td></tr>`),
      ),
    );
  const ps = comparedProducts(c);
  if (ps.length > 0) {
    body.push(
      dataTable(
        'Usage since last audit table',
        'Usage of the products in both reports, largest change first',
        ['Product', `Active users (last ${report.thresholds.activeWindowDays} school days)`, `Teacher utilization (last ${report.thresholds.semesterDays} school days)`, 'Wasted spend'],
        ps.map(
          (p) =>
            `<tr><th scope="row">${name(p.product)}</th><td>${esc(fromTo(p.activeUsers.previous, p.activeUsers.now, int))}</td><td>${esc(fromTo(p.teacherUtilization.previous, p.teacherUtilization.now, pct, pointsText))}</td><td>${esc(fromTo(p.wastedSpend.previous, p.wastedSpend.now, money))}</td></tr>`,
        ),
      ),
    );
  }
  return section('h-compare', 'Since last audit', `Since last audit (${esc(c.previousAsOf)})`, body);
}
