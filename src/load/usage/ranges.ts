/**
 * Reading one byte range of a plain UTF-8 usage export (the work of one
 * thread of ./parallel.ts): the header line is read first (so the range is
 * read with the file's format), then the range, from `start` to the first
 * record that starts at or after `stopAt`. Sign-ins are summarised per user
 * and app (last day, highest role, rows per app), which is all the
 * aggregation needs (usage.md "Scale").
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { CsvRecordReader } from '../csv/records.js';
import { ROLE_STRENGTH, type Role } from '../../model/roles.js';
import { countsOf, UsageRowHandler, type FileCounts } from './rows.js';
import type { CustomFormat, InternedUsageSink, ReadUsageOptions } from './types.js';

/** What a range thread is given (structured-clonable). */
export interface RangeTask {
  path: string;
  /** How the file is named in errors. */
  file: string;
  customFormats: CustomFormat[];
  forcedFormat?: string;
  timezone: string;
  dateOrder: 'mdy' | 'dmy';
  roleByOrgUnit?: ReadUsageOptions['roleByOrgUnit'];
  asOfDay: number;
  /** First byte after a BOM. */
  dataStart: number;
  /** First byte after the header line (which holds no quote and is not preceded by empty lines). */
  headerEnd: number;
  /** First byte of the range: `dataStart`, or a record start. */
  start: number;
  /** Stop at the first record starting at or after this file offset (-1: read to the end). */
  stopAt: number;
  fileSize: number;
  /** Reads are aligned to multiples of it, as the one-thread reader's are. */
  chunkSize: number;
  /** Most users × apps entries of the summary; past it the range fails (the caller reads on one thread). */
  maxEntries: number;
}

/** A range's accounting and summary (structured-clonable; the day arrays are transferable). */
export interface RangeResult extends FileCounts {
  start: number;
  /** File offset of the first record not read (where the range stopped), or the file size. */
  end: number;
  /** Line number, as this range counts them, of the record at `end`. */
  endLine: number;
  /** Line number, as this range counts them, of its first record (1 for the first range: the header's). */
  firstLine: number;
  users: string[];
  /** Per user: highest role strength code (src/model/roles.ts). */
  roles: Uint8Array;
  apps: { app: string; appId: string | undefined }[];
  appRows: number[];
  /**
   * Per app: per user u, the last day as `day - dayBase` (0: none) at `2u`
   * and the union of the rows' trend-month masks (model/months.ts) at `2u + 1`.
   */
  state: Uint16Array[];
  dayBase: number;
}

/** Days are kept as 16-bit offsets from a base day 32,768 days (~90 years) before the first one seen. */
const DAY_SPAN = 32768;

/** The sink of a range thread: a users × apps matrix of last days. */
export class RangeSummary implements InternedUsageSink {
  readonly users: string[] = [];
  roles = new Uint8Array(1024);
  readonly apps: { app: string; appId: string | undefined }[] = [];
  readonly appRows: number[] = [];
  /**
   * Per app, per user u: last day − `dayBase` (0: none) at `2u`, the union of
   * the trend-month masks of the rows at `2u + 1`. 2 bytes an entry keeps the
   * matrix small in cache, and a row's day and mask share a cache line.
   */
  readonly state: Uint16Array[] = [];
  dayBase = Number.NaN;
  private capacity = 1024;

  constructor(private readonly maxEntries: number) {}

  /**
   * A new user number for each call: the reader calls it once per distinct
   * identifier (past its interning limit, again for a seen one: the merge
   * unifies them by string, so only memory grows, up to `maxEntries`).
   */
  userHandle(user: string): number {
    const u = this.users.push(user) - 1;
    if (u >= this.capacity) {
      const capacity = this.capacity * 2;
      this.check(capacity, this.apps.length);
      const roles = new Uint8Array(capacity);
      roles.set(this.roles);
      this.roles = roles;
      for (let a = 0; a < this.state.length; a++) {
        const s = new Uint16Array(2 * capacity);
        s.set(this.state[a]);
        this.state[a] = s;
      }
      this.capacity = capacity;
    }
    return u;
  }

