// The roster reader as it was before issue 15 (whole files read with csv-parse, a Set per user), kept
// unchanged as the reference of test/load/roster/equivalence.property.test.ts. Not part of edvet.
/**
 * A small roster CSV file read whole: header matched by name (case-insensitive,
 * trimmed, runs of spaces collapsed, BOM stripped, empty header cells ignored),
 * rows with their line numbers. Lenient about the shape real SIS exports have
 * (ragged rows, CRLF/LF/CR mixed, missing final newline); errors name
 * file:line:column and never quote a cell's content.
 */
import { describeHeaderCells } from '../../../../src/load/header-text.js';
import { parse } from 'csv-parse/sync';
import { inputError } from '../../../../src/model/errors.js';
import { formatSize, READ_LIMITS, readFileBytes } from '../../../../src/load/files.js';

/** One data row: its cells and where it starts. */
export interface TableRow {
  cells: string[];
  line: number;
  /** The row's text as read, for column positions in errors. */
  raw: string;
}

/** Values that mean "none" (usage.md). */
const NONE = new Set(['', '-', 'never', 'n/a', 'na', 'null', '\\n']);

/** Column names of OneRoster 1.1/1.2 and the simple roster, quotable in an error (as headerKey). */
const ROSTER_COLUMNS = new Set(
  [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName',
    'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'preferredGivenName',
    'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns', 'userProfiles', 'name', 'type', 'parentSourcedId',
    'title', 'classCode', 'classType', 'location', 'courseSourcedId', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes',
    'periods', 'resources', 'classSourcedId', 'userSourcedId', 'primary', 'beginDate', 'endDate', 'roleType', 'orgSourcedId',
    'userProfileSourcedId', 'propertyName', 'value', 'user_id', 'school_id', 'grade', 'activeDirectoryMatchId',
  ].map((n) => n.toLowerCase()),
);

/** Normalises a header cell for matching. */
export function headerKey(text: string): string {
  return text.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function decode(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** 1-based character column where field `k` starts in a single-line raw row. */
function fieldColumn(raw: string, k: number): number {
  let i = 0;
  let field = 0;
  let quoted = false;
  while (i < raw.length && field < k) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) field++;
    i++;
  }
  return i + 1;
}

/** A parsed CSV file with column access by name. */
export class Table {
  readonly header: string[];
  readonly keys: string[];
  readonly rows: TableRow[];
  /** Every column name asked of this table (as headerKey), quotable in a missing-column error. */
  private readonly asked = new Set<string>();

  /** @param display how the file is named in errors */
  constructor(readonly display: string, text: string) {
    let records: { record: string[]; raw: string; info: { lines: number } }[];
    try {
      records = parse(text, {
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        info: true,
        raw: true,
        max_record_size: READ_LIMITS.rosterLine,
      }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
    } catch (err) {
      const e = err as { lines?: number; code?: string };
      const line = typeof e.lines === 'number' ? e.lines : undefined;
      if (e.code === 'CSV_MAX_RECORD_SIZE') throw inputError({ file: display, line, message: tooLongMessage() });
      throw inputError({
        file: display,
        line,
        message: `cannot be read as CSV (${e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field is never closed' : 'malformed quoting'})`,
      });
    }
    if (records.length === 0) throw inputError({ file: display, line: 1, column: 1, message: 'is empty: expected a header row' });
    this.header = records[0].record;
    this.keys = this.header.map(headerKey);
    this.rows = [];
    for (let r = 1; r < records.length; r++) {
      const { record, info } = records[r];
      let inner = 0;
      for (const cell of record) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) inner++;
      const raw = records[r].raw.replace(/^[\r\n]+/, '');
      // a row of only empty cells (",,,") is an empty line too
      if (record.every((c) => c.trim() === '')) continue;
      this.rows.push({ cells: record, line: info.lines - inner, raw });
    }
  }

  /**
   * Reads a file: a regular file of at most {@link READ_LIMITS}.roster bytes whose lines are at most
   * READ_LIMITS.rosterLine long; anything else (missing, unreadable, a FIFO or device, too large) is an input error.
   */
  static read(path: string, display: string): Table {
    const buf = readFileBytes(path, display, 'a roster file (CSV)', READ_LIMITS.roster);
    const long = firstLongLine(buf, READ_LIMITS.rosterLine);
    if (long !== null) throw inputError({ file: display, line: long, message: tooLongMessage() });
    return new Table(display, decode(buf));
  }

  /** Index of the first column named any of `names` (matched as {@link headerKey}); -1 when none. */
  col(...names: string[]): number {
    for (const n of names) this.asked.add(headerKey(n));
    for (const n of names) {
      const i = this.keys.indexOf(headerKey(n));
      if (i >= 0) return i;
    }
    return -1;
  }

  /** Like {@link col}, but a missing column is an input error naming what was expected. */
  need(names: string[], purpose: string): number {
    const i = this.col(...names);
    if (i < 0) {
      throw inputError({
        file: this.display,
        line: 1,
        column: 1,
        message: `missing column "${names[0]}" (${purpose}); ${describeHeaderCells(this.header, 'the header has', (c) => this.asked.has(headerKey(c)) || ROSTER_COLUMNS.has(headerKey(c)))}`,
      });
    }
    return i;
  }

  /** The trimmed cell of `row` in column `i`, or '' when the column is absent, the row is short or the value means none. */
  cell(row: TableRow, i: number): string {
    if (i < 0 || i >= row.cells.length) return '';
    const v = row.cells[i].trim();
    return NONE.has(v.toLowerCase()) ? '' : v;
  }

  /** An input error located at a cell (the message must not quote user data). */
  errorAt(row: TableRow, i: number, message: string): Error {
    return inputError({ file: this.display, line: row.line, column: fieldColumn(row.raw, Math.max(0, i)), message });
  }
}

function tooLongMessage(): string {
  return `a line or record longer than ${formatSize(READ_LIMITS.rosterLine)}, the most edvet reads for one roster row: is this a roster CSV file?`;
}

/**
 * The 1-based number of the first line (ended by LF, CRLF or a lone CR) longer than `limit` bytes, or null.
 * Checked on the bytes before any parsing, so a 100 MB single line is refused without building it.
 */
export function firstLongLine(buf: Buffer, limit: number): number | null {
  let line = 1;
  for (let start = 0; start < buf.length; ) {
    let lf = buf.indexOf(10, start);
    if (lf < 0) lf = buf.length;
    if (lf - start > limit) {
      // The LF-free stretch may still be short lines ended by lone CRs (old Mac line ends).
      for (let s = start; s < lf; line++) {
        let cr = buf.indexOf(13, s);
        if (cr < 0 || cr > lf) cr = lf;
        if (cr - s > limit) return line;
        s = cr + 1;
      }
      line--;
    }
    line++;
    start = lf + 1;
  }
  return null;
}

/** Splits a multi-value cell (`"09,10,11"`, `a, b`) into its trimmed, non-empty parts. */
export function splitMulti(value: string): string[] {
  if (value === '') return [];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const p = part.trim();
    if (p !== '') out.push(p);
  }
  return out;
}
