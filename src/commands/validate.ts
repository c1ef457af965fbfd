/** `edvet validate [PATH...]`: schema check of manifests and the policy; every error with file, line and column. */
import { EdvetError, formatProblem, type Problem } from '../model/errors.js';
import { FORMATS_BY_COMMAND } from '../reporters/index.js';
import { VERSION, catalogFor, chooseFormat, deliver, policyFor } from './common.js';
import type { CommandContext, CommandResult } from './context.js';

export async function runValidate(ctx: CommandContext, paths: string[]): Promise<CommandResult> {
  const format = chooseFormat(ctx, 'validate', FORMATS_BY_COMMAND.validate);
  const targets = paths.length ? paths : ['.'];
  const errors: Problem[] = [];
  const warnings: string[] = [];
  let policySource = 'defaults';
  const read: string[] = [...targets];
  let products = 0;
  const collect = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof EdvetError && e.kind === 'input') errors.push(...e.problems);
      else throw e;
    }
  };
  collect(() => {
    policySource = policyFor(ctx, targets).source;
    if (policySource !== 'defaults') read.push(policySource);
  });
  collect(() => {
    const cat = catalogFor(ctx, targets);
    products = cat.products.length;
    warnings.push(...cat.warnings);
  });
  for (const w of warnings) ctx.stderr(`warning: ${w}`);
  const valid = errors.length === 0;
  let text: string;
  if (format === 'json') {
    text = `${JSON.stringify(
      {
        schemaVersion: 1,
        generator: { name: 'edvet', version: VERSION },
        command: 'validate',
        valid,
        policy: { source: policySource },
        products,
        errors: errors.map((p) => ({ file: p.file ?? null, line: p.line ?? null, column: p.column ?? null, message: p.message })),
        warnings,
      },
      null,
      2,
    )}\n`;
  } else {
    text = valid
      ? `valid: ${products} product${products === 1 ? '' : 's'}, policy ${policySource}\n`
      : `${errors.map((p) => `${formatProblem(p)}\n`).join('')}${errors.length} error${errors.length === 1 ? '' : 's'}\n`;
  }
  if (!valid) ctx.stderr(`edvet: validation failed with ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  return { stdout: deliver(ctx, text, read), exitCode: valid ? 0 : 2 };
}
