/**
 * `table` — the terminal report (reports.md "table"): a summary line, the
 * vetting matrix (product × check), the warn/fail findings grouped by product
 * with `file:line`, and when usage was given the usage table, sunset
 * candidates and renewals due. Fits `options.width` (100) columns; long names
 * wrap. Every data value is stripped of ANSI escapes and control characters.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ProductReport, Report, Status, Verdict } from '../model/types.js';
import { VETTING_CHECKS } from '../model/types.js';
import type { Reporter, ReporterOptions } from './types.js';
import {
  SYMBOL,
  attentionFindings,
  clean,
  int,
  money,
  pct,
  renewalsDue,
  sortedProducts,
  statusLabel,
  plansWithoutUsage,
  sunsetProducts,
  usageProducts,
  activeText,
  dormantText,
  wastedText,
  unmatchedShown,
  unmatchedText,
  waiverText,
  actionText,
  DECISIONS_SHOWN,
  autoRenewsText,
  fromCountsText,
} from './util.js';

/** Display width of plain text (wide East Asian characters and emoji count 2, combining marks 0). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x300 && c <= 0x36f) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd)
      ? 2
      : 1;
  }
  return w;
}

/** Splits a word wider than `width` into chunks that fit. */
function chunk(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (textWidth(cur + ch) > width && cur) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Word-wraps plain text to `width` columns; words wider than a line are broken. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    for (const part of textWidth(word) > w ? chunk(word, w) : [word]) {
      if (!line) line = part;
      else if (textWidth(line) + 1 + textWidth(part) <= w) line += ` ${part}`;
      else {
        lines.push(line);
        line = part;
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** A cell's text pre-wrapped to its column (so the layout never truncates). */
function cellText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrap(line, width))
    .join('\n');
}

function colorFor(c: ChalkInstance, s: Status): (t: string) => string {
  switch (s) {
    case 'pass': return c.green;
    case 'warn': return c.yellow;
    case 'fail': return c.red.bold;
    case 'waived': return c.cyan;
    default: return c.gray;
  }
}

function verdictColor(c: ChalkInstance, v: Verdict): (t: string) => string {
  return v === 'approved' ? c.green : v === 'conditional' ? c.yellow : c.red.bold;
}

/** The largest of `values` and `floor`, without spreading them into arguments (a spread of 100,000 values overflows the stack). */
function maxOf(floor: number, values: Iterable<number>): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** Appends `items` to `out` one by one (a spread into push overflows the stack for long lists). */
function pushAll(out: string[], items: readonly string[]): void {
  for (const item of items) out.push(item);
}

interface Col {
  head: string;
  /** Fixed width (content + 1 padding), or null for the flexible column. */
  width: number | null;
  align?: 'left' | 'right';
}

/**
 * Renders a borderless table whose flexible column takes the room
 * left in `total` columns. Cells are plain text already cleaned; `paint`
 * colours a cell after wrapping.
 */
function grid(
  c: ChalkInstance,
  cols: Col[],
  rows: string[][],
  total: number,
  paint?: (row: number, col: number, text: string) => string,
): string {
  const fixed = cols.reduce((n, col) => n + (col.width ?? 0), 0) + (cols.length - 1);
  const flexIdx = cols.findIndex((col) => col.width === null);
  const widths = cols.map((col) => col.width ?? 0);
  if (flexIdx >= 0) {
    const natural = maxOf(textWidth(cols[flexIdx].head), rows.map((r) => maxOf(0, r[flexIdx].split('\n').map(textWidth)))) + 1;
    widths[flexIdx] = Math.max(10, Math.min(natural, total - fixed));
  }
  let multiLine = false;
  const body = rows.map((r, ri) =>
    r.map((cell, ci) => {
      const text = cellText(cell, widths[ci] - 1);
      if (text.includes('\n')) multiLine = true;
      const lines = text.split('\n').map((l) => (paint ? paint(ri, ci, l) : l));
      return { content: lines.join('\n'), hAlign: cols[ci].align ?? 'left' };
    }),
  );
  // Laid out here rather than by cli-table3, whose per-cell cost made 5,000 products take 21 s: the same
  // borderless layout (cells padded to their column, one space between columns, a rule of '─' under the
  // heading, and under every row too when a cell spans several lines).
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + widths.length - 1);
  const lines: string[] = [];
  const drawRow = (cells: { content: string; hAlign: 'left' | 'right' }[]): void => {
    const cellLines = cells.map((cell) => cell.content.split('\n'));
    const height = maxOf(1, cellLines.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      lines.push(cells.map((cell, ci) => padCell(cellLines[ci][k] ?? '', widths[ci] - 1, cell.hAlign) + ' ').join(' ').trimEnd());
    }
  };
  drawRow(cols.map((col) => ({ content: c.bold(col.head), hAlign: col.align ?? 'left' })));
  body.forEach((r, i) => {
    if (i === 0 || multiLine) lines.push(rule);
    drawRow(r);
  });
  return lines.join('\n');
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** `text` padded with spaces to `width` display columns (colour codes take none), cut with '…' when wider. */
function padCell(text: string, width: number, align: 'left' | 'right'): string {
  let w = textWidth(text.replace(SGR, ''));
  let t = text;
  if (w > width) {
    t = chunk(text.replace(SGR, ''), Math.max(1, width - 1))[0] + '…';
    w = textWidth(t);
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? pad + t : t + pad;
}

function summaryLine(report: Report): string[] {
  const s = report.summary;
  const parts = [
    `${s.products} ${s.products === 1 ? 'product' : 'products'}: ${s.approved} approved, ${s.conditional} conditional, ${s.rejected} rejected`,
    `findings: ${s.findings.fail} fail, ${s.findings.warn} warn, ${s.findings.waived} waived`,
  ];
  if (report.hasUsage) {
    parts.push(`annual spend ${money(s.annualSpend)}`, `wasted on dormant seats ${money(s.wastedSpend)}${fromCountsText(s) ? ` (${fromCountsText(s)})` : ''}`);
    parts.push(`potential savings ${money(s.potentialSavings)}`, `${s.sunsetCandidates} sunset ${s.sunsetCandidates === 1 ? 'candidate' : 'candidates'}`);
  }
  return parts;
}

/** Joins parts with ` · `, starting a new line when the next part would pass `width`. */
function joinWrapped(parts: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (!line) line = p;
    else if (textWidth(line) + 3 + textWidth(p) <= width) line += ` · ${p}`;
    else {
      lines.push(line);
      line = p;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function matrix(c: ChalkInstance, report: Report, products: ProductReport[], color: boolean, width: number): string {
  // Colour on: the symbol alone (coloured). Colour off: symbol and word, stacked on two lines when the width is tight.
  let stacked = false;
  const label = (s: Status) => (color ? SYMBOL[s] : stacked ? `${SYMBOL[s]}\n${s}` : statusLabel(s));
  const cellWidth = (s: Status) => maxOf(0, label(s).split('\n').map((l) => l.length));
  const verdictW = maxOf('verdict'.length, products.map((p) => p.verdict.length)) + 1;
  // Short headings first: the room goes to the product column, so ids rarely wrap.
  const layouts = [
    ['privacy', 'sso', 'a11y', 'cost', 'evid.', 'mobile', 'stds'],
    ['privacy', 'sso', 'a11y', 'cost', 'evid.', 'mobile', 'stds'],
    ['priv.', 'sso', 'a11y', 'cost', 'evid.', 'mob.', 'stds'],
  ];
  let heads = layouts[0];
  let widths: number[] = [];
  const fit = () => {
    const cellMax = maxOf(1, products.flatMap((p) => VETTING_CHECKS.map((k) => cellWidth(p.checks[k]))));
    widths = heads.map((h) => Math.max(h.length, cellMax) + 1);
    return width - widths.reduce((a, b) => a + b, 0) - verdictW - (heads.length + 1) >= 16;
  };
  if (!fit()) {
    heads = layouts[1];
    if (!fit() && !color) {
      stacked = true;
      heads = layouts[2];
      fit();
    }
  }
  const cols: Col[] = [{ head: 'product', width: null }, ...heads.map((h, i) => ({ head: h, width: widths[i] })), { head: 'verdict', width: verdictW }];
  const rows = products.map((p) => [clean(p.id), ...VETTING_CHECKS.map((k) => label(p.checks[k])), p.verdict]);
  return grid(c, cols, rows, width, (ri, ci, text) => {
    const p = products[ri];
    if (ci >= 1 && ci <= VETTING_CHECKS.length) return colorFor(c, p.checks[VETTING_CHECKS[ci - 1]])(text);
    if (ci === cols.length - 1) return verdictColor(c, p.verdict)(text);
    return text;
  });
}

function findingsSection(c: ChalkInstance, products: ProductReport[], width: number): string[] {
  const out: string[] = [];
  const indent = '           ';
  for (const p of products) {
    const fs = attentionFindings(p);
    if (fs.length === 0) continue;
    out.push('');
    pushAll(out, joinWrapped([clean(p.id), clean(p.name), clean(p.vendor), p.verdict], width).map((l) => c.bold(l)));
    for (const f of fs) {
      const tag = statusLabel(f.status).padEnd(9);
      const where = `${clean(f.source.file)}:${f.source.line}`;
      const head = `${clean(f.rule)}  ${where}${f.known ? '  (known)' : ''}`;
      const headLines = wrap(head, width - 2 - 9);
      out.push(`  ${colorFor(c, f.status)(tag)}${headLines[0]}`);
      for (const l of headLines.slice(1)) out.push(indent + l);
      for (const l of wrap(clean(f.message), width - indent.length)) out.push(indent + l);
      if (f.waiver) for (const l of wrap(clean(waiverText(f)), width - indent.length)) out.push(indent + c.cyan(l));
    }
  }
  return out;
}

/**
 * The board's decisions (reports.md "the board packet", 1), as in the HTML and
 * Markdown reports: soonest decide-by first, each with its recommended action,
 * decide-by date, money at stake and saving, and its one-line reason; the first
 * 25, then "and N more"; the savings' total is the potential savings.
 */
function decisionsSection(c: ChalkInstance, report: Report, width: number): string[] {
  const ds = report.decisions;
  if (!report.hasUsage || ds.length === 0) return [];
  const out: string[] = ['', c.bold('Decisions (soonest decide-by first)')];
  for (const d of ds.slice(0, DECISIONS_SHOWN)) {
    const when = d.decideBy ? `decide by ${d.decideBy}${d.decideBy < report.asOf ? ' (passed)' : ''}` : 'no decide-by date';
    const parts = [when];
    if (d.atStake !== null) parts.push(`at stake ${money(d.atStake)}`);
    if (d.saving !== null) parts.push(`saves ${money(d.saving)}`);
    pushAll(out, wrap(`${clean(d.name) || clean(d.product)} · ${actionText(d)}`, width - 2).map((l) => `  ${c.bold(l)}`));
    pushAll(out, joinWrapped(parts, width - 4).map((l) => `    ${l}`));
    pushAll(out, wrap(clean(d.reason), width - 4).map((l) => `    ${l}`));
  }
  if (ds.length > DECISIONS_SHOWN) out.push(`  and ${int(ds.length - DECISIONS_SHOWN)} more (the HTML, Markdown and JSON reports list every one)`);
  // The decisions' savings add up to the summary's potential savings (the engine shares one definition of a product's saving).
  pushAll(out, wrap(`The savings add up to the potential savings of ${money(report.summary.potentialSavings)}.`, width - 2).map((l) => `  ${l}`));
  return out;
}

function usageSection(c: ChalkInstance, report: Report, width: number): string[] {
  const out: string[] = [];
  const ps = usageProducts(report);
  if (ps.length > 0) {
    out.push('', c.bold('Usage (most wasted spend first)'));
    const rows = ps.map((p) => {
      const u = p.usage!;
      const st = p.checks.usage;
      const status = [st ? statusLabel(st) : '', p.sunset ? 'sunset' : ''].filter(Boolean).join(', ') || '–';
      // The terminal is narrow: a lower bound of counts is marked ≥ here (the note below says so); the other formats write "at least".
      const util = u.basis === 'counts' && u.teacherUtilization !== null ? `≥${pct(u.teacherUtilization)}` : pct(u.teacherUtilization);
      return [clean(p.name) || clean(p.id), int(u.seats), activeText(u), dormantText(u), wastedText(u), util, status];
    });
    const heads = ['product', 'seats', 'active', 'dormant', 'wasted', 'teacher util', 'status'];
    const cols: Col[] = heads.map((h, i) =>
      i === 0
        ? { head: h, width: null }
        : { head: h, width: maxOf(h.length, rows.map((r) => textWidth(r[i]))) + 1, align: i < 6 ? 'right' : 'left' },
    );
    out.push(
      grid(c, cols, rows, width, (ri, ci, text) => {
        const st = ps[ri].checks.usage;
        return ci === 6 && st ? colorFor(c, st)(text) : text;
      }),
    );
    if (ps.some((p) => p.usage!.basis === 'counts')) {
      pushAll(out, wrap('Measured from aggregate counts: "at least" and ≥ are lower bounds, "up to" an upper estimate (counts name nobody).', width - 2).map((l) => `  ${c.dim(l)}`));
    }
  }
  const sunset = sunsetProducts(report);
  if (sunset.length > 0) {
    out.push('', c.bold('Sunset plans'));
    for (const p of sunset) {
      const s = p.sunset!;
      pushAll(out, wrap(`${clean(p.id)} · ${clean(p.name)} · saves ${money(s.annualSavings)} a year`, width - 2).map((l) => `  ${c.bold(l)}`));
      for (const l of wrap(`Reason: ${clean(s.reason)}`, width - 4)) out.push(`    ${l}`);
      const when = [`notice on ${s.noticeOn}`, `earliest retirement ${s.earliestRetireOn}`];
      if (s.decideBy) when.push(`decide by ${s.decideBy}`);
      if (s.beforeRenewal !== null) when.push(s.beforeRenewal ? 'retires before the renewal' : 'cannot retire before the renewal');
      for (const l of joinWrapped(when, width - 4)) out.push(`    ${l}`);
      s.steps.forEach((step, i) => {
        wrap(clean(step), width - 9).forEach((l, j) => out.push(`    ${j === 0 ? `${String(i + 1).padStart(2)}. ` : '    '}${l}`));
      });
    }
  }
  const due = renewalsDue(report);
  if (due.length > 0) {
    out.push('', c.bold(`Renewals due within ${report.thresholds.renewalWarnDays} days`));
    const rows = due.map((p) => [clean(p.name) || clean(p.id), p.renewal!.renewalOn, p.renewal!.decideBy, autoRenewsText(p.renewal!.autoRenews)]);
    const heads = ['product', 'renews on', 'decide by', 'auto-renews'];
    const cols: Col[] = heads.map((h, i) => (i === 0 ? { head: h, width: null } : { head: h, width: Math.max(h.length, 10) + 1 }));
    out.push(grid(c, cols, rows, width));
  }
  pushAll(out, decisionsSection(c, report, width));
  return out;
}

function inputsSection(report: Report, width: number): string[] {
  const out: string[] = [];
  if (report.inputs.length > 0) {
    out.push('', 'Usage files');
    for (const i of report.inputs) {
      const extra = [
        ...Object.entries(i.skipped).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} skipped (${clean(k)})`),
        ...Object.entries(i.bad).filter(([, n]) => n > 0).map(([k, n]) => `${int(n)} bad (${clean(k)})`),
      ];
      const text = `${clean(i.path)} (${clean(i.format)}): ${int(i.rows)} rows, ${int(i.used)} used${extra.length ? `, ${extra.join(', ')}` : ''}`;
      pushAll(out, wrap(text, width - 2).map((l, j) => (j === 0 ? `  ${l}` : `    ${l}`)));
    }
  }
  if (report.unmatchedApps.length > 0) {
    out.push('', 'Apps in the usage exports that match no product');
    const { shown, more } = unmatchedShown(report);
    const text = shown.map(unmatchedText).join(', ') + (more > 0 ? `, and ${int(more)} more` : '');
    pushAll(out, wrap(text, width - 2).map((l) => `  ${l}`));
  }
  if (report.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of report.warnings) pushAll(out, wrap(clean(w), width - 4).map((l, j) => (j === 0 ? `  - ${l}` : `    ${l}`)));
  }
  return out;
}

/** Renders the terminal report; colour only when `options.color`. */
export const renderTable: Reporter = (report: Report, options: ReporterOptions) => {
  const width = Math.max(60, options.width ?? 100);
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const products = sortedProducts(report);
  const out: string[] = [];
  pushAll(out, joinWrapped(summaryLine(report), width).map((l) => c.bold(l)));
  pushAll(out, joinWrapped([`edvet ${clean(report.command)}`, `as of ${clean(report.asOf)}`, `policy ${clean(report.policy.source)}`], width));
  // `usage` and `sunset` are about the licences: their figures and plans come first, the vetting after.
  const usageFirst = report.hasUsage && (report.command === 'usage' || report.command === 'sunset');
  if (usageFirst) pushAll(out, usageSection(c, report, width));
  if (products.length > 0) {
    out.push('');
    out.push(matrix(c, report, products, options.color, width));
    const legend = `${SYMBOL.pass} pass  ${SYMBOL.warn} warn  ${SYMBOL.fail} fail  ${SYMBOL.waived} waived  ${SYMBOL['n/a']} n/a`;
    if (options.color) out.push(c.gray(legend));
    const fs = findingsSection(c, products, width);
    if (fs.length > 0) {
      out.push('', c.bold('Findings to act on'));
      pushAll(out, fs.slice(1));
    }
  }
  // Without usage files the section holds only the sunset plans of sunsetting products and the renewals due (a plan needs no usage).
  if (!usageFirst && (report.hasUsage || plansWithoutUsage(report))) pushAll(out, usageSection(c, report, width));
  pushAll(out, inputsSection(report, width));
  return `${out.join('\n')}\n`;
};
