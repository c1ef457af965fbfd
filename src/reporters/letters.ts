/**
 * Vendor letters (reports.md "Letters"): for a product that was not
 * approved, a letter to the vendor saying what was reviewed, every failed
 * criterion with the evidence, the warnings that also need attention, what to
 * supply to be reconsidered, and that the district re-reviews on receipt.
 * Markdown or self-contained HTML (same CSP and escaping as the report).
 * Writing the files is the caller's job; `letterFileName` gives a safe name.
 */
import type { Finding, ProductReport, Report } from '../model/types.js';
import { dataTable, esc, htmlDocument } from './html/document.js';
import { md, mdTable } from './markdown.js';
import { clean, valueText } from './util.js';

/** Lowercase ASCII slug of a-z, 0-9 and single `-`, never empty (`fallback`), never containing `/`, `\` or `..`. */
export function slug(value: string, fallback = 'vendor'): string {
  const s = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || fallback;
}

/** `<vendor-slug>--<product-id-slug>.md|.html`: a plain file name, safe to join to any output folder. */
export function letterFileName(vendor: string, productId: string, ext: 'md' | 'html'): string {
  return `${slug(vendor, 'vendor')}--${slug(productId, 'product')}.${ext}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** `November 23, 2026` from an ISO date (the ISO text when it does not parse). */
function longDate(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? iso : LONG_DATE.format(new Date(t));
}

/**
 * A data value as prose of a Markdown letter: plain text that pastes cleanly
 * into an e-mail (no backslash escapes, no HTML entities); only a value that
 * could form markup (a tag, a link, code or a heading) is escaped as in tables.
 */
function prose(value: unknown): string {
  const s = clean(value).trim();
  return /<[A-Za-z/!?]|\]\(|`|^#|&[A-Za-z#0-9]+;/.test(s) ? md(value) : s;
}

