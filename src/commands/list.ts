/**
 * `edvet list [PATH...]` (reports.md "edvet list"): the catalog as an
 * inventory, one row per product sorted by id. The verdict is the one `edvet
 * vet` gives (same loading, same rules); annual cost and cost per student are
 * the product's derived values (manifest.md), the decide-by date the renewal
 * rule's. Formats: table (the columns that fit), csv (formula-safe, BOM),
 * markdown, json, html.
 */
import { dollarsOf, type Cents } from '../model/money.js';
import type { Product } from '../model/product.js';
import type { ProductReport, Report } from '../model/types.js';
import { csvCell } from '../reporters/csv.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { dataTable, esc, htmlDocument } from '../reporters/html/document.js';
import { md, mdTable } from '../reporters/markdown.js';
import { clean, int, money } from '../reporters/util.js';
import { decideBy } from '../rules/contract/renewal.js';
import { chooseFormat, deliver, vettingInputs, VERSION } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { vettingReport } from './vet.js';

/** The formats of `edvet list`, the default first. */
export const LIST_FORMATS = FORMATS_BY_COMMAND.list;

/** One row of the inventory; null where the manifest gives nothing. Money in cents (dollars in csv and json). */
export interface ListRow {
  id: string;
  name: string;
  vendor: string;
  category: string;
  status: string;
  verdict: string;
  annualCost: Cents | null;
  seats: number | null;
  costPerStudent: Cents | null;
  renewalOn: string | null;
  decideBy: string | null;
  dpaExpiresOn: string | null;
  /** WCAG version and conformance claimed, e.g. `2.1 AA`. */
  wcag: string | null;
  essaTier: number | null;
  reviewedOn: string | null;
}

/** The columns, as `edvet list --format csv` names them, with their row keys. */
export const LIST_COLUMN_KEYS: readonly [string, keyof ListRow][] = [
  ['id', 'id'], ['name', 'name'], ['vendor', 'vendor'], ['category', 'category'], ['status', 'status'], ['verdict', 'verdict'],
  ['annual_cost', 'annualCost'], ['seats', 'seats'], ['cost_per_student', 'costPerStudent'], ['renewal_on', 'renewalOn'],
  ['decide_by', 'decideBy'], ['dpa_expires_on', 'dpaExpiresOn'], ['wcag', 'wcag'], ['essa_tier', 'essaTier'], ['reviewed_on', 'reviewedOn'],
];

const MONEY_KEYS = new Set<keyof ListRow>(['annualCost', 'costPerStudent']);

