/** "Renewals in the next N days": the renewals calendar, soonest decision first. */
import type { Report } from '../../model/types.js';
import { autoRenewsText, renewalsDue } from '../util.js';
import { dataTable, esc, productLabel, section, type Section } from './document.js';

/** The renewals section: the contracts renewing within the policy's warning window. */
export function renewalsSection(report: Report): Section {
  const days = report.thresholds.renewalWarnDays;
  const due = renewalsDue(report);
  const body: string[] = [];
  if (due.length === 0) body.push(`<p>No contract renews within ${days} days of ${esc(report.asOf)}.</p>`);
  else {
    const rows = due.map((p) => {
      const r = p.renewal!;
      const late = r.decideBy < report.asOf;
      return `<tr><th scope="row">${productLabel(p)}</th><td class="nowrap">${esc(r.renewalOn)}</td><td class="nowrap">${esc(r.decideBy)}${late ? ' <span class="late">(passed)</span>' : ''}</td><td>${autoRenewsText(r.autoRenews)}</td></tr>`;
    });
    body.push(dataTable('Renewals calendar', 'Renewals calendar, soonest decision first', ['Product', 'Renews on', 'Decide by', 'Auto-renews'], rows));
  }
  return section('h-renewals', 'Renewals', `Renewals in the next ${days} days`, body);
}
