/** Steps several commands share: format, as-of, policy, catalog, baseline, rendering. */
import { resolve } from 'node:path';
import { readBaselineJson } from '../load/baseline.js';
import { displayPath, loadCatalog, POLICY_FILE_NAME } from '../load/catalog.js';
import { choosePolicyFile, loadPolicy, policySearchStart, type LoadedPolicy } from '../load/policy.js';
import { DATE_RANGE_TEXT, isIsoDate, isSupportedDate } from '../load/schema/common.js';
import { inputError, usageError } from '../model/errors.js';
import type { Product } from '../model/product.js';
import type { Report, Status } from '../model/types.js';
import { baselineKey } from '../report/build.js';
import { CHECK_NAMES, PACK_NAMES, RULE_IDS } from '../rules/index.js';
import type { CommandContext, Output } from './context.js';
import { writeOutputFile } from './write.js';

export { VERSION } from '../paths.js';

/** The format asked for, checked against the command's list (the first is the default). */
export function chooseFormat<F extends string>(ctx: CommandContext, command: string, formats: readonly F[]): F {
  const f = ctx.format ?? formats[0];
  if (!(formats as readonly string[]).includes(f)) {
    throw usageError(`unknown --format '${f}' for \`edvet ${command}\`; expected one of: ${formats.join(', ')}`);
  }
  return f as F;
}

/** Today's date in a time zone, from the CLI's clock reading. */
export function todayIn(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Validate `--as-of` early (before any file is read), so a typo is a usage error. */
export function checkAsOfFlag(ctx: CommandContext): void {
  if (ctx.asOf !== undefined && !isIsoDate(ctx.asOf)) {
    throw usageError(`bad --as-of date '${ctx.asOf}': expected an ISO date YYYY-MM-DD that exists on the calendar`);
  }
  if (ctx.asOf !== undefined && !isSupportedDate(ctx.asOf)) throw usageError(`bad --as-of date '${ctx.asOf}': ${DATE_RANGE_TEXT}`);
}

/** The audit date: `--as-of`, else today in the policy's time zone. */
export function asOfDate(ctx: CommandContext, lp: LoadedPolicy): string {
  checkAsOfFlag(ctx);
  return ctx.asOf ?? todayIn(ctx.now, lp.policy.usage.timezone);
}

/**
 * Load the policy that applies to a run over `catalogPaths` (policy.md "Which
 * policy"). When a catalog was given and no policy file was found, one stderr
 * line says that the defaults are in force: a district that forgot its policy
 * must notice.
 */
export function policyFor(ctx: CommandContext, catalogPaths: readonly string[]): LoadedPolicy {
  const start = policySearchStart(catalogPaths, ctx.cwd);
  const file = choosePolicyFile(ctx.policy, ctx.cwd, start);
  if (file === null && start !== null) {
    ctx.stderr(`warning: using edvet's default policy: no ${POLICY_FILE_NAME} in the current folder, nor in ${displayPath(start, ctx.cwd)} or a folder above it up to the repository root (give --policy FILE)`);
  }
  return loadPolicy(file, ctx.cwd, RULE_IDS, [...CHECK_NAMES, ...PACK_NAMES]);
}

/**
 * Load the catalog and keep only the `--tool` products (an unknown id is a usage error). `all` is
 * the whole catalog: export rows still match the products left out (rules.md "Corner cases",
 * `--tool`), and their waivers are not "a product not in this run".
 */
export function catalogFor(ctx: CommandContext, paths: readonly string[]): { products: Product[]; all: Product[]; warnings: string[] } {
  const cat = loadCatalog(paths, ctx.cwd, new Set(ctx.policy ? [resolve(ctx.cwd, ctx.policy)] : []));
  if (ctx.tool.length === 0) return { ...cat, all: cat.products };
  const ids = new Set(cat.products.map((p) => p.id));
  const unknown = ctx.tool.filter((t) => !ids.has(t));
  if (unknown.length) throw usageError(`--tool names ${unknown.map((u) => `'${u}'`).join(', ')}, not in the catalog`);
  return { products: cat.products.filter((p) => ctx.tool.includes(p.id)), all: cat.products, warnings: cat.warnings };
}

/** Read a `--baseline` JSON report into product+rule → status. */
export function loadBaseline(ctx: CommandContext): Map<string, Status> | null {
  if (!ctx.baseline) return null;
  const abs = resolve(ctx.cwd, ctx.baseline);
  const shown = displayPath(abs, ctx.cwd);
  const data = readBaselineJson(abs, shown);
  const products = (data as { products?: unknown })?.products;
  if (!Array.isArray(products)) throw inputError({ file: shown, message: 'not an edvet JSON report (no `products` list); expected the output of `edvet vet --format json`' });
  const map = new Map<string, Status>();
  for (const p of products as { id?: unknown; findings?: { rule?: unknown; status?: unknown }[] }[]) {
    if (typeof p?.id !== 'string' || !Array.isArray(p.findings)) continue;
    for (const f of p.findings) if (typeof f?.rule === 'string' && typeof f.status === 'string') map.set(baselineKey(p.id, f.rule), f.status as Status);
  }
  return map;
}

/**
 * Send the rendered report to --output or return it for stdout.
 * `inputs` are the files (or folders) the run read: --output may not name one.
 */
export function deliver(ctx: CommandContext, text: Output, inputs: readonly string[] = []): Output {
  if (!ctx.output) return text;
  writeOutputFile(ctx.output, typeof text === 'string' ? text : Buffer.concat(Array.from(text, (piece) => Buffer.from(piece, 'utf8'))), ctx.cwd, inputs);
  return '';
}

/** The files a vetting run read: manifests, their OpenACR reports, the policy and the baseline. */
export function vettingInputs(ctx: CommandContext, products: readonly Product[], lp: LoadedPolicy): string[] {
  const files = products.flatMap((p) => [p.file, ...(p.acr ? [p.acr.file] : [])]);
  if (lp.source !== 'defaults') files.push(lp.source);
  if (ctx.baseline) files.push(ctx.baseline);
  return files;
}

/** Print a report's warnings on stderr. */
export function printWarnings(ctx: CommandContext, report: Pick<Report, 'warnings'>): void {
  for (const w of report.warnings) ctx.stderr(`warning: ${w}`);
}
