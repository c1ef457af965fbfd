/**
 * The public page of `edvet publish` (privacy-laws.md §8): self-contained,
 * accessible HTML (lang, a skip link, ordered headings, a `<dl>` per
 * operator, every value escaped, no script and no network request), the CSV
 * of the same entries (reports.md CSV rules) and the JSON
 * (`{ schemaVersion: 1, district, asOf, laws, operators }`). Renders the page
 * model of src/report/publish.ts; computes nothing.
 */
import type { PublishEntry, PublishPage, PublishValue } from '../report/publish.js';
import { csvCell } from './csv.js';
import { esc, htmlDocument } from './html/document.js';

const NOT_PROVIDED = 'not provided';

const LONG_DATE = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
function longDate(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? iso : LONG_DATE.format(new Date(t));
}
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** A safe href: a web or mail address, or a relative path of the page's folder; anything else is shown as text only. */
function safeHref(href: string): string | null {
  if (/^(https?:\/\/|mailto:)/i.test(href)) return href;
  if (/^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/.test(href) && !href.split('/').includes('..')) return href;
  return null;
}

function link(href: string, text: string): string {
  const h = safeHref(href);
  return h === null ? esc(text) : `<a href="${esc(h)}">${esc(text)}</a>`;
}

/** Inline Markdown of a policy file: **bold**, *emphasis*, [links](https://…); everything else is text, escaped. */
function inline(text: string): string {
  let out = '';
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += esc(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<strong>${esc(m[1])}</strong>`;
    else if (m[2] !== undefined) out += `<em>${esc(m[2])}</em>`;
    else out += /^(https?:\/\/|mailto:)/i.test(m[4]) ? `<a href="${esc(m[4])}">${esc(m[3])}</a>` : esc(m[0]);
    last = m.index! + m[0].length;
  }
  return out + esc(text.slice(last));
}

/**
 * A policy Markdown file (parents' procedures, bill of rights) as HTML:
 * headings (shifted below the section's own heading), paragraphs, bulleted
 * and numbered lists. No raw HTML passes: every character is escaped.
 */
export function markdownToHtml(md: string, baseLevel: number): string {
  const out: string[] = [];
  let para: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (const raw of md.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const ul = /^[-*+]\s+(.*)$/.exec(line);
    const ol = /^\d+[.)]\s+(.*)$/.exec(line);
    if (line === '') flush();
    else if (h) {
      flush();
      const level = Math.min(6, baseLevel + h[1].length);
      out.push(`<h${level}>${inline(h[2])}</h${level}>`);
    } else if (ul || ol) {
      const tag = ul ? 'ul' : 'ol';
      if (para.length || (list && list.tag !== tag)) flush();
      if (!list) list = { tag, items: [] };
      list.items.push((ul ?? ol)![1]);
    } else if (list && /^\s/.test(raw)) list.items[list.items.length - 1] += ` ${line}`;
    else {
      if (list) flush();
      para.push(line);
    }
  }
  flush();
  return out.join('\n');
}

function valueHtml(v: PublishValue): string {
  if (v === null) return `<span class="gap">${NOT_PROVIDED}</span>`;
  if (typeof v === 'string') return esc(isDate(v) ? longDate(v) : v);
  // A list reads as one line (`name, school-email, grade-level`): short items, and a phone needs no bullets for them.
  if (Array.isArray(v)) return esc(v.join(', '));
  return link(v.href, v.text);
}

function valueText(v: PublishValue): string {
  if (v === null) return NOT_PROVIDED;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join('; ');
  return v.href;
}

const anchor = (i: number) => `op-${i + 1}`;

function entryHtml(e: PublishEntry, i: number, level: number): string {
  const rows = e.fields.map((f) => `<dt>${esc(f.label)}${f.citation ? `<span class="cite">${esc(f.citation)}</span>` : ''}</dt><dd>${valueHtml(f.value)}</dd>`);
  if (e.breaches !== null) {
    const text =
      e.breaches.length === 0
        ? 'None reported.'
        : `<ul>${e.breaches
            .map((b) => {
              const when = b.from && b.to ? `from ${longDate(b.from)} to ${longDate(b.to)}` : b.from ? `on ${longDate(b.from)}` : b.discoveredOn ? `discovered on ${longDate(b.discoveredOn)}` : 'date not provided';
              return `<li>${esc(when)}: ${b.studentsAffected === null ? 'number of students affected not provided' : `${esc(b.studentsAffected.toLocaleString('en-US'))} student${b.studentsAffected === 1 ? '' : 's'} affected`}</li>`;
            })
            .join('')}</ul>`;
    rows.push(`<dt>Breaches of security<span class="cite">105 ILCS 85/27(a)(5)</span></dt><dd>${text}</dd>`);
  }
  return `<article class="op" id="${anchor(i)}" aria-labelledby="${anchor(i)}-h">
<h${level} id="${anchor(i)}-h">${esc(e.product)}<span class="by">${esc(e.vendor)}</span></h${level}>
<dl class="fields">
<dt>Operator</dt><dd>${esc(e.vendor)}</dd>
${rows.join('\n')}
</dl>
</article>`;
}

/** The page as HTML. */
export function renderPublishHtml(page: PublishPage): string {
  const district = page.district ?? 'The district';
  const laws = page.laws.length ? page.laws.map((l) => l.law) : [];
  const regular = page.entries.map((e, i) => ({ e, i })).filter((x) => !x.e.onDemand);
  const onDemand = page.entries.map((e, i) => ({ e, i })).filter((x) => x.e.onDemand);
  const parts: string[] = [];
  parts.push(`<a class="skip" href="#operators">Skip to the list of online services</a>
<header class="top"><div class="wrap">
<p class="meta">${esc(district)}</p>
<h1>${esc(page.title)}</h1>
<p class="meta">As of ${esc(longDate(page.asOf))}${page.contact ? ` · Questions: ${esc(page.contact)}` : ''}</p>
</div></header>
<main class="wrap">
<p class="lead">${esc(district)} uses the online services below in its schools. Each one receives information about students under a written agreement with the district. This page lists, for each service, what student information it receives, why, who else receives it, and what happens to it when the agreement ends.</p>`);
  if (laws.length) parts.push(`<p>The district publishes this list as ${esc(laws.join(', '))} ${laws.length === 1 ? 'requires' : 'require'}.</p>`);
  if (page.contact) parts.push(`<p>If you have a question about your child's information, or want to review or correct it, contact ${esc(page.contact)}.</p>`);
  parts.push(`<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Online services (${page.entries.length})</h2>
${page.entries.length ? `<ol>${page.entries.map((e, i) => `<li><a href="#${anchor(i)}">${esc(e.product)}</a> <span class="meta">(${esc(e.vendor)})</span></li>`).join('')}</ol>` : '<p>No online service receives student data under an agreement.</p>'}
</nav>`);
  for (const d of page.documents) {
    const body = d.markdown !== null ? markdownToHtml(d.markdown, 2) : d.url !== null ? `<p>${link(d.url, d.title)}</p>` : `<p class="gap">${NOT_PROVIDED}</p>`;
    parts.push(`<section aria-labelledby="doc-${d.key}"><h2 id="doc-${d.key}">${esc(d.title)}</h2>\n<p class="meta">${esc(d.citation)}</p>\n<div class="doc">${body}</div></section>`);
  }
  parts.push(`<section id="operators" aria-labelledby="ops-h" tabindex="-1"><h2 id="ops-h">The online services and their data</h2>
${regular.map((x) => entryHtml(x.e, x.i, 3)).join('\n')}
</section>`);
  if (onDemand.length) {
    parts.push(`<section aria-labelledby="od-h"><h2 id="od-h">On-demand providers</h2>
<p>Services used under the provider's own terms of service rather than a negotiated contract (C.R.S. 22-16-107).</p>
${onDemand.map((x) => entryHtml(x.e, x.i, 3)).join('\n')}
</section>`);
  }
  parts.push(`</main>\n<footer class="wrap"><p>Written by edvet from the district's catalog as of ${esc(longDate(page.asOf))}. "${NOT_PROVIDED}" marks an item the district has not recorded yet.</p></footer>`);
  return htmlDocument(`${esc(page.title)}${page.district ? ` · ${esc(page.district)}` : ''}`, 'publish', parts.join('\n'));
}

/** The columns of operators.csv: the common ones, then every field an entry of the page has, in first-seen order. */
function columns(page: PublishPage): { key: string; label: string }[] {
  const cols: { key: string; label: string }[] = [
    { key: 'product', label: 'product' },
    { key: 'operator', label: 'operator' },
  ];
  for (const e of page.entries) for (const f of e.fields) if (!cols.some((c) => c.key === f.key)) cols.push({ key: f.key, label: snake(f.key) });
  if (page.entries.some((e) => e.breaches !== null)) cols.push({ key: 'breaches', label: 'breaches' });
  return cols;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function breachText(e: PublishEntry): string {
  if (e.breaches === null) return '';
  return e.breaches.map((b) => `${b.from ?? b.discoveredOn ?? ''}${b.to ? `/${b.to}` : ''}: ${b.studentsAffected ?? NOT_PROVIDED} students`).join('; ');
}

/** The page's entries as CSV: a row per entry, lists joined "; ", formula-safe, UTF-8 with a BOM. */
export function renderPublishCsv(page: PublishPage): string {
  const cols = columns(page);
  const rows: string[][] = [cols.map((c) => c.label)];
  for (const e of page.entries) {
    rows.push(
      cols.map((c) => {
        if (c.key === 'product') return e.product;
        if (c.key === 'operator') return e.vendor;
        if (c.key === 'breaches') return breachText(e);
        const f = e.fields.find((x) => x.key === c.key);
        return f ? valueText(f.value) : '';
      }),
    );
  }
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function jsonValue(v: PublishValue): unknown {
  if (v === null || typeof v === 'string' || Array.isArray(v)) return v;
  return v.href;
}

/** The page as JSON: `{ schemaVersion: 1, district, asOf, laws, operators: [ {…camelCase…} ] }`. */
export function renderPublishJson(page: PublishPage): string {
  const operators = page.entries.map((e) => {
    const o: Record<string, unknown> = { product: e.product, operator: e.vendor };
    for (const f of e.fields) o[f.key] = jsonValue(f.value);
    if (e.breaches !== null) o.breaches = e.breaches.map((b) => ({ discoveredOn: b.discoveredOn, from: b.from, to: b.to, studentsAffected: b.studentsAffected }));
    o.onDemand = e.onDemand;
    o.laws = e.packs;
    return o;
  });
  const documents = Object.fromEntries(page.documents.map((d) => [d.key, d.markdown !== null || d.url !== null ? (d.url ?? 'index.html') : null]));
  return `${JSON.stringify({ schemaVersion: 1, district: page.district, asOf: page.asOf, title: page.title, contact: page.contact, laws: page.laws.map((l) => ({ id: l.pack, law: l.law })), documents, operators }, null, 2)}\n`;
}
