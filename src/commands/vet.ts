/** `edvet vet [PATH...]`: vet manifests against the policy; one verdict per product. */
import { FORMATS_BY_COMMAND, renderPieces } from '../reporters/index.js';
import { buildReport, exitStatusOf } from '../report/build.js';
import type { Rule } from '../rules/define.js';
import { RULES } from '../rules/index.js';
import { asOfDate, catalogFor, checkAsOfFlag, chooseFormat, deliver, loadBaseline, policyFor, printWarnings, vettingInputs, VERSION } from './common.js';
import type { LoadedPolicy } from '../load/policy.js';
import type { CommandContext, CommandResult } from './context.js';

/** The vetting rules, in report order. */
export const VETTING_RULES = RULES.filter((r) => r.kind === 'vetting');

/** Load the policy and catalog under `paths` and vet them (or run `rules`): the report `vet` and `letters` render. */
export function vettingReport(ctx: CommandContext, command: string, paths: readonly string[], warn?: (lp: LoadedPolicy) => string[], rules: readonly Rule[] = VETTING_RULES) {
  checkAsOfFlag(ctx);
  const lp = policyFor(ctx, paths);
  const asOf = asOfDate(ctx, lp);
  const catalog = catalogFor(ctx, paths);
  const report = buildReport({
    command,
    asOf,
    version: VERSION,
    policy: lp,
    products: catalog.products,
    catalogIds: new Set(catalog.all.map((p) => p.id)),
    rules,
    usage: null,
    renewals: false,
    warnings: [...catalog.warnings, ...(warn?.(lp) ?? [])],
    baseline: loadBaseline(ctx),
  });
  printWarnings(ctx, report);
  return { report, lp, catalog };
}

export async function runVet(ctx: CommandContext, paths: string[]): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'vet', FORMATS_BY_COMMAND.vet);
  const { report, lp, catalog } = vettingReport(ctx, 'vet', paths.length ? paths : ['.']);
  const text = await renderPieces(format, report, { color: ctx.color, failOn: ctx.failOn, cwd: ctx.cwd });
  return { stdout: deliver(ctx, text, vettingInputs(ctx, catalog.products, lp)), exitCode: exitStatusOf(report, ctx.failOn) };
}
