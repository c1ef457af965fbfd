/** `edvet letters`: one vendor rejection letter per rejected product, written into --out-dir. */
import { lstatSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError } from '../model/errors.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { letterFileName, renderLetter } from '../reporters/letters.js';
import { chooseFormat } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { vettingReport } from './vet.js';
import { makeFolder, writeAtomic } from './write.js';

export async function runLetters(ctx: CommandContext, flags: { catalog: string; outDir: string; force?: boolean }): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'letters', FORMATS_BY_COMMAND.letters);
  const { report } = vettingReport(ctx, 'letters', [flags.catalog], (lp) =>
    lp.policy.district?.name ? [] : ['the policy names no district (district.name): letters are signed "the district"'],
  );
  const outDir = resolve(ctx.cwd, flags.outDir);
  const dirState = statOrNull(outDir, flags.outDir);
  if (dirState && !dirState.isDirectory()) throw inputError({ file: flags.outDir, message: 'this is a file; expected a folder for --out-dir' });
  const ext = format === 'html' ? 'html' : 'md';
  const planned = report.products
    .filter((p) => p.verdict === 'rejected')
    .map((p) => {
      const target = resolve(outDir, letterFileName(p.vendor, p.id, ext));
      // Why: a file name derived from vendor data must never leave --out-dir (path traversal).
      const rel = relative(outDir, target);
      if (rel.startsWith('..') || rel.includes(sep)) throw inputError({ message: `refusing to write a letter outside ${flags.outDir}` });
      return { product: p, target };
    });
  const clashes = new Set<string>();
  for (const { target } of planned) {
    if (clashes.has(target)) throw inputError({ file: displayPath(target, ctx.cwd), message: 'two rejected products would share this letter file name' });
    clashes.add(target);
  }
  // Anything already at a letter's path counts, a dangling symbolic link included.
  const existing = planned.filter((x) => lstatOrNull(x.target, displayPath(x.target, ctx.cwd)) !== null);
  if (existing.length && !flags.force) {
    throw inputError(existing.map((x) => ({ file: displayPath(x.target, ctx.cwd), message: 'a letter already exists here; use --force to replace it' })));
  }
  makeFolder(outDir, ctx.cwd);
  const lines: string[] = [];
  for (const { product, target } of planned) {
    writeAtomic(target, renderLetter(product, report, format), ctx.cwd, 'letter');
    lines.push(`wrote ${displayPath(target, ctx.cwd)}`);
  }
  const n = planned.length;
  lines.push(n === 0 ? 'no product was rejected: no letter written' : `${n} letter${n === 1 ? '' : 's'} written`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** `stat` of a path, null when it does not exist; any other failure is an input error naming it. */
function statOrNull(abs: string, shown: string) {
  try {
    return statSync(abs);
  } catch (e) {
    return missingOr(e, shown);
  }
}

/** `lstat` of a path (a link itself, not its target), null when nothing is there. */
function lstatOrNull(abs: string, shown: string) {
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
