/**
 * `edvet letters`: one vendor rejection letter per rejected product
 * (`--kind rejection`, the default), or one data-disposal request per product
 * whose privacy.data-deletion is warn or fail (`--kind deletion`,
 * privacy-laws.md §5), written into --out-dir. `--tool` narrows either kind.
 */
import { lstatSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError, usageError } from '../model/errors.js';
import type { ProductReport } from '../model/types.js';
import { deletionLetterOf } from '../report/deletion.js';
import { RULES } from '../rules/index.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { deletionLetterFileName, letterFileName, renderDeletionLetter, renderLetter } from '../reporters/letters.js';
import { chooseFormat } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { vettingReport } from './vet.js';
import { makeFolder, writeAtomic } from './write.js';

/** The kinds of letter (product.md: `letters [--kind rejection|deletion]`). */
export const LETTER_KINDS = ['rejection', 'deletion'] as const;

/** The rule a deletion letter follows. */
const DELETION_RULES = RULES.filter((r) => r.id === 'privacy.data-deletion');

export async function runLetters(ctx: CommandContext, flags: { catalog: string; outDir: string; force?: boolean; kind?: string }): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'letters', FORMATS_BY_COMMAND.letters);
  const kind = flags.kind ?? 'rejection';
  if (!(LETTER_KINDS as readonly string[]).includes(kind)) throw usageError(`unknown --kind '${kind}'; expected one of: ${LETTER_KINDS.join(', ')}`);
  const deletion = kind === 'deletion';
  const { report, lp, catalog } = vettingReport(
    ctx,
    'letters',
    [flags.catalog],
    (lp) => (lp.policy.district?.name ? [] : ['the policy names no district (district.name): letters are signed "the district"']),
    deletion ? DELETION_RULES : undefined,
  );
  const outDir = resolve(ctx.cwd, flags.outDir);
  const dirState = statOrNull(outDir, flags.outDir);
  if (dirState && !dirState.isDirectory()) throw inputError({ file: flags.outDir, message: 'this is a file; expected a folder for --out-dir' });
  const ext = format === 'html' ? 'html' : 'md';
  const byId = new Map(catalog.products.map((p) => [p.id, p]));
  const due = (p: ProductReport) => p.findings.find((f) => f.rule === 'privacy.data-deletion' && (f.status === 'warn' || f.status === 'fail'));
  const planned = report.products
    .filter((p) => (deletion ? due(p) !== undefined : p.verdict === 'rejected'))
    .map((p) => {
      const name = deletion ? deletionLetterFileName(p.vendor, p.id, ext) : letterFileName(p.vendor, p.id, ext);
      const text = () => (deletion ? renderDeletionLetter(deletionLetterOf(byId.get(p.id)!, due(p)!, report, lp.policy), format) : renderLetter(p, report, format));
      const target = resolve(outDir, name);
      // Why: a file name derived from vendor data must never leave --out-dir (path traversal).
      const rel = relative(outDir, target);
      if (rel.startsWith('..') || rel.includes(sep)) throw inputError({ message: `refusing to write a letter outside ${flags.outDir}` });
      return { product: p, target, text };
    });
  const clashes = new Set<string>();
  for (const { target } of planned) {
    if (clashes.has(target)) throw inputError({ file: displayPath(target, ctx.cwd), message: `two ${deletion ? 'products' : 'rejected products'} would share this letter file name` });
    clashes.add(target);
  }
  // Anything already at a letter's path counts, a dangling symbolic link included.
  const existing = planned.filter((x) => lstatOrNull(x.target, displayPath(x.target, ctx.cwd)) !== null);
  if (existing.length && !flags.force) {
    throw inputError(existing.map((x) => ({ file: displayPath(x.target, ctx.cwd), message: 'a letter already exists here; use --force to replace it' })));
  }
  makeFolder(outDir, ctx.cwd);
  const lines: string[] = [];
  for (const { target, text } of planned) {
    writeAtomic(target, text(), ctx.cwd, 'letter');
    lines.push(`wrote ${displayPath(target, ctx.cwd)}`);
  }
  const n = planned.length;
  const none = deletion ? 'no product has a deletion due or overdue: no letter written' : 'no product was rejected: no letter written';
  lines.push(n === 0 ? none : `${n} letter${n === 1 ? '' : 's'} written`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** `stat` of a path, null when it does not exist; any other failure is an input error naming it (shared with publish). */
export function statOrNull(abs: string, shown: string) {
  try {
    return statSync(abs);
  } catch (e) {
    return missingOr(e, shown);
  }
}

/** `lstat` of a path (a link itself, not its target), null when nothing is there. */
export function lstatOrNull(abs: string, shown: string) {
  try {
    return lstatSync(abs);
  } catch (e) {
    return missingOr(e, shown);
  }
}

function missingOr(e: unknown, shown: string): null {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return null;
  if (code === 'ENOTDIR') throw inputError({ file: shown, message: 'a part of this path is a file, not a folder; expected a folder for --out-dir' });
  throw inputError({ file: shown, message: `cannot look at this path: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'a system error'} (${code ?? 'unknown'})` });
}
