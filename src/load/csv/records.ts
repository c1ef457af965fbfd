/**
 * A streaming CSV record reader over UTF-8 bytes (usage.md "Reading rules",
 * RFC 4180). Plain records (no line break inside quotes, no doubled quote, no
 * quote followed by anything but a delimiter or a line end) are split on the
 * raw bytes and handed over as byte ranges, without decoding a string; any
 * other record is cut out of the stream (quote-aware) and parsed by
 * csv-parse, so the result is exactly what csv-parse gives with
 * {@link CSV_PARSE_OPTIONS}. Line ends are CRLF, LF or CR, mixed freely.
 * Empty lines are skipped (and counted as lines).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { parse as csvParse } from 'csv-parse/sync';
import { inputError } from '../../model/errors.js';

/** The delimiters a usage export may use. */
export type Delimiter = ',' | '\t' | ';';

/** Delimiters in detection order (a tie goes to the earlier one). */
export const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

/**
 * The csv-parse options whose results the reader reproduces exactly (with
 * `delimiter` set to the detected one). A quote inside an unquoted field is a
 * literal character (relax_quotes); rows may differ in width.
 */
export const CSV_PARSE_OPTIONS = {
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  bom: false,
  quote: '"',
  escape: '"',
} as const;

/**
 * One record, valid only during the `record` callback (the object and its
 * arrays are reused). Field `i` is `buf[starts[i], ends[i])`, UTF-8 bytes with
 * quoting already removed.
 */
export interface CsvRecord {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** Number of fields. */
  count: number;
  /** Physical line (1-based) on which the record starts. */
  line: number;
  /** True when every byte of the fields is ASCII (so latin1 decoding is exact). */
  ascii: boolean;
  /** Field `i` decoded as a string. */
  field(i: number): string;
}

/** Receives records and unreadable records, in file order. */
export interface CsvRecordHandler {
  record(rec: CsvRecord): void;
  /** A record that cannot be read; `reason` names why (never its content). */
  bad(line: number, reason: string): void;
}

/** Options of {@link CsvRecordReader}. */
export interface CsvReaderOptions {
  /** A fixed delimiter, or `auto` (default): the most frequent of `,` tab `;` outside quotes in the first non-empty line. */
  delimiter?: Delimiter | 'auto';
  /** Longest record accepted (default 1 MiB): a longer unquoted line is a bad row, a longer quoted field an error. */
  maxRecordBytes?: number;
  /** How the file is named in errors. */
  file?: string;
  /**
   * Stop at the first record (or empty line) that starts at or after this
   * offset into the bytes pushed: it and all later input are ignored, and
   * {@link CsvRecordReader.stoppedAt} tells where that was. Used to read a
   * file in ranges (default: never stop).
   */
  stopAt?: number;
}

interface Slices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

class RecordView implements CsvRecord {
  buf: Buffer = Buffer.alloc(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;
  line = 0;
  ascii = true;
  field(i: number): string {
    const b = this.buf as unknown as Slices;
    return this.ascii ? b.latin1Slice(this.starts[i], this.ends[i]) : b.utf8Slice(this.starts[i], this.ends[i]);
  }
  grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    s.set(this.starts);
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }
}

// Byte classes of the fast scanner.
const C_PLAIN = 0;
const C_DELIM = 1;
const C_LF = 2;
const C_CR = 3;
const C_QUOTE = 4;
const C_NUL = 5;
const C_HIGH = 6;

const F_HIGH = 1;
const F_NUL = 2;

const QUOTE = 34;
const LF = 10;
const CR = 13;

function classTable(delimiter: Delimiter): Uint8Array {
  const t = new Uint8Array(256);
  for (let i = 128; i < 256; i++) t[i] = C_HIGH;
  t[0] = C_NUL;
  t[LF] = C_LF;
  t[CR] = C_CR;
  t[QUOTE] = C_QUOTE;
  t[delimiter.charCodeAt(0)] = C_DELIM;
  return t;
}

const MIB = 1024 * 1024;

/**
 * Push UTF-8 chunks (BOM already removed) with `push`, then call `end`. The
 * handler is called synchronously for each record. Memory is bounded by the
 * chunk size plus the longest record.
 */
