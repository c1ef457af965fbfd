/**
 * Reading a large usage export on several cores (usage.md "Streaming",
 * quality.md "Speed and memory"). A plain UTF-8 file (with or without BOM,
 * not gzip, not UTF-16) whose header line holds no quote is cut into ranges
 * just after line feeds; each range is read by a worker thread (./ranges.ts)
 * into a users × apps summary; the summaries are merged into the sink in file
 * order. The result is exactly the one-thread result:
 * - a line feed inside a quoted field is not a record end: range k reads on
 *   past its cut to the first record that starts at or after it, and when
 *   that is not the cut, range k+1 is read again from there (rare);
 * - line numbers are true file lines: each range counts from its start, and
 *   is shifted by the line where the range before it stopped;
 * - counts add up, reasons keep their order of first appearance in the file,
 *   the first ten bad rows are the first ten of the ranges in order;
 * - any failure (an input error, too many users × apps, no worker threads)
 *   returns null and the file is read again on one thread, which reproduces
 *   the error where there is one. Nothing reaches the sink before every range
 *   has been read.
 */
import { open, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../../paths.js';
import { looksLikeBomlessUtf16 } from '../csv/source.js';
import { FIRST_BAD_MAX, type FileCounts } from './rows.js';
import { roleOfStrength } from '../../model/roles.js';
import { readRange, type RangeResult, type RangeTask } from './ranges.js';
import type { InternedUsageSink, ReadUsageOptions } from './types.js';

/** Files below this size are read on one thread (a worker costs ~50 ms to start). */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
const DEFAULT_THREADS = 2;
const DEFAULT_CHUNK = 1024 * 1024;
/** Most users × apps entries of one range summary (4 bytes each). */
const MAX_ENTRIES = 16 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** The worker entry (the built JavaScript, also when this module runs from TypeScript source under a test runner). */
function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return pathToFileURL(join(PACKAGE_ROOT, 'dist', 'load', 'usage', 'worker.js'));
}

function runWorker(task: RangeTask, onProgress: (bytes: number, rows: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // No command-line options: a worker needs none, and a preloaded module (--import) must not run in it.
    const worker = new Worker(workerUrl(), { workerData: task, execArgv: [] });
    worker.on('message', (msg: { result?: RangeResult; error?: string; progress?: [number, number] }) => {
      if (msg.progress) {
        onProgress(msg.progress[0], msg.progress[1]);
        return;
      }
      settled = true;
      if (msg.result) resolve(msg.result);
      else reject(new Error(msg.error ?? 'range worker failed'));
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`range worker exited with code ${code}`));
      settled = true;
    });
  });
}

/** Where the file's data and header line start and end, or null when the file is not one the ranges can read. */
async function layout(path: string, size: number): Promise<{ dataStart: number; headerEnd: number } | null> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const h = head.subarray(0, bytesRead);
    if (h.length < 4) return null;
    if (h[0] === 0x1f && h[1] === 0x8b) return null; // gzip
    if ((h[0] === 0xff && h[1] === 0xfe) || (h[0] === 0xfe && h[1] === 0xff)) return null; // UTF-16
    if (h[0] === 0x50 && h[1] === 0x4b && h[2] === 3 && h[3] === 4) return null; // ZIP: the one-thread reader says so
    const dataStart = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 3 : 0;
    if (dataStart === 0 && looksLikeBomlessUtf16(h.subarray(0, 4096))) return null;
    const lf = h.indexOf(LF, dataStart);
    if (lf <= dataStart) return null;
    for (let i = dataStart; i < lf; i++) {
      const b = h[i];
      if (b === QUOTE || b === 0 || (b === CR && i !== lf - 1)) return null;
    }
    if (h[dataStart] === CR) return null;
    return { dataStart, headerEnd: lf + 1 };
  } finally {
    await fh.close();
  }
}

/** The offset just after the first line feed at or after `from`, or -1. */
async function nextLineStart(path: string, from: number, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    for (let pos = from; pos < size; pos += buf.length) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      const i = buf.subarray(0, bytesRead).indexOf(LF);
      if (i >= 0) return pos + i + 1;
    }
    return -1;
  } finally {
    await fh.close();
  }
}

/**
 * Reads `path` in ranges on worker threads and feeds the merged summaries to
 * `sink`. Null (nothing fed) when the file is not split: too small, not
 * plain UTF-8, a header line with quotes, or any failure of a range.
 */
