/**
 * `edvet usage`, `edvet sunset` and `edvet audit`: vetting plus license
 * utilization from usage exports (and a roster), sunset plans, renewals.
 */
import { join, resolve } from 'node:path';
import { UsageAggregator } from '../engine/aggregate.js';
import { earliestEventOf, inputWarnings, measureUsage, productMatcher, teacherPatternOf, type SourceCoverage, type UsageResults } from '../engine/usage.js';
import { compareReports } from '../engine/compare.js';
import { displayPath } from '../load/catalog.js';
import { expandPaths } from '../load/files.js';
import type { LoadedPolicy } from '../load/policy.js';
import { readPreviousReport } from '../load/previous.js';
import { loadRoster } from '../load/roster/index.js';
import { BUILTIN_FORMATS, readUsageFile, rowKindOf } from '../load/usage/read.js';
import type { CustomFormat } from '../load/usage/types.js';
import { dayOf } from '../model/dates.js';
import { usageError } from '../model/errors.js';
import type { Product } from '../model/product.js';
import type { InputReport } from '../model/types.js';
import { FORMATS_BY_COMMAND, renderPieces } from '../reporters/index.js';
import { buildReport, exitStatusOf } from '../report/build.js';
import { RULES } from '../rules/index.js';
import { PACKAGE_ROOT } from '../paths.js';
import { asOfDate, catalogFor, checkAsOfFlag, chooseFormat, deliver, loadBaseline, policyFor, printWarnings, vettingInputs, VERSION } from './common.js';
import type { CommandContext, CommandResult } from './context.js';

/** The flags of `edvet usage`, `sunset` and `audit` (src/cli.ts wires them). */
export interface UsageFlags {
  catalog?: string;
  usage?: string[];
  roster?: string;
  usageFormat?: string;
  demo?: boolean;
  /** `--compare FILE`: an earlier JSON report to set this one beside (reports.md "Since last audit"). */
  compare?: string;
}

/** The sample district shipped with edvet. */
export const DEMO_DIR = join(PACKAGE_ROOT, 'fixtures', 'demo-district');
/** The date the demo district's data is written for. */
export const DEMO_AS_OF = '2026-11-23';

const USAGE_FILE = /\.(csv|tsv|txt)(\.gz)?$/i;

/** Usage files under the given paths: files as given, folders searched recursively. */
export function findUsageFiles(paths: readonly string[], cwd: string): string[] {
  return expandPaths(paths, cwd, (abs) => USAGE_FILE.test(abs), {
    item: 'a usage export (CSV) or a folder of them',
    emptyFolder: 'this folder holds no usage exports (*.csv, *.csv.gz, *.tsv, *.txt)',
  });
}

function customFormats(lp: LoadedPolicy): CustomFormat[] {
  return Object.entries(lp.policy.usage_formats ?? {}).map(([name, f]) => ({ name, ...f }));
}

/** A progress callback for one file: rows, MB/s and ETA on the status line, timed by the CLI's clock. */
function progressLine(ctx: CommandContext, shown: string): ((bytes: number, total: number, rows: number) => void) | undefined {
  if (!ctx.progress) return undefined;
  const started = ctx.clock();
  return (bytes, total, rows) => {
    const secs = Math.max(0.001, (ctx.clock() - started) / 1000);
    const mbs = bytes / 1e6 / secs;
    const eta = total > bytes && bytes > 0 ? ((total - bytes) * secs) / bytes : 0;
    ctx.status(`reading ${shown}: ${rows.toLocaleString('en-US')} rows, ${mbs.toFixed(1)} MB/s, ETA ${eta.toFixed(0)} s`);
  };
}

/** Load: the roster and every export, read into the aggregation; then the engine's usage step. */
export async function readUsage(
  ctx: CommandContext,
  lp: LoadedPolicy,
  products: Product[],
  asOf: string,
  files: string[],
  rosterPath: string | undefined,
  forcedFormat: string | undefined,
  reported: ReadonlySet<string> | null = null,
): Promise<UsageResults & { rosterWarnings: readonly string[] }> {
  const policy = lp.policy;
  const custom = customFormats(lp);
  if (forcedFormat && !BUILTIN_FORMATS.includes(forcedFormat) && !custom.some((f) => f.name === forcedFormat)) {
    throw usageError(`unknown --usage-format '${forcedFormat}'; expected one of: ${[...custom.map((f) => f.name), ...BUILTIN_FORMATS].join(', ')}`);
  }
  const roster = rosterPath ? await loadRoster(displayPath(resolve(ctx.cwd, rosterPath), ctx.cwd)) : null;
  const agg = new UsageAggregator({ roster, match: productMatcher(products), productCount: products.length, teacherPattern: teacherPatternOf(policy), asOfDay: dayOf(asOf) });
  const inputs: InputReport[] = [];
  const sources: SourceCoverage[] = [];
  let earliestEvent: number | null = null;
  for (const abs of files) {
    const shown = displayPath(abs, ctx.cwd);
    agg.startFile();
    const report = await readUsageFile(abs, {
      customFormats: custom,
      forcedFormat,
      timezone: policy.usage.timezone,
      dateOrder: policy.usage.date_order,
      roleByOrgUnit: policy.usage.role_by_org_unit,
      asOfDay: dayOf(asOf),
      sink: agg,
      displayPath: shown,
      onProgress: progressLine(ctx, shown),
    });
    ctx.status('');
    inputs.push(report);
    sources.push({ path: shown, kind: report.kind ?? rowKindOf(report.format), earliest: agg.fileEarliest(), products: agg.fileProductIndices() });
    const e = earliestEventOf(report.format, agg.fileEarliest());
    if (e !== null && (earliestEvent === null || e < earliestEvent)) earliestEvent = e;
  }
  return { ...measureUsage(agg, roster, products, policy, asOf, inputs, { earliestEvent, reported, lastSeenSources: sources }), rosterWarnings: roster?.warnings ?? [] };
}