export class CsvRecordReader {
  /** The delimiter in use (null until the first line has been seen, with `auto`). */
  delimiter: Delimiter | null;
  /** Physical line of the next record (after a stop: of the record it stopped at). */
  line = 1;
  private pending: Buffer | null = null;
  /** Discarding the rest of an overlong unquoted line. */
  private skipping = false;
  private cls: Uint8Array = classTable(',');
  private readonly view = new RecordView();
  private readonly handler: CsvRecordHandler;
  private readonly max: number;
  private readonly file: string | undefined;
  private parseOptions: Record<string, unknown> = {};
  private scratch = Buffer.alloc(4096);
  /** Flags of the quoted field last scanned by `simpleQuoted`. */
  private qflags = 0;
  /** Offset (into the bytes pushed) of the first byte not consumed yet: where `pending` starts. */
  private offset = 0;
  /** Offset of `buf[0]` in the scan under way. */
  private base = 0;
  private readonly stopAt: number;
  /** Where the reader stopped (see {@link CsvReaderOptions.stopAt}); -1 while it has not. */
  stoppedAt = -1;

  constructor(handler: CsvRecordHandler, opts: CsvReaderOptions = {}) {
    this.handler = handler;
    this.max = opts.maxRecordBytes ?? MIB;
    this.file = opts.file;
    this.stopAt = opts.stopAt ?? Number.POSITIVE_INFINITY;
    this.delimiter = null;
    if (opts.delimiter !== undefined && opts.delimiter !== 'auto') this.setDelimiter(opts.delimiter);
  }

