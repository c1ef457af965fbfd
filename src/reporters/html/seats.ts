/** "Seats and active users": the seats chart and its table, most wasted spend first. */
import type { ProductReport, Reconciliation, Report } from '../../model/types.js';
import { activeText, dormantShareText, dormantText, int, money, pct, reconcileNotes, wastedText } from '../util.js';
import { seatsChart } from './charts.js';
import { badge, dataTable, esc, productLabel, section, type Section } from './document.js';

function seatsRow(p: ProductReport): string {
  const u = p.usage!;
  return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${int(u.seats)}</td><td class="num">${activeText(u)}</td><td class="num">${dormantText(u)}</td><td class="num">${dormantShareText(u)}</td><td class="nowrap">${esc(u.lastSeen ?? '–')}</td><td>${p.checks.usage ? badge(p.checks.usage) : '–'}</td></tr>`;
}

function costRow(p: ProductReport): string {
  const u = p.usage!;
  return `<tr><th scope="row">${productLabel(p)}</th><td class="num">${money(u.annualCost)}</td><td class="num">${wastedText(u)}</td><td class="num">${money(u.costPerActiveUser)}</td><td class="num">${int(u.recommendedSeats)}</td><td class="num">${money(u.rightSizeSaving)}</td></tr>`;
}

function totalRow(report: Report): string {
  const rec = report.reconciliation;
  return `<tr class="total"><th scope="row">Total</th><td class="num">${money(rec?.annualCost.listed)}</td><td class="num">${money(rec?.wastedSpend.listed)}</td><td></td><td></td><td class="num">${money(rec?.rightSizeSaving.listed)}</td></tr>`;
}

/** The seats section over the products with usage figures (`usageProducts`, already in chart order). */
export function seatsSection(report: Report, ps: readonly ProductReport[]): Section {
  const days = report.thresholds.activeWindowDays;
  const body = [`<p>Products sorted by spend on dormant seats (seats with no sign-in in the last ${days} school days), most first.</p>`];
  if (ps.length === 0) body.push('<p>No product has usage figures.</p>');
  else {
    body.push(
      seatsChart(ps),
      dataTable(
        'Seats and active users table',
        `Seats and active users per product, last ${days} school days (the data of the chart above)`,
        ['Product', ['Seats', 'num'], [`Active users (last ${days} school days)`, 'num'], ['Dormant seats', 'num'], ['Dormant share', 'num'], 'Last sign-in', 'Usage status'],
        ps.map(seatsRow),
        'seats',
      ),
      dataTable(
        'Cost of the seats table',
        'What the seats cost per product, a year, with the wasted spend and the right-sizing saving',
        ['Product', ['Annual cost', 'num'], ['Wasted spend (dormant seats)', 'num'], ['Cost per active user', 'num'], ['Recommended seats', 'num'], ['Right-size saving', 'num']],
        [...ps.map(costRow), totalRow(report)],
        'costs',
      ),
    );
    const rec = report.reconciliation;
    if (rec) body.push(`<p class="meta foot">${esc(reconcileNotes(rec).join(' '))}</p>`);
  }
  return section('h-seats', 'Seats', 'Seats and active users', body);
}
