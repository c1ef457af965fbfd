/**
 * The reporter registry: one pure renderer per output format, and which
 * formats each command offers (reports.md, "Formats by command").
 */
import type { FormatName, Reporter } from './types.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';
import { renderMarkdown } from './markdown.js';
import { renderCsv } from './csv.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderGithub } from './github.js';
import { renderHtml } from './html.js';

export type { FormatName, Reporter, ReporterOptions } from './types.js';
export { renderLetter, letterFileName } from './letters.js';

/** Every renderer by format name. */
export const REPORTERS: Record<FormatName, Reporter> = {
  table: renderTable,
  json: renderJson,
  markdown: renderMarkdown,
  csv: renderCsv,
  junit: renderJunit,
  sarif: renderSarif,
  github: renderGithub,
  html: renderHtml,
};

/** The formats each command accepts, the default first (`rules`/`explain` and `letters` are rendered elsewhere). */
export const FORMATS_BY_COMMAND: Record<string, FormatName[]> = {
  vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
  usage: ['table', 'json', 'markdown', 'csv', 'html'],
  sunset: ['table', 'json', 'markdown', 'csv', 'html'],
  validate: ['table', 'json'],
};