  private setDelimiter(d: Delimiter): void {
    this.delimiter = d;
    this.cls = classTable(d);
    this.parseOptions = { ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter], delimiter: d };
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Buffer): void {
    if (this.stoppedAt >= 0) return;
    let buf = chunk;
    let from = 0;
    const pending = this.pending;
    this.pending = null;
    // Offset of buf[0] in the bytes pushed.
    let base = this.offset;
    if (pending !== null && pending.length > 0) {
      // Finish the record cut by the chunk boundary on a small buffer (the
      // pending bytes and the chunk's first line) rather than copying the chunk.
      const lf = this.delimiter === null || this.skipping ? -1 : chunk.indexOf(LF);
      if (lf >= 0) {
        const small = Buffer.concat([pending, chunk.subarray(0, lf + 1)]);
        this.base = base;
        const pos = this.scan(small, false, 0);
        if (this.stoppedAt >= 0) return;
        if (pos === small.length) {
          from = lf + 1;
          base += pending.length;
        } else {
          buf = Buffer.concat([small.subarray(pos), chunk.subarray(lf + 1)]);
          base += pos;
        }
      } else {
        buf = Buffer.concat([pending, chunk]);
      }
    }
    if (this.delimiter === null && !this.detect(buf, false)) {
      this.pending = buf;
      return;
    }
    this.base = base;
    const pos = this.scan(buf, false, from);
    if (this.stoppedAt >= 0) return;
    if (pos < buf.length) this.pending = buf.subarray(pos);
    this.offset = base + pos;
  }

  /** Ends the input: the last record may lack a line end. */
  end(): void {
    if (this.stoppedAt >= 0) return;
    const buf = this.pending ?? Buffer.alloc(0);
    this.pending = null;
    if (this.delimiter === null) this.detect(buf, true);
    this.base = this.offset;
    const pos = this.scan(buf, true, 0);
    if (this.stoppedAt < 0) this.offset += pos;
  }

  /**
   * Chooses the delimiter from the first non-empty line (quote-aware). False
   * when that line is not complete yet.
   */
  private detect(buf: Buffer, final: boolean): boolean {
    const len = buf.length;
    let i = 0;
    while (i < len && (buf[i] === LF || buf[i] === CR)) i++;
    let inQuote = false;
    let comma = 0;
    let tab = 0;
    let semi = 0;
    let complete = false;
    for (; i < len; i++) {
      const b = buf[i];
      if (b === QUOTE) inQuote = !inQuote;
      else if (inQuote) continue;
      else if (b === 44) comma++;
      else if (b === 9) tab++;
      else if (b === 59) semi++;
      else if (b === LF || b === CR) {
        complete = true;
        break;
      }
    }
    if (!complete && !final && len <= this.max) return false;
    let d: Delimiter = ',';
    if (tab > comma && tab >= semi) d = '\t';
    else if (semi > comma && semi > tab) d = ';';
    this.setDelimiter(d);
    return true;
  }

  /**
   * Scans a closing quote for the quoted field opening at `j`. Returns the
   * index of the closing quote when the field is simple (no line break, no
   * doubled quote before it), -1 when it needs csv-parse, -2 when more data
   * is needed to tell.
   */
  private simpleQuoted(buf: Buffer, j: number, len: number): number {
    const cls = this.cls;
    let flags = 0;
    let k = j + 1;
    for (; k < len; k++) {
      const c = cls[buf[k]];
      if (c === C_PLAIN || c === C_DELIM) continue;
      if (c === C_QUOTE) break;
      if (c === C_HIGH) flags |= F_HIGH;
      else if (c === C_NUL) flags |= F_NUL;
      else return -1; // a line break inside quotes
    }
    this.qflags = flags;
    if (k >= len) return -2;
    return k;
  }

  /** Processes complete records of `buf`; returns where the unconsumed rest starts. */
  private scan(buf: Buffer, final: boolean, from: number): number {
    const len = buf.length;
    const cls = this.cls;
    const view = this.view;
    const handler = this.handler;
    let i = from;
    if (this.skipping) {
      while (i < len && buf[i] !== LF && buf[i] !== CR) i++;
      if (i === len && !final) return len;
      this.skipping = false;
    }
    // Plain-line fast path: in an all-ASCII buffer, before the next NUL and
    // the last LF, a record without quotes or bare CRs is split by comparing
    // each byte with the delimiter and the line ends only.
    const asciiBuf = isAscii(buf);
    const lastLf = buf.lastIndexOf(LF);
    const delim = this.delimiter!.charCodeAt(0);
    const above = delim > QUOTE ? delim : QUOTE;
    let nulAt = asciiBuf ? buf.indexOf(0, i) : -1;
    if (nulAt < 0) nulAt = len;
    const stop = this.stopAt - this.base;
    while (i < len) {
      if (i >= stop) {
        this.stoppedAt = this.base + i;
        return len;
      }
      if (asciiBuf && i <= lastLf) {
        if (i > nulAt) {
          nulAt = buf.indexOf(0, i);
          if (nulAt < 0) nulAt = len;
        }
        if (i < nulAt) {
          let starts = view.starts;
          let ends = view.ends;
          let n = 0;
          let j = i;
          starts[0] = i;
          let b = 0;
          for (;;) {
            b = buf[j];
            // Most bytes are above every byte that matters (delimiter, quote, CR, LF).
            if (b > above) {
              j++;
              continue;
            }
            if (b === delim) {
              ends[n] = j;
              n++;
              if (n >= starts.length) {
                view.grow();
                starts = view.starts;
                ends = view.ends;
              }
              starts[n] = ++j;
              continue;
            }
            if (b === LF || b === CR || b === QUOTE) break;
            j++;
          }
          let termLen = 0;
          if (b === LF) termLen = 1;
          else if (b === CR && buf[j + 1] === LF) termLen = 2;
          if (termLen > 0 && j + termLen - 1 < nulAt) {
            if (j === i) {
              this.line++;
            } else {
              ends[n] = j;
              view.buf = buf;
              view.count = n + 1;
              view.line = this.line++;
              view.ascii = true;
              handler.record(view);
            }
            i = j + termLen;
            continue;
          }
          // A quote, a bare CR or a NUL: the general loop below reads this record.
        }
      }
      const recStart = i;
      let starts = view.starts;
      let ends = view.ends;
      let n = 0;
      starts[0] = i;
      let quotedField = -1;
      let flags = 0;
      let j = i;
      let termLen = 0;
      let atEnd = false;
      let slow = false;
      for (;;) {
        if (j >= len) {
          atEnd = true;
          break;
        }
        const c = cls[buf[j]];
        if (c === C_PLAIN) {
          j++;
          continue;
        }
        if (c === C_DELIM) {
          if (quotedField !== n) ends[n] = j;
          n++;
          if (n >= starts.length) {
            view.grow();
            starts = view.starts;
            ends = view.ends;
          }
          starts[n] = ++j;
          continue;
        }
        if (c === C_LF) {
          termLen = 1;
          break;
        }
        if (c === C_CR) {
          if (j + 1 < len) termLen = buf[j + 1] === LF ? 2 : 1;
          else if (final) termLen = 1;
          else atEnd = true; // CR or CRLF: cannot tell yet
          break;
        }
        if (c === C_HIGH) {
          flags |= F_HIGH;
          j++;
          continue;
        }
        if (c === C_NUL) {
          flags |= F_NUL;
          j++;
          continue;
        }
        // A quote: literal inside an unquoted field, else the start of a quoted field.
        if (j !== starts[n] || quotedField === n) {
          if (quotedField === n) {
            slow = true;
            break;
          }
          j++;
          continue;
        }
        const k = this.simpleQuoted(buf, j, len);
        if (k === -1) {
          slow = true;
          break;
        }
        if (k === -2) {
          // No closing quote yet: wait for more input, unless there is no more
          // or the field already exceeds the limit (slowRecord decides then).
          if (final || len - recStart > this.max) slow = true;
          else atEnd = true;
          break;
        }
        // Closing quote at k: it must be followed by a delimiter, a line end or the end of input.
        if (k + 1 >= len && !final) {
          atEnd = true;
          break;
        }
        if (k + 1 < len) {
          const next = cls[buf[k + 1]];
          if (next !== C_DELIM && next !== C_LF && next !== C_CR) {
            slow = true;
            break;
          }
        }
        flags |= this.qflags;
        starts[n] = j + 1;
        ends[n] = k;
        quotedField = n;
        j = k + 1;
      }

      if (slow) {
        const next = this.slowRecord(buf, recStart, final);
        if (next < 0) return recStart;
        i = next;
        continue;
      }
      if (atEnd && !final) {
        if (len - recStart > this.max) {
          this.handler.bad(this.line, 'line too long');
          this.skipping = true;
          return len;
        }
        return recStart;
      }
      if (j === recStart) {
        // An empty line.
        if (termLen > 0) this.line++;
        i = j + termLen;
        continue;
      }
      if (quotedField !== n) ends[n] = j;
      n++;
      if (flags !== 0 && this.badBytes(buf, recStart, j, flags)) {
        // counted by badBytes
      } else {
        view.buf = buf;
        view.count = n;
        view.line = this.line;
        view.ascii = (flags & F_HIGH) === 0;
        handler.record(view);
      }
      this.line++;
      i = j + termLen;
    }
    return i;
  }

  /** Reports NUL bytes or invalid UTF-8 in `buf[s, e)`; true when the record is bad. */
  private badBytes(buf: Buffer, s: number, e: number, flags: number): boolean {
    if ((flags & F_NUL) !== 0) {
      this.handler.bad(this.line, 'NUL byte');
      return true;
    }
    if ((flags & F_HIGH) !== 0 && !isUtf8(buf.subarray(s, e))) {
      this.handler.bad(this.line, 'invalid UTF-8');
      return true;
    }
    return false;
  }

  /**
   * Cuts the record starting at `start` out of `buf` (quote-aware) and parses
   * it with csv-parse. Returns the start of the next record, or -1 when the
   * record is not complete yet.
   */
  private slowRecord(buf: Buffer, start: number, final: boolean): number {
    const len = buf.length;
    const delim = this.delimiter!.charCodeAt(0);
    let k = start;
    let atFieldStart = true;
    let inQuote = false;
    let lineBreaks = 0;
    let flags = 0;
    let termLen = 0;
    let end = -1;
    while (k < len) {
      const b = buf[k];
      if (b >= 128) flags |= F_HIGH;
      else if (b === 0) flags |= F_NUL;
      if (inQuote) {
        if (b === QUOTE) {
          if (k + 1 < len) {
            if (buf[k + 1] === QUOTE) {
              k += 2;
              continue;
            }
          } else if (!final) {
            break; // an escaped quote or a closing one: cannot tell yet
          }
          inQuote = false;
          k++;
        } else if (b === CR) {
          if (k + 1 < len) {
            k += buf[k + 1] === LF ? 2 : 1;
          } else if (final) {
            k++;
          } else {
            break;
          }
          lineBreaks++;
        } else {
          if (b === LF) lineBreaks++;
          k++;
        }
        continue;
      }
      if (b === QUOTE && atFieldStart) {
        inQuote = true;
        atFieldStart = false;
        k++;
      } else if (b === delim) {
        atFieldStart = true;
        k++;
      } else if (b === LF) {
        end = k;
        termLen = 1;
        break;
      } else if (b === CR) {
        if (k + 1 < len) {
          termLen = buf[k + 1] === LF ? 2 : 1;
        } else if (final) {
          termLen = 1;
        } else {
          break;
        }
        end = k;
        break;
      } else {
        atFieldStart = false;
        k++;
      }
    }
    if (end < 0) {
      if (!final) {
        if (len - start > this.max) {
          throw inputError({
            file: this.file,
            line: this.line,
            message: `a quoted field runs on for more than ${Math.round(this.max / MIB)} MiB (an unterminated quote?)`,
          });
        }
        return -1;
      }
      end = len;
    }
    const line = this.line;
    if (inQuote) {
      this.handler.bad(line, 'unterminated quote');
    } else if (!this.badBytes(buf, start, end, flags)) {
      let records: string[][] | null = null;
      try {
        records = csvParse(buf.subarray(start, end), this.parseOptions) as string[][];
      } catch {
        records = null;
      }
      if (records === null || records.length !== 1) this.handler.bad(line, 'malformed quoting');
      else this.emitStrings(records[0], line, (flags & F_HIGH) === 0);
    }
    this.line = line + lineBreaks + 1;
    return end + termLen;
  }

  /** Hands over a record parsed by csv-parse, re-encoded into the scratch buffer. */
  private emitStrings(fields: string[], line: number, ascii: boolean): void {
    const view = this.view;
    let need = 0;
    for (const f of fields) need += f.length * 3;
    if (need > this.scratch.length) this.scratch = Buffer.alloc(Math.max(need, this.scratch.length * 2));
    while (fields.length > view.starts.length) view.grow();
    const scratch = this.scratch;
    let pos = 0;
    for (let f = 0; f < fields.length; f++) {
      view.starts[f] = pos;
      pos += scratch.write(fields[f], pos, 'utf8');
      view.ends[f] = pos;
    }
    view.buf = scratch;
    view.count = fields.length;
    view.line = line;
    view.ascii = ascii;
    this.handler.record(view);
  }
}

