/**
 * `markdown` — the report as headings and GitHub-flavoured tables, for pull
 * requests, wikis and board packets. Every data value goes through `md()`:
 * control characters and line breaks removed, HTML, pipes, backticks and
 * link/emphasis syntax escaped, so a value can neither break a table nor
 * inject markup.
 */
import type { Decision, Finding, ProductReport, Report } from '../model/types.js';
import { VETTING_CHECKS } from '../model/types.js';
import type { Reporter } from './types.js';
import {
  actionText,
  DECISIONS_SHOWN,
  savingsParts,
  attentionFindings,
  reconcileNotes,
  evidenceParts,
  htmlText,
  int,
  money,
  pct,
  renewalsDue,
  countTrendNote,
  trendWho,
  sortedProducts,
  statusLabel,
  plansWithoutUsage,
  sunsetProducts,
  usageProducts,
  activeText,
  dormantText,
  wastedText,
  unmatchedShown,
  breakdownProducts,
  breakdownText,
  breakdowns,
  valueText,
  waiverText,
  monthLabel,
  changeText,
  comparedProducts,
  fromTo,
  pointsText,
  trendProducts,
  trendSpan,
  autoRenewsText,
  utilizationText,
  dormantShareText,
  fromCountsText,
} from './util.js';

/** A data value as inert inline Markdown (safe in a table cell, a heading or a list item). */
export function md(value: unknown): string {
  return htmlText(value)
    .replace(/[\\`*_[\]|~#!]/g, (ch) => `\\${ch}`)
    .trim();
}

/** A GFM table; cells must already be escaped. */
export function mdTable(head: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
  return [line(head), line(sep), ...rows.map(line)].join('\n');
}

const CHECK_TITLES = ['Privacy', 'SSO', 'Accessibility', 'Cost', 'Evidence', 'Mobile', 'Standards'];

function evidenceText(f: Finding): string {
  const e = evidenceParts(f);
  return `${md(f.evidence.field)}: ${md(e.value)} (expected ${md(e.expected)})`;
}

function productTitle(p: ProductReport): string {
  return `${md(p.name) || md(p.id)} (${md(p.id)})`;
}

/** The Decisions section: the first 25 decisions with a total row, and the rest after "and N more". */
/** "Since last audit" (with `--compare`): spend, products added and removed, verdict changes, usage changes largest first. */
function compareMarkdown(report: Report, out: string[]): void {
  const c = report.comparison;
  if (!c) return;
  const name = (id: string) => `${md(c.names[id] ?? id) || md(id)} (${md(id)})`;
  out.push(`## Since last audit (${md(c.previousAsOf)})`, '');
  out.push(`This audit (as of ${md(report.asOf)}) beside the earlier report as of ${md(c.previousAsOf)}. Products are matched by id; each figure is the one of its own report's window.`, '');
  out.push(
    mdTable(
      ['Figure', `As of ${md(c.previousAsOf)}`, `As of ${md(report.asOf)}`, 'Change'],
      [
        ['Annual spend', money(c.annualSpend.previous), money(c.annualSpend.now), changeText(c.annualSpend.previous, c.annualSpend.now, (d) => money(d))],
        ['Wasted on dormant seats', money(c.wastedSpend.previous), money(c.wastedSpend.now), changeText(c.wastedSpend.previous, c.wastedSpend.now, (d) => money(d))],
      ],
      ['l', 'r', 'r', 'r'],
    ),
    '',
  );
  out.push(`- **Added:** ${c.productsAdded.map(name).join(', ') || 'none'}`);
  out.push(`- **Removed:** ${c.productsRemoved.map(name).join(', ') || 'none'}`);
  out.push(`- **Verdict changes:** ${c.verdictChanges.map((v) => `${name(v.product)} ${md(v.from)} → ${md(v.to)}`).join(', ') || 'none'}`, '');
  const ps = comparedProducts(c);
  if (ps.length > 0) {
    out.push(
      mdTable(
        ['Product', `Active users (last ${report.thresholds.activeWindowDays} school days)`, `Teacher utilization (last ${report.thresholds.semesterDays} school days)`, 'Wasted spend'],
        ps.map((p) => [
          name(p.product),
          fromTo(p.activeUsers.previous, p.activeUsers.now, int),
          fromTo(p.teacherUtilization.previous, p.teacherUtilization.now, pct, pointsText),
          fromTo(p.wastedSpend.previous, p.wastedSpend.now, money),
        ]),
        ['l', 'l', 'l', 'l'],
      ),
      '',
    );
  }
}

function decisionsMarkdown(report: Report, out: string[]): void {
  const ds = report.decisions;
  out.push('## Decisions', '');
  if (ds.length === 0) {
    out.push(`No product needs a decision: no renewal within ${report.thresholds.renewalWarnDays} days, no sunset candidate, no right-sizing, no active product rejected, no data deletion due, no use outside a product's grades and no re-review due.`, '');
    return;
  }
  const rowOf = (d: Decision) => [
    md(d.name) || md(d.product),
    `**${md(actionText(d))}**`,
    d.decideBy ? `${md(d.decideBy)}${d.decideBy < report.asOf ? ' (passed)' : ''}` : '–',
    money(d.atStake),
    money(d.saving),
    md(d.reason),
  ];
  const total = ['**Total**', '', '', `**${money(ds.reduce((n, d) => n + (d.atStake ?? 0), 0))}**`, `**${money(ds.reduce((n, d) => n + (d.saving ?? 0), 0))}**`, ''];
  const head = ['Product', 'Recommended action', 'Decide by', 'At stake (annual cost)', 'Saving', 'Why'];
  const align: ('l' | 'r')[] = ['l', 'l', 'l', 'r', 'r', 'l'];
  out.push(mdTable(head, [...ds.slice(0, DECISIONS_SHOWN).map(rowOf), total], align), '');
  out.push(`The savings add up to the potential savings of ${money(report.summary.potentialSavings)}. At stake is the annual cost of the products listed that the district pays for now (pilot, active, sunsetting), out of an annual spend of ${money(report.summary.annualSpend)}.`, '');
  if (ds.length > DECISIONS_SHOWN) {
    out.push(`And ${ds.length - DECISIONS_SHOWN} more:`, '');
    out.push(mdTable(head, ds.slice(DECISIONS_SHOWN).map(rowOf), align), '');
  }
}

/** Renders the report as Markdown. */
export const renderMarkdown: Reporter = (report: Report) => {
  const out: string[] = [];
  const s = report.summary;
  const products = sortedProducts(report);
  const district = report.district.name ? md(report.district.name) : null;
  out.push(`# edvet ${md(report.command)} report${district ? `: ${district}` : ''}`, '');
  out.push(`As of ${md(report.asOf)}, policy ${md(report.policy.source)}, edvet ${md(report.generator.version)}.`, '');

  if (report.hasUsage) decisionsMarkdown(report, out);
  out.push('## Headline figures', '');
  out.push(`- **Products:** ${s.products} (${s.approved} approved, ${s.conditional} conditional, ${s.rejected} rejected)`);
  out.push(`- **Findings:** ${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.waived} waived, ${s.findings.pass} pass, ${s.findings['n/a']} n/a`);
  if (report.hasUsage) {
    out.push(`- **Annual spend:** ${money(s.annualSpend)}`);
    out.push(`- **Wasted on dormant seats:** ${money(s.wastedSpend)} a year (seats with no sign-in in the last ${report.thresholds.activeWindowDays} school days${fromCountsText(s) ? `; ${fromCountsText(s)}` : ''})`);
    out.push(`- **Potential savings:** ${money(s.potentialSavings)} (${money(s.sunsetSavings)} sunset + ${money(s.rightSizeSavings)} right-sizing)`);
    const parts = savingsParts(report);
    const named = (ds: readonly Decision[]) => ds.map((d) => `${md(d.name) || md(d.product)} ${money(d.saving)}`).join(', ') || 'none';
    out.push(`  - **Sunset savings ${money(s.sunsetSavings)}:** ${named(parts.sunset)}`);
    out.push(`  - **Right-sizing savings ${money(s.rightSizeSavings)}:** ${named(parts.rightSize)}`);
    out.push(`- **Sunset candidates:** ${s.sunsetCandidates}`);
  }
  out.push('');
  compareMarkdown(report, out);

  if (report.hasUsage) {
    const ps = usageProducts(report);
    const rec = report.reconciliation;
    if (ps.length > 0) {
      out.push('## Usage', '', 'Most wasted spend first.', '');
      out.push(
        mdTable(
          ['Product', 'Seats', `Active users (last ${report.thresholds.activeWindowDays} school days)`, 'Dormant seats', 'Dormant', 'Annual cost', 'Wasted', 'Cost per active user', `Teacher utilization (last ${report.thresholds.semesterDays} school days)`, 'Recommended seats', 'Right-size saving', 'Last seen', 'Status'],
          ps.map((p) => {
            const u = p.usage!;
            const st = p.checks.usage;
            return [
              productTitle(p), int(u.seats), activeText(u), dormantText(u), dormantShareText(u), money(u.annualCost),
              wastedText(u), money(u.costPerActiveUser), utilizationText(u), int(u.recommendedSeats), money(u.rightSizeSaving), md(u.lastSeen ?? '–'),
              [st ? statusLabel(st) : '', p.sunset ? 'sunset' : ''].filter(Boolean).join(', ') || '–',
            ];
          }).concat(rec ? [['**Total**', '', '', '', '', `**${money(rec.annualCost.listed)}**`, `**${money(rec.wastedSpend.listed)}**`, '', '', '', `**${money(rec.rightSizeSaving.listed)}**`, '', '']] : []),
          ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
        ),
        '',
      );
      if (rec) out.push(md(reconcileNotes(rec).join(' ')), '');
      out.push(`Policy minimum teacher utilization: ${pct(report.thresholds.teacherUtilizationMin)}; dormant warning at ${pct(report.thresholds.dormantWarnRatio)} of seats.`, '');
    }
    const where = breakdownProducts(report);
    if (where.length > 0) {
      const days = report.thresholds.activeWindowDays;
      out.push('## Where products are used', '', `Active users (last ${days} school days) by school (every school a product is deployed at, also at 0) and active students (the same window) by grade, from the roster.`, '');
      out.push(
        mdTable(
          ['Product', `Active users by school (last ${days} school days)`, `Active students by grade (last ${days} school days)`],
          where.map((p) => {
            const b = breakdowns(p);
            return [productTitle(p), md(breakdownText(b.schools)), md(breakdownText(b.grades))];
          }),
          ['l', 'l', 'l'],
        ),
        '',
      );
    }
    const trend = trendProducts(report);
    if (trend.shown.length > 0) {
      const span = trendSpan(report)!;
      const months = trend.shown[0].usage!.monthly!;
      out.push(`## Monthly trend (${span})`, '', `Distinct users who signed in to each product in each calendar month (the month of as-of up to ${md(report.asOf)}); – is a month before the earliest sign-in in the exports: not covered, not zero.`, '');
      const note = countTrendNote(trend.shown);
      if (note !== null) out.push(note, '');
      out.push(
        mdTable(
          ['Product', 'Who', ...months.map((m) => monthLabel(m.month))],
          trend.shown.flatMap((p) => {
            const m = p.usage!.monthly!;
            const [all, teachers] = trendWho(p);
            return [
              [productTitle(p), all, ...m.map((e) => int(e.activeUsers))],
              ['', teachers, ...m.map((e) => int(e.activeTeachers))],
            ];
          }),
          ['l', 'l', ...months.map(() => 'r' as const)],
        ),
        '',
      );
      if (trend.notMeasured.length > 0) out.push(`Not measured: ${trend.notMeasured.map((n) => `${productTitle(n.product)} (${n.reason})`).join('; ')}.`, '');
    }
  }
  // A sunsetting product's plan needs no usage (privacy-laws.md, "Decided details"): plans and renewals due are shown without usage files too.
  const shown = report.hasUsage || plansWithoutUsage(report);
  const sunset = shown ? sunsetProducts(report) : [];
  const due = shown ? renewalsDue(report) : [];
  if (sunset.length > 0) {
    out.push('## Sunset plans', '');
    for (const p of sunset) {
      const pl = p.sunset!;
      out.push(`### ${productTitle(p)}`, '');
      out.push(`- **Reason:** ${md(pl.reason)}`);
      out.push(`- **Notice on:** ${md(pl.noticeOn)}`);
      out.push(`- **Earliest retirement:** ${md(pl.earliestRetireOn)}`);
      if (pl.decideBy) out.push(`- **Decide by:** ${md(pl.decideBy)}`);
      if (pl.beforeRenewal !== null) out.push(`- **Retires before the renewal:** ${pl.beforeRenewal ? 'yes' : 'no'}`);
      out.push(`- **Annual savings:** ${money(pl.annualSavings)}`, '');
      pl.steps.forEach((step, i) => out.push(`${i + 1}. ${md(step)}`));
      out.push('');
    }
  }
  if (report.hasUsage || due.length > 0) out.push(`## Renewals due within ${report.thresholds.renewalWarnDays} days`, '');
  if (report.hasUsage && due.length === 0) out.push('None.', '');
  else if (due.length > 0)
    out.push(
      mdTable(
        ['Product', 'Renews on', 'Decide by', 'Auto-renews'],
        due.map((p) => [productTitle(p), md(p.renewal!.renewalOn), md(p.renewal!.decideBy), autoRenewsText(p.renewal!.autoRenews)]),
      ),
      '',
    );
  if (products.length > 0) {
    out.push('## Vetting', '');
    out.push(
      mdTable(
        ['Product', ...CHECK_TITLES, 'Verdict'],
        products.map((p) => [productTitle(p), ...VETTING_CHECKS.map((c) => statusLabel(p.checks[c])), `**${p.verdict}**`]),
      ),
      '',
    );
    out.push('Legend: ✔ pass, ! warn, ✘ fail, ~ waived, – n/a.', '');

    const withFindings = products.filter((p) => attentionFindings(p).length > 0);
    if (withFindings.length > 0) {
      out.push('## Findings', '');
      for (const p of withFindings) {
        out.push(`### ${productTitle(p)}: ${p.verdict}`, '');
        out.push(`Vendor: ${md(p.vendor)} · manifest: ${md(p.source.file)}`, '');
        out.push(
          mdTable(
            ['Status', 'Rule', 'Message', 'Evidence', 'Location'],
            attentionFindings(p).map((f) => [
              `${statusLabel(f.status)}${f.known ? ' (known)' : ''}`,
              md(f.rule),
              md(f.message) + (f.waiver ? `<br>${md(waiverText(f))}` : ''),
              evidenceText(f),
              `${md(f.source.file)}:${f.source.line}`,
            ]),
          ),
          '',
        );
      }
    }
  }

  if (report.hasUsage) {
    if (report.unmatchedApps.length > 0) {
      out.push('## Apps that match no product', '');
      const { shown, more } = unmatchedShown(report);
      out.push(mdTable(['App', 'App id', 'Rows', 'Suggested product'], shown.map((a) => [md(a.app), md(a.appId ?? '–'), int(a.rows), md(a.suggestedProduct ?? '–')]), ['l', 'l', 'r', 'l']), '');
      if (more > 0) out.push(`And ${int(more)} more (the JSON report lists every one).`, '');
    }
    if (report.inputs.length > 0) {
      out.push('## Usage files', '');
      out.push(
        mdTable(
          ['File', 'Format', 'Rows', 'Used', 'Skipped', 'Bad'],
          report.inputs.map((i) => [
            md(i.path), md(i.format), int(i.rows), int(i.used),
            Object.entries(i.skipped).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} ${md(k)}`).join('<br>') || '0',
            Object.entries(i.bad).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} ${md(k)}`).join('<br>') || '0',
          ]),
          ['l', 'l', 'r', 'r', 'l', 'l'],
        ),
        '',
      );
    }
  }
  if (report.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of report.warnings) out.push(`- ${md(w)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
};
