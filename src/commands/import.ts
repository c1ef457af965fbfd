/**
 * `edvet import FILE... --out-dir DIR` and `edvet import --from-usage PATH...
 * --catalog PATH --out-dir DIR` (import.md): the district's app inventory
 * (CSV or XLSX) or the unmatched apps of its sign-in exports → one draft
 * manifest per app. Every input is read and converted before anything is
 * written, so a bad input (exit 2) writes nothing; drafts are written
 * atomically and an existing file is left alone unless --force.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { displayPath, matchKeys } from '../load/catalog.js';
import { nameKey, slugify } from '../load/import/convert.js';
import { renderDraft, type Draft } from '../load/import/draft.js';
import { chooseLayout, convertRow, LAYOUTS, parseMaps, usageDraft, type LayoutName } from '../load/import/layouts.js';
import { readSheetFile } from '../load/import/sheet.js';
import { UnmatchedAppCounter } from '../load/import/usage-apps.js';
import { readUsageFile } from '../load/usage/read.js';
import { dayOf } from '../model/dates.js';
import { inputError, usageError } from '../model/errors.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { asOfDate, catalogFor, checkAsOfFlag, chooseFormat, policyFor, VERSION } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { makeFolder, writeAtomic, writeNewFile } from './write.js';

/** Flags of `edvet import`. */
export interface ImportFlags {
  outDir: string;
  layout?: string;
  map?: string[];
  sheet?: string;
  fromUsage?: string[];
  catalog?: string;
  minRows?: string;
  force?: boolean;
}

/** Rows of an app in the exports below which `--from-usage` writes no draft. */
export const DEFAULT_MIN_ROWS = 50;

type SkipReason = 'inactive' | 'duplicate' | 'no name';

interface Skipped {
  file: string;
  row: number | null;
  name: string | null;
  reason: SkipReason;
  duplicateOf?: { file: string; row: number | null };
}

interface InputSummary {
  file: string;
  kind: 'csv' | 'xlsx' | 'usage';
  sheet: string | null;
  layout: string;
  headerRow: number | null;
  rows: number;
  drafts: number;
  skipped: Partial<Record<SkipReason, number>>;
}

interface Planned {
  draft: Draft;
  abs: string;
  file: string;
  text: string;
  status: 'written' | 'left-alone';
}

const ID_RE = /^[a-z0-9][a-z0-9-]*$/;

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function checkFlags(files: string[], flags: ImportFlags): { layout: LayoutName | undefined; minRows: number } {
  let layout: LayoutName | undefined;
  if (flags.layout !== undefined) {
    if (!(LAYOUTS as readonly string[]).includes(flags.layout)) throw usageError(`unknown --layout '${flags.layout}'; expected one of: ${LAYOUTS.join(', ')}`);
    layout = flags.layout as LayoutName;
  }
  const fromUsage = flags.fromUsage ?? [];
  if (files.length === 0 && fromUsage.length === 0) throw usageError('`edvet import` needs a spreadsheet FILE (CSV or XLSX), or --from-usage PATH with --catalog PATH');
  if (fromUsage.length && !flags.catalog) throw usageError('--from-usage needs --catalog PATH: the drafts are for the apps no product of the catalog matches');
  if (flags.catalog && !fromUsage.length) throw usageError('--catalog is used with --from-usage: give the sign-in exports too');
  let minRows = DEFAULT_MIN_ROWS;
  if (flags.minRows !== undefined) {
    if (!/^\d+$/.test(flags.minRows.trim()) || Number(flags.minRows) < 1) throw usageError(`bad --min-rows '${flags.minRows}': expected a whole number ≥ 1`);
    minRows = Number(flags.minRows);
  }
  if (flags.minRows !== undefined && !fromUsage.length) throw usageError('--min-rows is used with --from-usage');
  return { layout, minRows };
}

