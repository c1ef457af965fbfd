/**
 * `html` — the budget-season report (reports.md "html"): one self-contained
 * page with a restrictive Content-Security-Policy and no script at all,
 * inline CSS and inline SVG charts each followed by its data table, readable
 * at 375 px (wide tables scroll inside a labelled, focusable region) and
 * printable as a board packet. Built for WCAG 2.1 AA: `lang`, headings in
 * order, `<th scope>`, captions, ≥ 4.5:1 text contrast, and status always
 * written as a word next to its colour and symbol. Every data value is
 * escaped with `esc()`. Each section is one function in ./html/, the CSS is
 * ./html/base.css and ./html/report.css.
 */
import type { Report } from '../model/types.js';
import type { Reporter } from './types.js';
import { plansWithoutUsage, renewalsDue, sortedProducts, sunsetProducts, usageProducts } from './util.js';
import { esc, htmlDocument, type Section } from './html/document.js';
import { compareSection } from './html/compare.js';
import { decisionsSection, moreDecisionsSection } from './html/decisions.js';
import { findingsSection } from './html/findings.js';
import { pageFooter, pageHeader, reportKind } from './html/header.js';
import { headlineSection } from './html/headline.js';
import { inputsSection } from './html/inputs.js';
import { monthlySection } from './html/monthly.js';
import { renewalsSection } from './html/renewals.js';
import { seatsSection } from './html/seats.js';
import { sunsetSection } from './html/sunset.js';
import { utilizationSection } from './html/utilization.js';
import { vettingSection } from './html/vetting.js';
import { whereUsedSection } from './html/where-used.js';

/** The sections about usage and contracts, in report order (none without usage figures). */
function usageSections(report: Report): Section[] {
  // Without usage files: the sunset plans of sunsetting products and the renewals due (a plan needs no usage).
  if (!report.hasUsage && !plansWithoutUsage(report)) return [];
  if (!report.hasUsage) return [sunsetProducts(report).length > 0 ? sunsetSection(report) : null, renewalsDue(report).length > 0 ? renewalsSection(report) : null].filter((s): s is Section => s !== null);
  const ps = usageProducts(report);
  const sections = [
    seatsSection(report, ps),
    utilizationSection(report, ps),
    whereUsedSection(report),
    monthlySection(report),
    sunsetSection(report),
    renewalsSection(report),
    moreDecisionsSection(report),
  ];
  return sections.filter((s): s is Section => s !== null);
}

/** Renders the self-contained HTML report. */
export const renderHtml: Reporter = (report: Report) => {
  const products = sortedProducts(report);
  const decisions = decisionsSection(report);
  const headline = headlineSection(report);
  const compare = compareSection(report);
  const usage = usageSections(report);
  const vetting = vettingSection(products);
  const findings = findingsSection(products);
  const inputs = inputsSection(report);
  // reports.md "the board packet": decisions, headline figures, since last audit, usage, sunset plans and renewals, vetting, findings, inputs.
  const sections = [decisions, headline, compare, ...usage, vetting, findings, inputs].filter((s): s is Section => s !== null);
  const main = sections.map((s) => s.html).join('\n');
  const body = `<div class="wrap">
${pageHeader(report, sections)}
<main>
${main}
</main>
${pageFooter(report)}
</div>`;
  const title = `${reportKind(report)}: ${report.district.name ? esc(report.district.name) : 'district'}, as of ${esc(report.asOf)}`;
  return htmlDocument(title, 'report', body);
};