/** Runs `edvet usage`, `edvet sunset` or `edvet audit`: load, the engine's steps, then render and write. */
export async function runUsageCommand(ctx: CommandContext, command: 'usage' | 'sunset' | 'audit', flags: UsageFlags): Promise<CommandResult> {
  const format = chooseFormat(ctx, command, FORMATS_BY_COMMAND[command]);
  checkAsOfFlag(ctx);
  let catalogPath = flags.catalog;
  let usagePaths = flags.usage ?? [];
  let rosterPath = flags.roster;
  if (flags.demo) {
    catalogPath = resolve(DEMO_DIR, 'catalog');
    usagePaths = [resolve(DEMO_DIR, 'usage')];
    rosterPath = resolve(DEMO_DIR, 'roster');
    ctx = { ...ctx, policy: ctx.policy ?? resolve(DEMO_DIR, 'catalog', 'edvet.policy.yaml'), asOf: ctx.asOf ?? DEMO_AS_OF };
  }
  if (!catalogPath) throw usageError(`\`edvet ${command}\` needs --catalog PATH (or --demo)`);
  if (command === 'usage' && usagePaths.length === 0) throw usageError(`\`edvet ${command}\` needs --usage FILE (a usage export or a folder of them)`);
  if (rosterPath && usagePaths.length === 0) throw usageError('--roster is used with --usage: give the usage exports too');
  const lp = policyFor(ctx, [catalogPath]);
  const asOf = asOfDate(ctx, lp);
  const catalog = catalogFor(ctx, [catalogPath]);
  // Read before the exports, so a wrong file is refused at once.
  const previous = flags.compare ? readPreviousReport(resolve(ctx.cwd, flags.compare), displayPath(resolve(ctx.cwd, flags.compare), ctx.cwd)) : null;
  const files = usagePaths.length ? findUsageFiles(usagePaths, ctx.cwd) : [];
  // Every product matches export rows; only the --tool products are measured and reported.
  const reported = new Set(catalog.products.map((p) => p.id));
  const usage = files.length ? await readUsage(ctx, lp, catalog.all, asOf, files, rosterPath, flags.usageFormat, reported) : null;
  const warnings = [...catalog.warnings, ...(usage ? [...usage.rosterWarnings, ...inputWarnings(usage.inputs), ...usage.coverageWarnings, ...usage.unmatchedWarnings, ...usage.mixingWarnings] : [])];
  // Lifecycle rules: privacy.data-deletion with the contract rules (sunset, audit); privacy.grade-band-use wherever usage is measured.
  const rules = RULES.filter(
    (r) =>
      r.kind === 'vetting' ||
      (usage && r.kind === 'usage') ||
      (r.kind === 'contract' && command !== 'usage') ||
      (r.kind === 'lifecycle' && (r.needsUsage ? usage !== null : command !== 'usage')),
  );
  const report = buildReport({
    command,
    asOf,
    version: VERSION,
    policy: lp,
    products: catalog.products,
    catalogIds: new Set(catalog.all.map((p) => p.id)),
    rules,
    usage,
    renewals: true,
    warnings,
    baseline: loadBaseline(ctx),
  });
  if (previous) {
    report.comparison = compareReports(previous, report.products, report.summary, report.hasUsage);
    if (previous.asOf >= asOf) report.warnings.push(`the report given to --compare is as of ${previous.asOf}, not before this run's as-of ${asOf}`);
  }
  printWarnings(ctx, report);
  const text = await renderPieces(format, report, { color: ctx.color, failOn: ctx.failOn, cwd: ctx.cwd });
  const read = [...vettingInputs(ctx, catalog.products, lp), ...files, ...(rosterPath ? [rosterPath] : []), ...(flags.compare ? [flags.compare] : [])];
  return { stdout: deliver(ctx, text, read), exitCode: exitStatusOf(report, ctx.failOn) };
}