/** A record with its fields decoded, as {@link parseCsvBytes} returns it. */
export interface ParsedRecord {
  line: number;
  fields: string[];
}

/** A reader whose records (fields decoded) and bad rows are collected into arrays: for small inputs and tests. */
export function collectingReader(opts: CsvReaderOptions = {}): {
  reader: CsvRecordReader;
  records: ParsedRecord[];
  bad: { line: number; reason: string }[];
} {
  const records: ParsedRecord[] = [];
  const bad: { line: number; reason: string }[] = [];
  const reader = new CsvRecordReader(
    {
      record(rec) {
        const fields: string[] = [];
        for (let i = 0; i < rec.count; i++) fields.push(rec.field(i));
        records.push({ line: rec.line, fields });
      },
      bad(line, reason) {
        bad.push({ line, reason });
      },
    },
    opts,
  );
  return { reader, records, bad };
}

/**
 * Reads a whole in-memory CSV (UTF-8, no BOM) into records: a convenience for
 * small files and tests; streams use {@link CsvRecordReader}.
 */
export function parseCsvBytes(
  bytes: Buffer,
  opts: CsvReaderOptions = {},
): { delimiter: Delimiter; records: ParsedRecord[]; bad: { line: number; reason: string }[] } {
  const { reader, records, bad } = collectingReader(opts);
  reader.push(bytes);
  reader.end();
  return { delimiter: reader.delimiter ?? ',', records, bad };
}
