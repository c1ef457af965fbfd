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

export { FORMATS_BY_COMMAND } from './formats.js';
