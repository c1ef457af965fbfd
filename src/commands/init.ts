/** `edvet init [DIR]`: a starter catalog, policy and CI workflow; never overwrites a file. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { displayPath } from '../load/catalog.js';
import { inputError } from '../model/errors.js';
import type { CommandContext, CommandResult } from './context.js';
import { STARTER_MANIFEST_QUIZ, STARTER_MANIFEST_READER, STARTER_POLICY, STARTER_WORKFLOW } from './init-templates.js';
import { writeAtomic } from './write.js';

export async function runInit(ctx: CommandContext, dir: string): Promise<CommandResult> {
  const root = resolve(ctx.cwd, dir);
  const files: [string, string][] = [
    ['edvet.policy.yaml', STARTER_POLICY],
    [join('catalog', 'example-reader.yaml'), STARTER_MANIFEST_READER],
    [join('catalog', 'example-quiz.yaml'), STARTER_MANIFEST_QUIZ],
    [join('.github', 'workflows', 'edvet.yml'), STARTER_WORKFLOW],
  ];
  const existing = files.filter(([f]) => existsSync(join(root, f)));
  if (existing.length) {
    throw inputError(existing.map(([f]) => ({ file: displayPath(join(root, f), ctx.cwd), message: 'already exists; edvet init never overwrites a file (move it away or choose another folder)' })));
  }
  const lines: string[] = [];
  for (const [f, text] of files) {
    const abs = join(root, f);
    mkdirSync(dirname(abs), { recursive: true });
    writeAtomic(abs, text, ctx.cwd);
    lines.push(`wrote ${displayPath(abs, ctx.cwd)}`);
  }
  lines.push('', `Next: cd ${dir} && edvet vet catalog`);
  return { stdout: `${lines.join('\n')}\n`, exitCode: 0 };
}