  appHandle(app: string, appId: string | undefined): number {
    this.check(this.capacity, this.apps.length + 1);
    this.apps.push({ app, appId });
    this.appRows.push(0);
    return this.state.push(new Uint16Array(2 * this.capacity)) - 1;
  }

  addInterned(day: number, user: number, app: number, role: Role, rows: number, months: number): void {
    this.appRows[app] += rows;
    const code = ROLE_STRENGTH[role];
    if (code > this.roles[user]) this.roles[user] = code;
    let v = day - this.dayBase;
    if (!(v >= 1 && v <= 65535)) v = this.rebase(day);
    const s = this.state[app];
    const i = 2 * user;
    if (v > s[i]) s[i] = v;
    s[i + 1] |= months;
  }

  /** The offset of the first day seen, or a failure for a day ~90 years from it (the caller reads on one thread). */
  private rebase(day: number): number {
    if (this.dayBase === this.dayBase) throw new Error('sign-in days too far apart for a range summary');
    this.dayBase = day - DAY_SPAN;
    return DAY_SPAN;
  }

  private check(users: number, apps: number): void {
    if (users * apps > this.maxEntries) throw new Error('too many users × apps for a range summary');
  }
}

/** Bytes of the range read between two progress reports. */
const PROGRESS_BYTES = 16 * 1024 * 1024;

/** Reads one range (synchronously: it runs in its own thread); `onProgress` gets the range's bytes and rows read so far, now and then. */
export function readRange(task: RangeTask, onProgress?: (bytes: number, rows: number) => void): RangeResult {
  const summary = new RangeSummary(task.maxEntries);
  const handler = new UsageRowHandler(
    {
      customFormats: task.customFormats,
      roleByOrgUnit: task.roleByOrgUnit,
      forcedFormat: task.forcedFormat,
      timezone: task.timezone,
      dateOrder: task.dateOrder,
      asOfDay: task.asOfDay,
      sink: summary,
    },
    task.file,
  );
  const first = task.start === task.dataStart;
  const fd = openSync(task.path, 'r');
  try {
    // Offsets the reader sees: the header (unless the range starts with it), then the range.
    const prefix = first ? 0 : task.headerEnd - task.dataStart;
    const stopAt = task.stopAt < 0 ? undefined : task.stopAt - task.start + prefix;
    const reader = new CsvRecordReader(handler, { file: task.file, stopAt });
    let firstLine = 1;
    if (!first) {
      const header = Buffer.alloc(prefix);
      if (readSync(fd, header, 0, prefix, task.dataStart) !== prefix) throw new Error('short read');
      reader.push(header);
      firstLine = reader.line;
    }
    let pos = task.start;
    const size = task.fileSize;
    const cs = task.chunkSize;
    // Two read buffers in turn: after a push, the reader keeps at most the tail
    // of the chunk just pushed (or a copy), never the chunk before it.
    const buffers = [Buffer.allocUnsafeSlow(cs), Buffer.allocUnsafeSlow(cs)];
    let turn = 0;
    let reported = pos;
    while (pos < size && reader.stoppedAt < 0) {
      const next = Math.min(size, (Math.floor(pos / cs) + 1) * cs);
      const chunk = buffers[turn].subarray(0, next - pos);
      turn ^= 1;
      let got = 0;
      while (got < chunk.length) {
        const n = readSync(fd, chunk, got, chunk.length - got, pos + got);
        if (n === 0) throw new Error('the file shrank while it was read');
        got += n;
      }
      reader.push(chunk);
      pos = next;
      if (onProgress && pos - reported >= PROGRESS_BYTES) {
        reported = pos;
        onProgress(pos - task.start, handler.rows);
      }
    }
    if (reader.stoppedAt < 0) reader.end();
    const end = reader.stoppedAt < 0 ? size : reader.stoppedAt - prefix + task.start;
    return {
      ...countsOf(handler),
      start: task.start,
      end,
      endLine: reader.line,
      firstLine,
      users: summary.users,
      roles: summary.roles.subarray(0, summary.users.length),
      apps: summary.apps,
      appRows: summary.appRows,
      state: summary.state,
      dayBase: summary.dayBase,
    };
  } finally {
    closeSync(fd);
  }
}
