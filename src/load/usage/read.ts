/**
 * Reads one usage export (usage.md): streams the file once, detects its
 * format from the header, turns each row into a sign-in for the sink
 * (./rows.ts), and accounts for every row (used, skipped by reason, bad by
 * reason with the first ten bad lines). No message ever quotes a row's content.
 */
import { inputError } from '../../model/errors.js';
import type { InputReport } from '../../model/types.js';
import { CsvRecordReader } from '../csv/records.js';
import { readTextChunks } from '../csv/source.js';
import { rowKindOf } from './formats.js';
import { readUsageParallel } from './parallel.js';
import { countsOf, UsageRowHandler, type FileCounts } from './rows.js';
import { isInternedSink, type ReadUsageOptions } from './types.js';

/** The built-in format names, in detection order (re-exported from ./formats.ts). */
export { BUILTIN_FORMATS, rowKindOf } from './formats.js';
/** Role normalisation of usage.md (re-exported from src/model/roles.ts). */
export { normaliseRole } from '../../model/roles.js';
/** "None" values and the bad-row list length (re-exported from ./rows.ts). */
export { FIRST_BAD_MAX, isNoneBytes, isNoneValue } from './rows.js';

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
}

/** One thread, one pass over the stream (any encoding, gzip or not). */
async function readSequential(path: string, opts: ReadUsageOptions, file: string): Promise<FileCounts> {
  const handler = new UsageRowHandler(opts, file);
  const reader = new CsvRecordReader(handler, { file });
  const onProgress = opts.onProgress;
  await readTextChunks(path, {
    file,
    chunkSize: opts.parallel ? opts.parallel.chunkSize : undefined,
    onChunk: (chunk) => reader.push(chunk),
    onProgress: onProgress ? (bytesRead, total) => onProgress(bytesRead, total, handler.rows) : undefined,
  });
  reader.end();
  if (handler.plan === null) throw inputError({ file, message: 'the file is empty (no header row)' });
  return countsOf(handler);
}

/**
 * Reads the usage export at `path` in one streaming pass: detects encoding,
 * compression, delimiter and format, gives the sink every used sign-in, and
 * returns the file's accounting. A large plain UTF-8 file read into an
 * {@link InternedUsageSink} is split into ranges read by worker threads
 * (./parallel.ts) with exactly the same result. Throws an input error (naming
 * the file, and the line where there is one) for an empty file, a header
 * alone, a header that matches no format, UTF-16 without a BOM, or a file in
 * which no row can be used; a usage error for an unknown forced format.
 */
export async function readUsageFile(path: string, opts: ReadUsageOptions): Promise<InputReport> {
  const file = opts.displayPath ?? path;
  let counts: FileCounts | null = null;
  if (opts.parallel !== false && isInternedSink(opts.sink)) counts = await readUsageParallel(path, opts, file, opts.sink);
  if (counts === null) counts = await readSequential(path, opts, file);
  if (counts.rows === 0) throw inputError({ file, line: counts.headerLine, message: 'no data rows after the header' });
  if (counts.used === 0) {
    const parts = [describeCounts(counts.bad), describeCounts(counts.skipped)].filter((x) => x !== '');
    const where = counts.firstBad.length > 0 ? `; first bad lines: ${counts.firstBad.map((b) => b.line).join(', ')}` : '';
    throw inputError({
      file,
      message: `no usable sign-in in ${counts.rows} row${counts.rows === 1 ? '' : 's'} (${parts.join('; ')})${where}`,
    });
  }
  return {
    path: file,
    format: counts.format,
    rows: counts.rows,
    used: counts.used,
    skipped: counts.skipped,
    bad: counts.bad,
    firstBad: counts.firstBad,
    kind: rowKindOf(counts.format),
    firstDay: counts.firstDay ?? null,
    lastDay: counts.lastDay ?? null,
  };
}