export async function runImport(ctx: CommandContext, files: string[], flags: ImportFlags): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'import', FORMATS_BY_COMMAND.import);
  checkAsOfFlag(ctx);
  const { layout, minRows } = checkFlags(files, flags);
  const maps = parseMaps(flags.map ?? []);
  const drafts: Draft[] = [];
  const skipped: Skipped[] = [];
  const inputs: InputSummary[] = [];
  const seen = new Map<string, { file: string; row: number | null }>();
  const accept = (d: Draft, summary: InputSummary) => {
    const key = nameKey(d.name);
    const first = seen.get(key);
    if (first) {
      skipped.push({ file: d.source.file, row: d.source.row, name: d.name, reason: 'duplicate', duplicateOf: first });
      summary.skipped.duplicate = (summary.skipped.duplicate ?? 0) + 1;
      return;
    }
    seen.set(key, { file: d.source.file, row: d.source.row });
    drafts.push(d);
    summary.drafts += 1;
  };

  for (const f of files) {
    const abs = resolve(ctx.cwd, f);
    const shown = displayPath(abs, ctx.cwd);
    const sheet = await readSheetFile(abs, shown, flags.sheet);
    const header = chooseLayout(sheet, layout, maps);
    const dataRows = sheet.rows.filter((r) => r.row > header.headerRow.row);
    const summary: InputSummary = { file: shown, kind: sheet.kind, sheet: sheet.sheetName, layout: header.layout, headerRow: header.headerRow.row, rows: dataRows.length, drafts: 0, skipped: {} };
    inputs.push(summary);
    for (const r of dataRows) {
      const res = convertRow(sheet, header, r, maps);
      if ('skip' in res) {
        if (res.skip === 'empty') continue;
        skipped.push({ file: shown, row: r.row, name: res.name ?? null, reason: res.skip });
        summary.skipped[res.skip] = (summary.skipped[res.skip] ?? 0) + 1;
        continue;
      }
      accept(res.draft, summary);
    }
  }
  if (files.length && drafts.length === 0 && skipped.length === 0) {
    throw inputError({ file: inputs.map((i) => i.file).join(', '), message: 'no data rows after the header; expected one row per app' });
  }

  const reserved = new Set<string>();
  if (flags.fromUsage?.length) {
    const catalogPath = flags.catalog!;
    const lp = policyFor(ctx, [catalogPath]);
    const asOf = asOfDate(ctx, lp);
    const catalog = catalogFor(ctx, [catalogPath]);
    for (const w of catalog.warnings) ctx.stderr(`warning: ${w}`);
    for (const p of catalog.products) reserved.add(p.id);
    const index = new Map<string, number>();
    catalog.products.forEach((p, i) => {
      for (const k of matchKeys(p)) if (!index.has(k)) index.set(k, i);
    });
    const counter = new UnmatchedAppCounter((app, appId) => index.get(app.trim().toLowerCase()) ?? (appId !== undefined ? index.get(appId.trim().toLowerCase()) : undefined) ?? -1);
    const { findUsageFiles } = await import('./usage.js');
    const usageFiles = findUsageFiles(flags.fromUsage, ctx.cwd);
    const summary: InputSummary = { file: flags.fromUsage.join(', '), kind: 'usage', sheet: null, layout: 'from-usage', headerRow: null, rows: 0, drafts: 0, skipped: {} };
    for (const abs of usageFiles) {
      const shown = displayPath(abs, ctx.cwd);
      const rep = await readUsageFile(abs, {
        customFormats: Object.entries(lp.policy.usage_formats ?? {}).map(([name, fmt]) => ({ name, ...fmt })),
        timezone: lp.policy.usage.timezone,
        dateOrder: lp.policy.usage.date_order,
        roleByOrgUnit: lp.policy.usage.role_by_org_unit,
        asOfDay: dayOf(asOf),
        sink: counter,
        displayPath: shown,
      });
      summary.rows += rep.used;
    }
    inputs.push(summary);
    let below = 0;
    for (const app of counter.unmatched()) {
      if (app.rows < minRows) {
        below += 1;
        continue;
      }
      accept(usageDraft(app.app, app.appIds, app.rows, app.users, flags.fromUsage.join(', ')), summary);
    }
    if (below) ctx.stderr(`edvet import: ${plural(below, 'unmatched app')} of the exports had fewer than ${minRows} rows (--min-rows): no draft`);
  }

  // Ids: the list's own id when it gives one, else the name's slug; a second app of the same slug gets -2.
  const used = new Set<string>(reserved);
  for (const d of drafts) {
    let base = d.id && ID_RE.test(d.id) ? d.id : slugify(d.name);
    if (!base) base = 'app';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    d.id = id;
    d.fields.set('id', { value: id });
  }

  const outAbs = resolve(ctx.cwd, flags.outDir);
  const outShown = displayPath(outAbs, ctx.cwd);
  try {
    if (existsSync(outAbs) && !statSync(outAbs).isDirectory()) throw usageError(`--out-dir ${outShown} is a file; expected a folder (created if missing)`);
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e;
  }
  const planned: Planned[] = drafts.map((d) => {
    const abs = join(outAbs, `${d.id}.yaml`);
    const where = d.source.row === null ? `the sign-in exports ${d.source.file}` : `${d.source.file}${d.source.sheet ? ` (sheet "${d.source.sheet}")` : ''} row ${d.source.row}`;
    const header = [
      `Draft manifest written by edvet import from ${where}, ${d.source.layout} layout.`,
      `Nothing here is vetted yet: fill in each TODO, then run: edvet validate ${outShown}`,
    ];
    return { draft: d, abs, file: displayPath(abs, ctx.cwd), text: renderDraft(d, header), status: 'written' };
  });

  // Everything is read and converted: only now is anything written.
  if (planned.length) {
    makeFolder(outAbs, ctx.cwd);
  }
  for (const p of planned) {
    if (flags.force) writeAtomic(p.abs, p.text, ctx.cwd, 'draft');
    else if (!writeNewFile(p.abs, p.text, ctx.cwd, 'draft')) p.status = 'left-alone';
  }

  const written = planned.filter((p) => p.status === 'written');
  const leftAlone = planned.filter((p) => p.status === 'left-alone');
  printSummary(ctx, outShown, inputs, planned, skipped);
  let stdout = '';
  if (format === 'json') {
    stdout = `${JSON.stringify(
      {
        schemaVersion: 1,
        generator: { name: 'edvet', version: VERSION },
        command: 'import',
        outDir: outShown,
        inputs,
        drafts: planned.map((p) => ({
          id: p.draft.id,
          name: p.draft.name,
          file: p.file,
          status: p.status,
          source: { file: p.draft.source.file, row: p.draft.source.row, layout: p.draft.source.layout },
          filled: p.draft.filled(),
          todo: p.draft.todos(),
        })),
        skipped,
        totals: { written: written.length, leftAlone: leftAlone.length, skipped: skipped.length },
      },
      null,
      2,
    )}\n`;
  }
  return { stdout, exitCode: 0 };
}

