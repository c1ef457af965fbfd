/** `edvet letters`: one vendor rejection letter per rejected product, written into --out-dir. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError } from '../model/errors.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { letterFileName, renderLetter } from '../reporters/letters.js';
import { chooseFormat } from './common.js';
import type { CommandContext, CommandResult } from './context.js';
import { vettingReport } from './vet.js';
import { writeAtomic } from './write.js';

export async function runLetters(ctx: CommandContext, flags: { catalog: string; outDir: string; force?: boolean }): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'letters', FORMATS_BY_COMMAND.letters);
  const { report } = vettingReport(ctx, 'letters', [flags.catalog], (lp) =>
    lp.policy.district?.name ? [] : ['the policy names no district (district.name): letters are signed "the district"'],
  );
  const outDir = resolve(ctx.cwd, flags.outDir);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw inputError({ file: flags.outDir, message: 'this is a file; expected a folder for --out-dir' });
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
  const existing = planned.filter((x) => existsSync(x.target));
  if (existing.length && !flags.force) {
    throw inputError(existing.map((x) => ({ file: displayPath(x.target, ctx.cwd), message: 'a letter already exists here; use --force to replace it' })));
  }
  mkdirSync(outDir, { recursive: true });
  const lines: string[] = [];
  for (const { product, target } of planned) {
    writeAtomic(target, renderLetter(product, report, format), ctx.cwd);
    lines.push(`wrote ${displayPath(target, ctx.cwd)}`);
  }
  const n = planned.length;
  lines.push(n === 0 ? 'no product was rejected: no letter written' : `${n} letter${n === 1 ? '' : 's'} written`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}