export async function readUsageParallel(path: string, opts: ReadUsageOptions, file: string, sink: InternedUsageSink): Promise<FileCounts | null> {
  const po = opts.parallel || {};
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  if (size < (po.minBytes ?? PARALLEL_MIN_BYTES)) return null;
  const threads = Math.max(1, Math.floor(po.threads ?? DEFAULT_THREADS));
  if (threads < 2 && !po.inThread) return null;
  let lay: Awaited<ReturnType<typeof layout>>;
  try {
    lay = await layout(path, size);
  } catch {
    return null;
  }
  if (lay === null) return null;
  const { dataStart, headerEnd } = lay;

  // Cuts just after line feeds, strictly inside the data.
  const cuts: number[] = [];
  for (let k = 1; k < threads; k++) {
    const target = Math.max(headerEnd, dataStart + Math.floor(((size - dataStart) * k) / threads));
    const cut = await nextLineStart(path, target, size);
    if (cut > headerEnd && cut < size && (cuts.length === 0 || cut > cuts[cuts.length - 1])) cuts.push(cut);
  }
  if (cuts.length === 0) return null;

  const task = (start: number, stopAt: number): RangeTask => ({
    path,
    file,
    customFormats: opts.customFormats,
    roleByOrgUnit: opts.roleByOrgUnit,
    forcedFormat: opts.forcedFormat,
    timezone: opts.timezone,
    dateOrder: opts.dateOrder,
    asOfDay: opts.asOfDay,
    dataStart,
    headerEnd,
    start,
    stopAt,
    fileSize: size,
    chunkSize: po.chunkSize ?? DEFAULT_CHUNK,
    maxEntries: MAX_ENTRIES,
  });
  const starts = [dataStart, ...cuts];
  // Progress: bytes and rows read so far by each range.
  const progress = starts.map(() => [0, 0]);
  const onProgress = opts.onProgress;
  const report = (k: number) => (bytes: number, rows: number) => {
    if (!onProgress || k >= progress.length) return;
    progress[k] = [bytes, rows];
    onProgress(
      progress.reduce((n, p) => n + p[0], 0),
      size,
      progress.reduce((n, p) => n + p[1], 0),
    );
  };
  const run = (t: RangeTask, k: number): Promise<RangeResult> =>
    po.inThread ? Promise.resolve().then(() => readRange(t, report(k))) : runWorker(t, report(k));
  const stops = [...cuts, -1];
  const pending = starts.map((s, k) => run(task(s, stops[k]), k));
  // Keep every rejection handled; a range that is not needed may fail.
  const settled = pending.map((p) => p.then((r) => ({ r }), (e: unknown) => ({ e })));

  const results: RangeResult[] = [];
  let expected = dataStart;
  try {
    for (let k = 0; k < starts.length && expected < size; k++) {
      let s = await settled[k];
      if (starts[k] !== expected) {
        // The range before ran past this cut (a quoted line break): read this one again from where it stopped.
        const stop = k + 1 < stops.length && stops[k] > expected ? stops[k] : -1;
        s = await run(task(expected, stop), k).then((r) => ({ r }), (e: unknown) => ({ e }));
      }
      if (!('r' in s)) return null;
      results.push(s.r);
      expected = s.r.end;
    }
  } finally {
    await Promise.all(settled);
  }
  if (expected < size) return null;
  if (onProgress) onProgress(size, size, results.reduce((n, r) => n + r.rows, 0));
  return merge(results, sink);
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [reason, n] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + n;
}

/** Merges range results (in file order) into the file's counts, and their summaries into the sink. */
function merge(results: RangeResult[], sink: InternedUsageSink): FileCounts {
  const first = results[0];
  const counts: FileCounts = {
    format: first.format,
    headerLine: first.headerLine,
    rows: 0,
    used: 0,
    skipped: {},
    bad: {},
    firstBad: [],
    firstDay: null,
    lastDay: null,
  };
  // Every user of the largest range is coming: the sink can size its state once instead of growing it.
  sink.reserveUsers?.(Math.max(...results.map((r) => r.users.length)));
  // True line of range k's first record: where range k-1 stopped.
  let lineAtStart = 1;
  for (const r of results) {
    const shift = lineAtStart - r.firstLine;
    counts.rows += r.rows;
    counts.used += r.used;
    addCounts(counts.skipped, r.skipped);
    addCounts(counts.bad, r.bad);
    for (const b of r.firstBad) if (counts.firstBad.length < FIRST_BAD_MAX) counts.firstBad.push({ line: b.line + shift, reason: b.reason });
    lineAtStart = r.endLine + shift;
    if (r.firstDay != null && (counts.firstDay == null || r.firstDay < counts.firstDay)) counts.firstDay = r.firstDay;
    if (r.lastDay != null && (counts.lastDay == null || r.lastDay > counts.lastDay)) counts.lastDay = r.lastDay;

    // User by user (the sink's per-user state is then written in order, not app by app across all users).
    const apps = new Int32Array(r.apps.length);
    for (let a = 0; a < r.apps.length; a++) apps[a] = sink.appHandle(r.apps[a].app, r.apps[a].appId);
    // An app's rows go with its first call.
    const rowsLeft = r.appRows.slice();
    const state = r.state;
    const base = r.dayBase;
    for (let u = 0; u < r.users.length; u++) {
      const user = sink.userHandle(r.users[u]);
      const role = roleOfStrength(r.roles[u]);
      for (let a = 0; a < apps.length; a++) {
        const v = state[a][2 * u];
        if (v === 0) continue;
        sink.addInterned(base + v, user, apps[a], role, rowsLeft[a], state[a][2 * u + 1]);
        rowsLeft[a] = 0;
      }
    }
  }
  return counts;
}