function printSummary(ctx: CommandContext, outDir: string, inputs: InputSummary[], planned: Planned[], skipped: Skipped[]): void {
  const written = planned.filter((p) => p.status === 'written');
  const leftAlone = planned.filter((p) => p.status === 'left-alone');
  ctx.stderr(`edvet import: ${plural(written.length, 'draft')} written to ${outDir}${leftAlone.length ? `, ${leftAlone.length} left alone` : ''}${skipped.length ? `, ${plural(skipped.length, 'row')} skipped` : ''}`);
  for (const i of inputs) {
    const skips = Object.entries(i.skipped).map(([k, n]) => `${n} ${k}`);
    const what = i.kind === 'usage' ? `${plural(i.rows, 'used sign-in')}` : `${i.layout} layout, header on row ${i.headerRow}, ${plural(i.rows, 'row')}`;
    ctx.stderr(`  ${i.file}${i.sheet ? ` (sheet "${i.sheet}")` : ''}: ${what} → ${plural(i.drafts, 'draft')}${skips.length ? `, skipped ${skips.join(', ')}` : ''}`);
  }
  for (const s of skipped) {
    const where = `${s.file}${s.row !== null ? ` row ${s.row}` : ''}`;
    const why = s.reason === 'duplicate' && s.duplicateOf ? `duplicate of ${s.duplicateOf.file === s.file ? '' : `${s.duplicateOf.file} `}row ${s.duplicateOf.row}` : s.reason;
    ctx.stderr(`  skipped ${where}${s.name ? ` ${JSON.stringify(s.name)}` : ''}: ${why}`);
  }
  if (leftAlone.length) ctx.stderr(`  left alone (already there; --force replaces them): ${leftAlone.map((p) => basename(p.file)).join(', ')}`);
  for (const p of written) {
    const todo = p.draft.todos();
    ctx.stderr(`  ${p.file}: ${plural(p.draft.filled().length, 'field')} filled${todo.length ? `; TODO ${todo.join(', ')}` : ''}`);
  }
  if (written.length) ctx.stderr(`Next: fill in the TODOs, then run \`edvet validate ${outDir}\`.`);
}
