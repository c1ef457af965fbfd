/**
 * The building blocks every HTML page of edvet shares (the report and the
 * letters): escaping, the document shell with its Content-Security-Policy,
 * status badges, and tables in labelled scroll regions.
 */
import type { ProductReport, Status } from '../../model/types.js';
import { SYMBOL, clean, htmlText } from '../util.js';
import { stylesheet } from './styles.js';

/** Escapes a data value for HTML text and attribute values (`& < > " '`), after removing control characters. */
export function esc(value: unknown): string {
  return htmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The Content-Security-Policy of every HTML edvet writes: nothing may load or run. */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/** The `<html>` shell of a page: its (escaped) title, base.css followed by the page's own stylesheet, and its body. */
export function htmlDocument(title: string, page: 'report' | 'letter' | 'publish', body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="edvet">
<title>${title}</title>
<style>
${stylesheet('base')}
${stylesheet(page)}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const STATUS_CLASS: Record<Status, string> = { pass: 'st-pass', warn: 'st-warn', fail: 'st-fail', waived: 'st-waived', 'n/a': 'st-na' };

/** A status badge: colour, symbol (hidden from screen readers) and the word. */
export function badge(s: Status): string {
  return `<span class="st ${STATUS_CLASS[s]}"><span aria-hidden="true">${SYMBOL[s]}</span> ${s}</span>`;
}

/** A table wrapped in a labelled, keyboard-focusable horizontal scroll region. */
export function scrollTable(label: string, table: string): string {
  return `<div class="scroll" role="region" aria-label="${esc(label)}" tabindex="0">\n${table}\n</div>`;
}

/** A column heading: its (HTML) title, and `num` for a right-aligned figure column. */
export type Column = string | readonly [title: string, kind: 'num'];

/** A captioned data table with one row of column headings, in its scroll region; `rows` are `<tr>` elements; `cls` names its column layout in report.css. */
export function dataTable(label: string, caption: string, columns: readonly Column[], rows: readonly string[], cls?: string): string {
  const head = columns.map((c) => (typeof c === 'string' ? `<th scope="col">${c}</th>` : `<th scope="col" class="num">${c[0]}</th>`)).join('');
  return scrollTable(
    label,
    `<table${cls ? ` class="${cls}"` : ''}>
<caption><span class="cap">${caption}</span></caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`,
  );
}

/** A file path, rule id or field name (escaped) with a line-break opportunity after each `/`, `.`, `_` and `-`, so it wraps at a boundary instead of widening its column. */
export function breakablePath(path: string): string {
  return esc(path).replace(/([/._-])/g, '$1<wbr>');
}

/** One `<section>` of a page: its heading's id, its label in the table of contents, and its HTML. */
export interface Section {
  id: string;
  toc: string;
  html: string;
}

/** A section with an `<h2>` heading (HTML) followed by the body parts, one per line. */
export function section(id: string, toc: string, heading: string, body: readonly string[]): Section {
  return { id, toc, html: [`<section aria-labelledby="${id}">`, `<h2 id="${id}">${heading}</h2>`, ...body, '</section>'].join('\n') };
}

/** A product's display name (its id when the name is empty), escaped. */
export function productLabel(p: ProductReport): string {
  return esc(p.name) || esc(p.id);
}

/** Truncates a chart label for display (the data table holds the full text). */
export function short(s: string, n: number): string {
  const chars = [...clean(s)];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
}