/** A manifest field this edvet's schema may not have yet (version-2 `reviewed_on`): read when present. */
function optionalDate(p: Product, key: string): string | null {
  const v = (p.manifest as unknown as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
}

/** The inventory row of a product and its vetting result. */
export function listRow(p: Product, r: ProductReport): ListRow {
  const m = p.manifest;
  const a = m.accessibility;
  const wcag = [a?.wcag_version, a?.conformance].filter((x) => typeof x === 'string').join(' ');
  return {
    id: p.id,
    name: m.name,
    vendor: m.vendor,
    category: m.category,
    status: m.status,
    verdict: r.verdict,
    annualCost: p.annualCost,
    seats: m.cost?.seats ?? null,
    costPerStudent: p.costPerStudent,
    renewalOn: m.cost?.renewal_on ?? null,
    decideBy: m.cost?.renewal_on ? decideBy(m.cost.renewal_on, m.cost.notice_days) : null,
    dpaExpiresOn: m.privacy?.dpa?.expires_on ?? null,
    wcag: wcag || null,
    essaTier: m.evidence?.essa_tier ?? null,
    reviewedOn: optionalDate(p, 'reviewed_on'),
  };
}

function cellText(row: ListRow, key: keyof ListRow): string {
  const v = row[key];
  return v === null ? '' : String(MONEY_KEYS.has(key) ? dollarsOf(v as Cents) : v);
}

/** A row as JSON writes it: money in dollars. */
function jsonRow(row: ListRow) {
  return { ...row, annualCost: dollarsOf(row.annualCost), costPerStudent: dollarsOf(row.costPerStudent) };
}

/** CSV: the columns above, RFC 4180, CRLF, BOM, formulas neutralised (the CSV reporter's cell escaping). */
export function listCsv(rows: readonly ListRow[]): string {
  const lines = [LIST_COLUMN_KEYS.map(([c]) => csvCell(c)).join(',')];
  for (const r of rows) lines.push(LIST_COLUMN_KEYS.map(([, k]) => csvCell(cellText(r, k))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function display(row: ListRow, key: keyof ListRow): string {
  const v = row[key];
  if (v === null) return '';
  if (MONEY_KEYS.has(key)) return money(v as number);
  if (key === 'seats') return int(v as number);
  return clean(v);
}

const RIGHT = new Set<keyof ListRow>(['annualCost', 'seats', 'costPerStudent', 'essaTier']);

function heading(report: Report): string {
  return `edvet list${report.district.name ? `: ${report.district.name}` : ''}`;
}

/** JSON: `{ schemaVersion, command: "list", asOf, products: [...] }` with camelCase keys. */
export function listJson(report: Report, rows: readonly ListRow[]): string {
  return `${JSON.stringify({ schemaVersion: 1, generator: { name: 'edvet', version: VERSION }, command: 'list', asOf: report.asOf, policy: report.policy, products: rows.map(jsonRow) }, null, 2)}\n`;
}

/** Markdown: a heading, the as-of line and one GFM table. */
export function listMarkdown(report: Report, rows: readonly ListRow[]): string {
  const head = LIST_COLUMN_KEYS.map(([c]) => md(c));
  const body = rows.map((r) => LIST_COLUMN_KEYS.map(([, k]) => md(display(r, k))));
  const align = LIST_COLUMN_KEYS.map(([, k]) => (RIGHT.has(k) ? 'r' : 'l') as 'l' | 'r');
  return `# ${md(heading(report))}\n\nAs of ${md(report.asOf)}, policy ${md(report.policy.source)}, edvet ${md(VERSION)}: ${rows.length} product${rows.length === 1 ? '' : 's'}.\n\n${mdTable(head, body, align)}\n`;
}

/** HTML: one self-contained page (the report's stylesheets and Content-Security-Policy). */
export function listHtml(report: Report, rows: readonly ListRow[]): string {
  const columns = LIST_COLUMN_KEYS.map(([c, k]) => (RIGHT.has(k) ? ([esc(c), 'num'] as const) : esc(c)));
  const trs = rows.map(
    (r) => `<tr>${LIST_COLUMN_KEYS.map(([, k], i) => (i === 0 ? `<th scope="row">${esc(display(r, k))}</th>` : `<td${RIGHT.has(k) ? ' class="num"' : ''}>${esc(display(r, k))}</td>`)).join('')}</tr>`,
  );
  const body = `<main class="wrap">\n<h1>${esc(heading(report))}</h1>\n<p>As of ${esc(report.asOf)}, policy ${esc(report.policy.source)}, edvet ${esc(VERSION)}: ${rows.length} product${rows.length === 1 ? '' : 's'}.</p>\n${dataTable('Catalog inventory', 'Products of the catalog, by id', columns, trs)}\n</main>`;
  return htmlDocument(esc(heading(report)), 'report', body);
}

/** Columns in the order they give way when the terminal is narrow: the first ones always stay. */
const TABLE_PRIORITY: (keyof ListRow)[] = [
  'id', 'verdict', 'status', 'annualCost', 'decideBy', 'vendor', 'category', 'seats', 'costPerStudent', 'renewalOn', 'name', 'dpaExpiresOn', 'wcag', 'essaTier', 'reviewedOn',
];

/** The terminal table: the columns that fit `width`, in the usual order; a note names the others. */
export function listTable(report: Report, rows: readonly ListRow[], width: number): string {
  const cols = LIST_COLUMN_KEYS.map(([c, k]) => ({ head: c, key: k, w: Math.max(c.length, ...rows.map((r) => [...display(r, k)].length)) }));
  const chosen = new Set<keyof ListRow>();
  let used = 0;
  for (const key of TABLE_PRIORITY) {
    const col = cols.find((c) => c.key === key)!;
    const need = col.w + (chosen.size ? 2 : 0);
    if (chosen.size >= 2 && used + need > width) continue;
    chosen.add(key);
    used += need;
  }
  const shown = cols.filter((c) => chosen.has(c.key));
  const pad = (s: string, c: (typeof cols)[number]) => (RIGHT.has(c.key) ? s.padStart(c.w) : s.padEnd(c.w));
  const line = (cells: string[]) => cells.join('  ').trimEnd();
  const out = [
    `${heading(report)} · as of ${clean(report.asOf)} · policy ${clean(report.policy.source)} · ${rows.length} product${rows.length === 1 ? '' : 's'}`,
    '',
    line(shown.map((c) => pad(c.head, c))),
    line(shown.map((c) => '─'.repeat(c.w))),
    ...rows.map((r) => line(shown.map((c) => pad(display(r, c.key), c)))),
  ];
  const hidden = cols.filter((c) => !chosen.has(c.key)).map((c) => c.head);
  if (hidden.length) out.push('', `Not shown for lack of width: ${hidden.join(', ')} (widen the terminal, or use --format csv, markdown or html).`);
  return `${out.join('\n')}\n`;
}

/** Run `edvet list`; `width` is the terminal's when stdout is one. */
export async function runList(ctx: CommandContext, paths: string[], width?: number): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'list', LIST_FORMATS);
  const { report, lp, catalog } = vettingReport(ctx, 'list', paths.length ? paths : ['.']);
  const byId = new Map(report.products.map((r) => [r.id, r]));
  const rows = [...catalog.products].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((p) => listRow(p, byId.get(p.id)!));
  let text: string;
  switch (format) {
    case 'csv':
      text = listCsv(rows);
      break;
    case 'json':
      text = listJson(report, rows);
      break;
    case 'markdown':
      text = listMarkdown(report, rows);
      break;
    case 'html':
      text = listHtml(report, rows);
      break;
    default:
      text = listTable(report, rows, Math.max(40, width ?? 100));
  }
  return { stdout: deliver(ctx, text, vettingInputs(ctx, catalog.products, lp)), exitCode: 0 };
}
