/**
 * What every command receives from src/cli.ts: the parsed flags plus the
 * outside world (working folder, clock reading, terminal facts) as plain
 * values, so nothing below the CLI reads process state.
 */

export type FailOn = 'fail' | 'warn' | 'never';

export interface CommandContext {
  cwd: string;
  /** The moment the run started (the CLI's one clock reading). */
  now: Date;
  /** A monotonic clock in milliseconds, for progress rates only (never for dates). */
  clock(): number;
  policy?: string;
  asOf?: string;
  format?: string;
  output?: string;
  failOn: FailOn;
  baseline?: string;
  tool: string[];
  color: boolean;
  /** Show progress lines on stderr (a terminal, not CI, not --quiet). */
  progress: boolean;
  /** Print one line to stderr (warnings, progress, what was written). */
  stderr(line: string): void;
  /** Rewrite the current stderr line (progress); no-op when not a terminal. */
  status(line: string): void;
}

/** Text for stdout: whole, or in pieces to write in order (rendered as they are written; see renderPieces). */
export type Output = string | Iterable<string>;

/** What a command hands back: the text for stdout (unless written to --output) and the exit status. */
export interface CommandResult {
  stdout: Output;
  exitCode: 0 | 1 | 2;
}
