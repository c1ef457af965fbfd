/** "Decisions": what the board must decide, soonest decide-by first, with the money at stake and the saving (reports.md "the board packet", 1). */
import type { Decision, Report } from '../../model/types.js';
import { actionText, DECISIONS_SHOWN, money } from '../util.js';
import { dataTable, esc, section, type Section } from './document.js';

function row(report: Report, d: Decision): string {
  const late = d.decideBy !== null && d.decideBy < report.asOf;
  const name = esc(d.name) || esc(d.product);
  return `<tr><th scope="row">${name}</th><td><strong>${esc(actionText(d))}</strong></td><td class="nowrap">${d.decideBy ? esc(d.decideBy) : '–'}${late ? ' <span class="late">(passed)</span>' : ''}</td><td class="num">${money(d.atStake)}</td><td class="num">${money(d.saving)}</td><td class="why">${esc(d.reason)}</td></tr>`;
}

const COLUMNS = ['Product', 'Recommended action', 'Decide by', ['At stake (annual cost)', 'num'], ['Saving', 'num'], 'Why'] as const;

function totalRow(ds: readonly Decision[], label: string): string {
  const stake = ds.reduce((n, d) => n + (d.atStake ?? 0), 0);
  // The decisions' savings add up to the summary's potential savings (the engine shares one definition of a product's saving).
  const saving = ds.reduce((n, d) => n + (d.saving ?? 0), 0);
  return `<tr class="total"><th scope="row">${label}</th><td></td><td></td><td class="num">${money(stake)}</td><td class="num">${money(saving)}</td><td></td></tr>`;
}

/** The decisions section (null without usage figures); the first 25 decisions, the rest in {@link moreDecisionsSection}. */
export function decisionsSection(report: Report): Section | null {
  if (!report.hasUsage) return null;
  const ds = report.decisions;
  const body: string[] = [];
  if (ds.length === 0) body.push(`<p>No product needs a decision: no renewal within ${report.thresholds.renewalWarnDays} days, no sunset candidate, no right-sizing, no active product rejected, no data deletion due, no use outside a product's grades and no re-review due.</p>`);
  else {
    const shown = ds.slice(0, DECISIONS_SHOWN);
    body.push(`<p>${ds.length} product${ds.length === 1 ? '' : 's'} need${ds.length === 1 ? 's' : ''} a decision, soonest decide-by date first. Each has one recommended action; the saving is the product's part of the potential savings.</p>`);
    body.push(dataTable('Decisions table', 'Decisions, soonest decide-by first', COLUMNS, [...shown.map((d) => row(report, d)), totalRow(ds, ds.length > shown.length ? `Total (all ${ds.length})` : 'Total')]));
    const notes = [`The savings add up to the potential savings of ${money(report.summary.potentialSavings)}. At stake is the annual cost of the products listed that the district pays for now (pilot, active, sunsetting), out of an annual spend of ${money(report.summary.annualSpend)}.`];
    if (ds.length > shown.length) notes.push(`And ${ds.length - shown.length} more: see <a href="#h-more-decisions">all decisions</a>.`);
    body.push(`<p class="meta foot">${notes.join(' ')}</p>`);
  }
  return section('h-decisions', 'Decisions', 'Decisions', body);
}

/** The full decisions table, only when there are more than 25. */
export function moreDecisionsSection(report: Report): Section | null {
  if (report.decisions.length <= DECISIONS_SHOWN) return null;
  const ds = report.decisions;
  return section('h-more-decisions', 'All decisions', 'All decisions', [dataTable('All decisions table', 'Every decision, soonest decide-by first', COLUMNS, [...ds.map((d) => row(report, d)), totalRow(ds, 'Total')])]);
}
