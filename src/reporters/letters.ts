/**
 * Vendor letters (reports.md "Letters"): for a product that was not
 * approved, a letter to the vendor saying what was reviewed, every failed
 * criterion with the evidence, the warnings that also need attention, what to
 * supply to be reconsidered, and that the district re-reviews on receipt.
 * Markdown or self-contained HTML (same CSP and escaping as the report).
 * Writing the files is the caller's job; `letterFileName` gives a safe name.
 */
import type { Finding, ProductReport, Report } from '../model/types.js';
import type { DeletionLetter } from '../report/deletion.js';
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

/**
 * A data value in a Markdown letter's table cell: escaped only where Markdown
 * would read it as markup (a pipe, a backslash, backticks, brackets, emphasis
 * marks, a tag, an entity), so `privacy.state_addenda` and `at least 2.1`
 * read the same pasted as plain text into an e-mail.
 */
function cell(value: unknown): string {
  const s = clean(value).trim();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
    if (ch === '\\' || ch === '`' || ch === '|' || ch === '*' || ch === '[' || ch === ']' || ch === '~') out += `\\${ch}`;
    // An underscore inside a word is literal in GitHub-flavoured Markdown; at a word's edge it could start emphasis.
    else if (ch === '_') out += alnum(s[i - 1]) && alnum(s[i + 1]) ? '_' : '\\_';
    else if (ch === '<' && /[A-Za-z/!?]/.test(s[i + 1] ?? '')) out += '&lt;';
    else if (ch === '&' && /^&[A-Za-z#0-9]+;/.test(s.slice(i))) out += '&amp;';
    else out += ch;
  }
  return out;
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
    // ESSA tiers count down: tier 1 is the strongest evidence.
    const tier = /^tier\s*<=\s*(\d)$/i.exec(v.trim());
    if (tier) return `tier ${tier[1]} or stronger`;
    return v.replace(/\s*(>=|<=)\s*/g, (_, op: string) => (op === '>=' ? ' at least ' : ' at most ')).trim();
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
        c.failed.map((f) => [cell(t(f)), `${cell(f.evidence.field)}: ${cell(inWords(f.evidence.value))}`, cell(inWords(f.evidence.expected)), cell(f.message)]),
      ),
      '',
    );
  }
  if (c.warned.length > 0) {
    out.push('## Also needing attention', '');
    out.push(
      mdTable(
        ['Requirement', 'What the manifest showed', 'What the district requires', 'Finding'],
        c.warned.map((f) => [cell(t(f)), `${cell(f.evidence.field)}: ${cell(inWords(f.evidence.value))}`, cell(inWords(f.evidence.expected)), cell(f.message)]),
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
    (f) =>
      `<tr><th scope="row">${esc(t(f))}</th><td data-label="What the manifest showed"><code>${esc(f.evidence.field)}</code>: ${esc(inWords(f.evidence.value))}</td><td data-label="What the district requires">${esc(inWords(f.evidence.expected))}</td><td data-label="Finding">${esc(f.message)}</td></tr>`,
  );
  // On a phone (letter.css) each row becomes a block of labelled lines: a letter is read, not scrolled sideways.
  return dataTable(label, caption, ['Requirement', 'What the manifest showed', 'What the district requires', 'Finding'], rows, 'reqs');
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

/** `<vendor-slug>--<product-id-slug>--deletion.md|.html`: the name of a data-disposal request letter. */
export function deletionLetterFileName(vendor: string, productId: string, ext: 'md' | 'html'): string {
  return `${slug(vendor, 'vendor')}--${slug(productId, 'product')}--deletion.${ext}`;
}

/** `a, b and c` */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The sections of a data-disposal request (privacy-laws.md §5), as plain
 * sentences: heading → paragraphs (or list items, for a heading ending in
 * `:`). Each renderer escapes the values it is given; here they are words.
 */
function deletionSections(l: DeletionLetter): { title: string; paragraphs: string[]; list?: string[] }[] {
  const from = l.from === 'the district' ? 'The district' : l.from;
  const agreement = l.agreement ? `${l.agreement}${l.signedOn ? `, signed on ${longDate(l.signedOn)}` : ''}` : l.signedOn ? `the agreement signed on ${longDate(l.signedOn)}` : 'the agreement between us';
  const reliance: string[] = [];
  if (l.clauses.length) reliance.push(`Under ${agreement}, you agreed that ${andList(l.clauses.map((c, i) => (i === 0 ? c : `that ${c}`)))}.`);
  else reliance.push(`This directive is made under ${agreement}.`);
  const ferpa = 'the Family Educational Rights and Privacy Act (FERPA, 20 U.S.C. 1232g; 34 CFR Part 99), under which the district remains responsible for its students\' education records';
  reliance.push(l.statutes.length ? `This directive is also made under ${andList(l.statutes)}, and under ${ferpa}.` : `This directive is also made under ${ferpa}.`);
  const ended = l.startOn ? `The district's use of ${l.product} ended on ${longDate(l.startOn)}.` : `The district has retired ${l.product}.`;
  const extent =
    l.extent === 'partial'
      ? `Dispose of only these categories of student data: ${andList(l.categories)}. Tell us in writing what you keep of the rest.`
      : `Dispose of all student data you hold for the district${l.categories.length ? `, including ${andList(l.categories)}` : ''}.`;
  const nature =
    l.method === 'return'
      ? 'Return the data to the district in a readable, commonly used format (for example CSV or JSON files), then destroy every copy you keep, so that it cannot be retrieved.'
      : 'Destroy the data so that it cannot be retrieved or rebuilt (securely erase or destroy it; deleting links to it is not enough).';
  const schedule = l.dueOn
    ? `Complete the disposition as soon as commercially practicable, and no later than ${longDate(l.dueOn)}: ${l.days} days after ${longDate(l.startOn!)}, the deadline under ${l.basis}.${l.status === 'fail' && l.dueOn < l.date ? ' That date has passed; please act at once.' : ''}`
    : 'Complete the disposition as soon as commercially practicable. The district has not recorded when its use ended, so please confirm the date of disposition in your certification.';
  const subs = l.subprocessors.length ? `, including the copies your subprocessors hold (${andList(l.subprocessors)})` : l.subprocessorsUrl ? `, including the copies held by every subprocessor you list at ${l.subprocessorsUrl}` : ', including the copies your subprocessors hold';
  return [
    { title: 'Why we are writing', paragraphs: [`${ended} ${from} directs you to dispose of the student data you hold for it, as set out below.`, ...reliance] },
    { title: 'Extent', paragraphs: [extent] },
    { title: 'Nature of the disposition', paragraphs: [nature + (l.methodAssumed ? ' (The district has not recorded a preference for return, so it asks for destruction.)' : '')] },
    { title: 'Schedule', paragraphs: [schedule] },
    { title: 'Reach', paragraphs: [`The directive covers every copy of the data: production systems, copies, archives and backups${subs}. Pass it on to each subprocessor and include them in your certification.`] },
    { title: 'Anything you keep', paragraphs: ['If law or the agreement requires you to keep any of the data, tell us in writing which data, why, for how long, and how it is protected until it is destroyed.'] },
    {
      title: 'The certification we need:',
      paragraphs: ['When the disposition is complete, send a written certification, signed by an authorized representative of your company, that states:'],
      list: ['the date the disposition was completed', 'the method used (destruction, or return and then destruction)', 'the categories of data disposed of', 'the systems, copies and backups it covered', 'the subprocessors that disposed of the data, and their own confirmations'],
    },
  ];
}

/** Renders the data-disposal request letter (privacy-laws.md §5) in Markdown or self-contained HTML. */
export function renderDeletionLetter(l: DeletionLetter, format: 'markdown' | 'html'): string {
  const sections = deletionSections(l);
  const title = `Directive for disposition of data: ${l.product}`;
  if (format === 'markdown') {
    const out: string[] = [`# ${prose(title)}`, ''];
    out.push(`**To:** ${prose(l.vendor)}${l.vendorContact ? `, ${prose(l.vendorContact)}` : ''}  `);
    out.push(`**From:** ${prose(l.from)}${l.fromContact ? `, ${prose(l.fromContact)}` : ''}  `);
    out.push(`**Date:** ${prose(longDate(l.date))}  `);
    out.push(`**Product:** ${prose(l.product)} (catalog id ${prose(l.productId)})`, '');
    out.push(`Dear ${prose(l.vendor)},`, '');
    for (const s of sections) {
      out.push(`## ${prose(s.title.replace(/:$/, ''))}`, '');
      for (const para of s.paragraphs) out.push(prose(para), '');
      if (s.list) out.push(...s.list.map((i) => `- ${prose(i)}`), '');
    }
    out.push(`Please reply to ${l.fromContact ? prose(l.fromContact) : 'this letter'} with the certification or any questions.`, '');
    out.push('## Signed for the district', '', `${prose(l.from)}${l.fromContact ? `, ${prose(l.fromContact)}` : ''}`, '', 'Name: ______________________  Title: ______________________', '', 'Signature: __________________  Date: _______________________', '');
    out.push('## Verification by the vendor', '', `${prose(l.vendor)} confirms that the disposition above was completed as directed.`, '', 'Name: ______________________  Title: ______________________', '', 'Signature: __________________  Date: _______________________', '');
    return `${out.join('\n').replace(/\n+$/, '')}\n`;
  }
  const parts: string[] = [];
  parts.push(`<div class="wrap">
<header class="letterhead">
<p class="meta">${esc(l.from === 'the district' ? 'District directive' : l.from)}</p>
<h1>${esc(title)}</h1>
</header>
<main>
<dl class="addr">
<dt>To</dt><dd>${esc(l.vendor)}${l.vendorContact ? `, ${esc(l.vendorContact)}` : ''}</dd>
<dt>From</dt><dd>${esc(l.from)}${l.fromContact ? `, ${esc(l.fromContact)}` : ''}</dd>
<dt>Date</dt><dd>${esc(longDate(l.date))}</dd>
<dt>Product</dt><dd>${esc(l.product)} (catalog id <code>${esc(l.productId)}</code>)</dd>
</dl>
<p>Dear ${esc(l.vendor)},</p>`);
  for (const s of sections) {
    parts.push(`<h2>${esc(s.title.replace(/:$/, ''))}</h2>`);
    for (const para of s.paragraphs) parts.push(`<p>${esc(para)}</p>`);
    if (s.list) parts.push(`<ul>${s.list.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
  }
  parts.push(`<p>Please reply to ${l.fromContact ? esc(l.fromContact) : 'this letter'} with the certification or any questions.</p>`);
  const block = (who: string) => `<dl class="addr sign"><dt>For</dt><dd>${esc(who)}</dd><dt>Name</dt><dd class="line"></dd><dt>Title</dt><dd class="line"></dd><dt>Signature</dt><dd class="line"></dd><dt>Date</dt><dd class="line"></dd></dl>`;
  parts.push(`<h2>Signed for the district</h2>\n${block(l.from)}`);
  parts.push(`<h2>Verification by the vendor</h2>\n<p>${esc(l.vendor)} confirms that the disposition above was completed as directed.</p>\n${block(l.vendor)}`);
  parts.push('</main>\n</div>');
  return htmlDocument(`${esc(title)} (${esc(clean(l.vendor))})`, 'letter', parts.join('\n'));
}
