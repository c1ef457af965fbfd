/**
 * `edvet usage`, `edvet sunset` and `edvet audit`: vetting plus license
 * utilization from usage exports (and a roster), sunset plans, renewals.
 */
import { join, resolve } from 'node:path';
import type { UsageFlags } from '../cli.js';
import { UsageAggregator } from '../engine/aggregate.js';
import { displayPath, matchKeys } from '../load/catalog.js';
import { expandPaths } from '../load/files.js';
import type { LoadedPolicy } from '../load/policy.js';
import { loadRoster } from '../load/roster/index.js';
import { BUILTIN_FORMATS, readUsageFile } from '../load/usage/read.js';
import type { CustomFormat } from '../load/usage/types.js';
import { dayOf, SchoolCalendar } from '../model/calendar.js';
import { usageError } from '../model/errors.js';
import type { Product } from '../model/product.js';
import type { InputReport } from '../model/types.js';
import { FORMATS_BY_COMMAND, loadReporter } from '../reporters/index.js';
import { buildReport, exitStatusOf, type UsageResults } from '../report/build.js';
import { RULES } from '../rules/index.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { ProductCounts } from '../engine/usage.js';
import { asOfDate, catalogFor, checkAsOfFlag, chooseFormat, deliver, loadBaseline, policyFor, printWarnings, vettingInputs, VERSION } from './common.js';
import type { CommandContext, CommandResult } from './context.js';

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

/** Read every export into per-product counts. */
export async function readUsage(
  ctx: CommandContext,
  lp: LoadedPolicy,
  products: Product[],
  asOf: string,
  files: string[],
  rosterPath: string | undefined,
  forcedFormat: string | undefined,
): Promise<UsageResults> {
  const policy = lp.policy;
  const custom = customFormats(lp);
  if (forcedFormat && !BUILTIN_FORMATS.includes(forcedFormat) && !custom.some((f) => f.name === forcedFormat)) {
    throw usageError(`unknown --usage-format '${forcedFormat}'; expected one of: ${[...custom.map((f) => f.name), ...BUILTIN_FORMATS].join(', ')}`);
  }
  const roster = rosterPath ? await loadRoster(displayPath(resolve(ctx.cwd, rosterPath), ctx.cwd)) : null;
  const index = new Map<string, number>();
  products.forEach((p, i) => {
    for (const k of matchKeys(p)) if (!index.has(k)) index.set(k, i);
  });
  const match = (app: string, appId: string | undefined): number => {
    const i = index.get(app.trim().toLowerCase());
    if (i !== undefined) return i;
    if (appId !== undefined) {
      const j = index.get(appId.trim().toLowerCase());
      if (j !== undefined) return j;
    }
    return -1;
  };
  const teacherPattern = policy.usage.teacher_pattern ? new RegExp(policy.usage.teacher_pattern, 'i') : null;
  const agg = new UsageAggregator({ roster, match, productCount: products.length, teacherPattern });
  const asOfDay = dayOf(asOf);
  const inputs: InputReport[] = [];
  for (const abs of files) {
    const shown = displayPath(abs, ctx.cwd);
    const started = Date.now();
    const report = await readUsageFile(abs, {
      customFormats: custom,
      forcedFormat,
      timezone: policy.usage.timezone,
      dateOrder: policy.usage.date_order,
      asOfDay,
      sink: agg,
      displayPath: shown,
      onProgress: ctx.progress
        ? (bytes, total, rows) => {
            const secs = Math.max(0.001, (Date.now() - started) / 1000);
            const mbs = bytes / 1e6 / secs;
            const eta = total > bytes && bytes > 0 ? ((total - bytes) * secs) / bytes : 0;
            ctx.status(`reading ${shown}: ${rows.toLocaleString('en-US')} rows, ${mbs.toFixed(1)} MB/s, ETA ${eta.toFixed(0)} s`);
          }
        : undefined,
    });
    ctx.status('');
    inputs.push(report);
  }
  const cal = new SchoolCalendar(policy.calendar ? { terms: policy.calendar.terms.map((t) => ({ name: t.name ?? '', start: t.start, end: t.end })), closed: policy.calendar.closed } : null);
  const activeFrom = cal.windowStart(asOfDay, policy.usage.active_window_days);
  const semesterFrom = cal.windowStart(asOfDay, policy.usage.semester_days);
  const counts = new Map<string, ProductCounts>();
  const inUse = new Map<string, boolean>();
  products.forEach((p, i) => {
    const m = p.manifest;
    const twa = roster ? roster.teachersWithAccess(m.schools ?? null, p.grades) : null;
    counts.set(p.id, agg.figures(i, { activeFrom, semesterFrom, teachersWithAccess: twa, licensedTeachers: m.usage?.licensed_teachers ?? null, schools: m.schools ?? null }));
    inUse.set(p.id, m.deployed_on ? dayOf(m.deployed_on) <= asOfDay && cal.schoolDaysBetween(dayOf(m.deployed_on), asOfDay) >= policy.usage.semester_days : false);
  });
  return { counts, inUseForSemester: inUse, inputs, unmatchedApps: agg.unmatchedApps(20) };
}

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
  if (command !== 'audit' && usagePaths.length === 0) throw usageError(`\`edvet ${command}\` needs --usage FILE (a usage export or a folder of them)`);
  if (rosterPath && usagePaths.length === 0) throw usageError('--roster is used with --usage: give the usage exports too');
  const lp = policyFor(ctx, [catalogPath]);
  const asOf = asOfDate(ctx, lp);
  const catalog = catalogFor(ctx, [catalogPath]);
  const files = usagePaths.length ? findUsageFiles(usagePaths, ctx.cwd) : [];
  const usage = files.length ? await readUsage(ctx, lp, catalog.products, asOf, files, rosterPath, flags.usageFormat) : null;
  const warnings = [...catalog.warnings];
  if (usage?.inputs.some((i) => i.format === 'moodle-log')) {
    warnings.push('moodle-log exports name users by display name, which is not unique: two people with the same name count as one user');
  }
  for (const i of usage?.inputs ?? []) {
    const bad = Object.values(i.bad).reduce((a, b) => a + b, 0);
    if (bad > 0) warnings.push(`${i.path}: ${bad} row${bad === 1 ? '' : 's'} could not be read (${Object.entries(i.bad).map(([k, v]) => `${k}: ${v}`).join(', ')}); first at line ${i.firstBad[0]?.line ?? '?'}`);
  }
  const rules = RULES.filter((r) => r.kind === 'vetting' || (usage && r.kind === 'usage') || (r.kind === 'contract' && command !== 'usage'));
  const report = buildReport({
    command,
    asOf,
    version: VERSION,
    policy: lp,
    products: catalog.products,
    rules,
    usage,
    renewals: true,
    warnings,
    baseline: loadBaseline(ctx),
  });
  printWarnings(ctx, report);
  const text = (await loadReporter(format))(report, { color: ctx.color, failOn: ctx.failOn, cwd: ctx.cwd });
  return { stdout: deliver(ctx, text, [...vettingInputs(ctx, catalog.products, lp), ...files, ...(rosterPath ? [rosterPath] : [])]), exitCode: exitStatusOf(report, ctx.failOn) };
}

