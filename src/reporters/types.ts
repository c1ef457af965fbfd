/**
 * The reporter contract: a pure function from the report model and a few
 * display options to the text of one output format.
 */
import type { Report } from '../model/types.js';

/** Every output format a reporter exists for (reports.md, "Formats by command"). */
export type FormatName = 'table' | 'json' | 'markdown' | 'csv' | 'junit' | 'sarif' | 'github' | 'html';

/** Display options; reporters never read the environment themselves. */
export interface ReporterOptions {
  /** ANSI colour in terminal output (table only). */
  color: boolean;
  /** `--fail-on`: JUnit reports a warn as a failure only when this is `warn`. */
  failOn: 'fail' | 'warn' | 'never';
  /** Working directory; SARIF and github paths are made relative to it. */
  cwd: string;
  /** Terminal width for the table format; 100 when absent. */
  width?: number;
}

/** Renders a report; pure, no I/O, never computes a figure the model lacks. */
export type Reporter = (report: Report, options: ReporterOptions) => string;
