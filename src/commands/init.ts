/** `edvet init [DIR]`: a starter catalog, policy and CI workflow; never overwrites a file. */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError } from '../model/errors.js';
import type { CommandContext, CommandResult } from './context.js';
import { STARTER_MANIFEST_QUIZ, STARTER_MANIFEST_READER, STARTER_POLICY, STARTER_WORKFLOW } from './init-templates.js';
import { makeFolder, writeAtomic } from './write.js';

export async function runInit(ctx: CommandContext, dir: string): Promise<CommandResult> {
  const root = resolve(ctx.cwd, dir);
  const files: [string, string][] = [
    ['edvet.policy.yaml', STARTER_POLICY],
    [join('catalog', 'example-reader.yaml'), STARTER_MANIFEST_READER],
    [join('catalog', 'example-quiz.yaml'), STARTER_MANIFEST_QUIZ],
    [join('.github', 'workflows', 'edvet.yml'), STARTER_WORKFLOW],
  ];
  const existing = files.filter(([f]) => present(join(root, f), displayPath(join(root, f), ctx.cwd)));
  if (existing.length) {
    throw inputError(existing.map(([f]) => ({ file: displayPath(join(root, f), ctx.cwd), message: 'already exists; edvet init never overwrites a file (move it away or choose another folder)' })));
  }
  const lines: string[] = [];
  for (const [f, text] of files) {
    const abs = join(root, f);
    makeFolder(dirname(abs), ctx.cwd);
    writeAtomic(abs, text, ctx.cwd);
    lines.push(`wrote ${displayPath(abs, ctx.cwd)}`);
  }
  lines.push('', `Next: cd ${dir} && edvet vet catalog`);
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
