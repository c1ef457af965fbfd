/**
 * Errors are values with a kind. Only src/cli.ts turns them into text and an
 * exit status: `usage` and `input` exit 2 without a stack trace, `internal`
 * exits 2 with one only under EDVET_DEBUG=1. Messages are built with the
 * input's text as it is; formatProblem (and cli.ts for every stderr line)
 * escapes it on the way out (escape.ts).
 */
import { escapeLine } from './escape.js';

export type ErrorKind = 'usage' | 'input' | 'internal';

/** One thing wrong with an input, located as precisely as the input allows. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export class EdvetError extends Error {
  readonly kind: ErrorKind;
  readonly problems: Problem[];
  constructor(kind: ErrorKind, problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.kind = kind;
    this.problems = problems;
  }
}

/** A bad flag, an unknown command or format: the user typed something wrong. */
export function usageError(message: string): EdvetError {
  return new EdvetError('usage', [{ message }]);
}

/** A file that cannot be read as what it should be. */
export function inputError(problem: Problem | Problem[]): EdvetError {
  return new EdvetError('input', Array.isArray(problem) ? problem : [problem]);
}

/**
 * `file:line:col: message` as one line safe for a terminal or a CI log (the
 * file name and message escaped by escapeLine), leaving out the parts a
 * problem does not have.
 */
export function formatProblem(p: Problem): string {
  let where = p.file ?? '';
  if (p.file !== undefined && p.line !== undefined) {
    where += `:${p.line}`;
    if (p.column !== undefined) where += `:${p.column}`;
  }
  return escapeLine(where ? `${where}: ${p.message}` : p.message);
}
