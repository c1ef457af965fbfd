/**
 * The reporter registry: one pure renderer per output format, and which
 * formats each command offers (reports.md, "Formats by command").
 */
import type { FormatName, Reporter } from './types.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';

export type { FormatName, Reporter, ReporterOptions } from './types.js';

const notYet = (name: string): Reporter => () => {
  throw new Error(`the ${name} reporter is not implemented yet`);
};

/** Every renderer by format name. */
export const REPORTERS: Record<FormatName, Reporter> = {
  table: renderTable,
  json: renderJson,
  markdown: notYet('markdown'),
  csv: notYet('csv'),
  junit: notYet('junit'),
  sarif: notYet('sarif'),
  github: notYet('github'),
  html: notYet('html'),
};

/** The formats each command accepts, the default first (`rules`/`explain` and `letters` are rendered elsewhere). */
export const FORMATS_BY_COMMAND: Record<string, FormatName[]> = {
  vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  usage: ['table', 'json', 'markdown', 'csv', 'html'],
  sunset: ['table', 'json', 'markdown', 'csv', 'html'],
  validate: ['table', 'json'],
};