/** `a, b or c` */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** A requirement or manifest value in words a vendor reads: `>= 2.1` → `2.1 or later`, an object of lists as a sentence, never JSON. */
export function inWords(v: unknown): string {
  if (typeof v === 'string') {
    const m = /^(>=|<=|>|<)\s*(.+)$/.exec(v.trim());
    if (m) return { '>=': `at least ${m[2]}`, '<=': `at most ${m[2]}`, '>': `more than ${m[2]}`, '<': `less than ${m[2]}` }[m[1]]!;
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : orList(v.map(inWords));
  if (v !== null && typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k.replace(/_/g, ' ')}: ${inWords(x)}`)
      .join('; ');
  }
  return valueText(v);
}

interface RuleTitleLookup {
  (f: Finding): string;
}

function titleLookup(report: Report): RuleTitleLookup {
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  return (f) => titles.get(f.rule) ?? f.rule;
}

interface LetterContent {
  vendor: string;
  contact: string | null;
  from: string;
  fromContact: string | null;
  date: string;
  product: ProductReport;
  failed: Finding[];
  warned: Finding[];
  remediation: { title: string; text: string }[];
  adaDeadline: string | null;
}

/** The facts a letter states, from the report (no new figures). */
function content(product: ProductReport, report: Report): LetterContent {
  const title = titleLookup(report);
  const vetting = product.findings.filter((f) => f.check !== 'usage' && f.check !== 'contract');
  const failed = vetting.filter((f) => f.status === 'fail');
  const warned = vetting.filter((f) => f.status === 'warn');
  const seen = new Set<string>();
  const remediation: { title: string; text: string }[] = [];
  for (const f of [...failed, ...warned]) {
    if (!f.remediation || seen.has(f.rule)) continue;
    seen.add(f.rule);
    remediation.push({ title: title(f), text: f.remediation });
  }
  const a11yFailed = failed.some((f) => f.check === 'accessibility');
  return {
    vendor: product.vendor,
    contact: product.vendorContact,
    from: report.district.name ?? 'the district',
    fromContact: report.district.contact,
    date: report.asOf,
    product,
    failed,
    warned,
    remediation,
    adaDeadline: a11yFailed ? report.thresholds.adaDeadline : null,
  };
}

function verdictSentence(c: LetterContent): string {
  const n = c.failed.length;
  const w = c.warned.length;
  return c.product.verdict === 'rejected'
    ? `It was not approved: it did not meet ${n} of the district's requirements${w ? `, and ${w} more ${w === 1 ? 'needs' : 'need'} attention` : ''}.`
    : `It was not approved without conditions: ${w} of the district's requirements ${w === 1 ? 'needs' : 'need'} attention before approval.`;
}

function renderMarkdownLetter(c: LetterContent, report: Report): string {
  const t = titleLookup(report);
  const p = c.product;
  const out: string[] = [];
  out.push(`# Review of ${prose(p.name)}: not approved`, '');
  out.push(`**To:** ${prose(c.vendor)}${c.contact ? `, ${prose(c.contact)}` : ''}  `);
  out.push(`**From:** ${prose(c.from)}${c.fromContact ? `, ${prose(c.fromContact)}` : ''}  `);
  out.push(`**Date:** ${prose(longDate(c.date))}  `);
  out.push(`**Product:** ${prose(p.name)} (catalog id ${prose(p.id)}, ${prose(p.category)})`, '');
  out.push(`Dear ${prose(c.vendor)},`, '');
  out.push(
    `${c.from === 'the district' ? 'The district' : prose(c.from)} reviewed ${prose(p.name)} against its procurement checklist (privacy, single sign-on, accessibility, cost, evidence of effectiveness, mobile access and standards alignment) as of ${prose(longDate(c.date))}, using the product's manifest. ${verdictSentence(c)}`,
    '',
  );
  if (c.failed.length > 0) {
    out.push('## Requirements not met', '');
    out.push(
      mdTable(
        ['Requirement', 'What the manifest showed', 'What the district requires', 'Finding'],
        c.failed.map((f) => [md(t(f)), `${md(f.evidence.field)}: ${md(inWords(f.evidence.value))}`, md(inWords(f.evidence.expected)), md(f.message)]),
      ),
      '',
    );
  }
  if (c.warned.length > 0) {
    out.push('## Also needing attention', '');
    out.push(
      mdTable(
        ['Requirement', 'What the manifest showed', 'What the district requires', 'Finding'],
        c.warned.map((f) => [md(t(f)), `${md(f.evidence.field)}: ${md(inWords(f.evidence.value))}`, md(inWords(f.evidence.expected)), md(f.message)]),
      ),
      '',
    );
  }
  if (c.adaDeadline) {
    out.push(
      `Accessibility has a fixed deadline: the district must meet the ADA Title II web accessibility requirement (WCAG 2.1 AA) by ${prose(longDate(c.adaDeadline))}, so it cannot adopt a product that does not conform.`,
      '',
    );
  }
  out.push('## What to send for reconsideration', '');
  if (c.remediation.length === 0) out.push('- An updated product manifest answering the findings above.');
  for (const r of c.remediation) out.push(`- **${prose(r.title)}:** ${prose(r.text)}`);
  out.push('');
  out.push(
    `When we receive these, ${c.from === 'the district' ? 'the district' : prose(c.from)} will review ${prose(p.name)} again against the same checklist and let you know the outcome. Please reply to ${c.fromContact ? prose(c.fromContact) : 'this letter'} with the documents or any questions.`,
    '',
  );
  out.push('Sincerely,', '', prose(c.from) + (c.fromContact ? `  \n${prose(c.fromContact)}` : ''), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function findingsTable(label: string, caption: string, fs: Finding[], t: RuleTitleLookup): string {
  const rows = fs.map(
    (f) => `<tr><th scope="row">${esc(t(f))}</th><td><code>${esc(f.evidence.field)}</code>: ${esc(inWords(f.evidence.value))}</td><td>${esc(inWords(f.evidence.expected))}</td><td>${esc(f.message)}</td></tr>`,
  );
  return dataTable(label, caption, ['Requirement', 'What the manifest showed', 'What the district requires', 'Finding'], rows);
}

function renderHtmlLetter(c: LetterContent, report: Report): string {
  const t = titleLookup(report);
  const p = c.product;
  const from = c.from === 'the district' ? 'The district' : esc(c.from);
  const parts: string[] = [];
  parts.push(`<div class="wrap">
<header class="letterhead">
<p class="meta">${esc(c.from === 'the district' ? 'District review' : c.from)}</p>
<h1>Review of ${esc(p.name)}: not approved</h1>
</header>
<main>
<dl class="addr">
<dt>To</dt><dd>${esc(c.vendor)}${c.contact ? `, ${esc(c.contact)}` : ''}</dd>
<dt>From</dt><dd>${esc(c.from)}${c.fromContact ? `, ${esc(c.fromContact)}` : ''}</dd>
<dt>Date</dt><dd>${esc(longDate(c.date))}</dd>
<dt>Product</dt><dd>${esc(p.name)} (catalog id <code>${esc(p.id)}</code>, ${esc(p.category)})</dd>
</dl>
<p>Dear ${esc(c.vendor)},</p>
<p>${from} reviewed ${esc(p.name)} against its procurement checklist (privacy, single sign-on, accessibility, cost, evidence of effectiveness, mobile access and standards alignment) as of ${esc(longDate(c.date))}, using the product's manifest. ${esc(verdictSentence(c))}</p>`);
  if (c.failed.length > 0) parts.push(`<h2>Requirements not met</h2>\n${findingsTable('Requirements not met', 'Requirements the product did not meet', c.failed, t)}`);
  if (c.warned.length > 0) parts.push(`<h2>Also needing attention</h2>\n${findingsTable('Requirements needing attention', 'Requirements that need attention before approval', c.warned, t)}`);
  if (c.adaDeadline)
    parts.push(`<p>Accessibility has a fixed deadline: the district must meet the ADA Title II web accessibility requirement (WCAG 2.1 AA) by <strong>${esc(longDate(c.adaDeadline))}</strong>, so it cannot adopt a product that does not conform.</p>`);
  parts.push('<h2>What to send for reconsideration</h2>\n<ul>');
  if (c.remediation.length === 0) parts.push('<li>An updated product manifest answering the findings above.</li>');
  for (const r of c.remediation) parts.push(`<li><strong>${esc(r.title)}:</strong> ${esc(r.text)}</li>`);
  parts.push('</ul>');
  parts.push(`<p>When we receive these, ${c.from === 'the district' ? 'the district' : esc(c.from)} will review ${esc(p.name)} again against the same checklist and let you know the outcome. Please reply to ${c.fromContact ? esc(c.fromContact) : 'this letter'} with the documents or any questions.</p>
<p class="signature">Sincerely,<br>${esc(c.from)}${c.fromContact ? `<br>${esc(c.fromContact)}` : ''}</p>
</main>
</div>`);
  return htmlDocument(`Review of ${esc(p.name)}: not approved (${esc(clean(c.vendor))})`, 'letter', parts.join('\n'));
}

/** Renders the vendor letter for one product of the report (normally a rejected one). */
export function renderLetter(product: ProductReport, report: Report, format: 'markdown' | 'html'): string {
  const c = content(product, report);
  return format === 'html' ? renderHtmlLetter(c, report) : renderMarkdownLetter(c, report);
}
