/** `edvet init [DIR]`: a starter catalog, policy, CI workflow and the edvet package it installs; never overwrites a file. */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError } from '../model/errors.js';
import type { CommandContext, CommandResult } from './context.js';
import { PACKAGE_DIR, PACKAGE_FILE, packSelf } from './init-package.js';
import { STARTER_MANIFEST_QUIZ, STARTER_MANIFEST_READER, STARTER_POLICY, starterWorkflow } from './init-templates.js';
import { makeFolder, writeAtomic } from './write.js';

/** A path as a POSIX shell word: as is when it is plain, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Write the starter files into `dir` (refusing if any exists) and say what comes next. */
export async function runInit(ctx: CommandContext, dir: string): Promise<CommandResult> {
  const root = resolve(ctx.cwd, dir);
  const pkg = join(PACKAGE_DIR, PACKAGE_FILE);
  const files: [string, () => string | Uint8Array][] = [
    ['edvet.policy.yaml', () => STARTER_POLICY],
    [join('catalog', 'example-reader.yaml'), () => STARTER_MANIFEST_READER],
    [join('catalog', 'example-quiz.yaml'), () => STARTER_MANIFEST_QUIZ],
    [join('.github', 'workflows', 'edvet.yml'), () => starterWorkflow(pkg.split('\\').join('/'))],
    [pkg, () => packSelf()],
  ];
  const existing = files.filter(([f]) => present(join(root, f), displayPath(join(root, f), ctx.cwd)));
  if (existing.length) {
    throw inputError(existing.map(([f]) => ({ file: displayPath(join(root, f), ctx.cwd), message: 'already exists; edvet init never overwrites a file (move it away or choose another folder)' })));
  }
  const lines: string[] = [];
  for (const [f, content] of files) {
    const abs = join(root, f);
    makeFolder(dirname(abs), ctx.cwd);
    writeAtomic(abs, content(), ctx.cwd);
    lines.push(`wrote ${displayPath(abs, ctx.cwd)}`);
  }
  const where = displayPath(root, ctx.cwd);
  lines.push('', `Next: ${where === '.' ? '' : `cd ${shellWord(where)} && `}edvet vet catalog`, `Commit ${pkg.split('\\').join('/')} with the workflow: CI installs edvet from it.`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}

/** Whether anything (a file, a folder, a dangling symbolic link) is at `abs`; a failure to look is an input error. */
function present(abs: string, shown: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code === 'ENOTDIR') throw inputError({ file: shown, message: 'a part of this path is a file, not a folder; choose another folder for edvet init' });
    throw inputError({ file: shown, message: `cannot look at this path: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : 'a system error'} (${code ?? 'unknown'})` });
  }
}
