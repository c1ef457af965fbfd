/**
 * A roster CSV file read as a stream (quality.md "roster scale"): the header
 * is matched by name (case-insensitive, trimmed, runs of spaces collapsed, BOM
 * stripped, empty header cells ignored), then each row is handed to the
 * reader's callback while it is read and forgotten after it: only the cells a
 * reader asks for ever become strings, so a roster's passwords, birth dates and
 * names are never held (usage-sources.md, "Clever SFTP rosters").
 *
 * Bytes are split by the usage reader's record reader (src/load/csv), which
 * gives exactly what csv-parse gives. What cannot be trusted is never used
 * silently (issue 16): rows with NUL bytes or invalid UTF-8, and rows with
 * more non-empty cells than the header, are skipped; rows with fewer cells are
 * read with the missing cells empty; each kind is counted and becomes one
 * warning naming the file, some line numbers and the reason, never a cell.
 * A line over the line limit, or broken quoting, is an error (file:line).
 */
import { describeHeaderCells } from '../header-text.js';
import { inputError } from '../../model/errors.js';
import { CsvRecordReader, type CsvRecord } from '../csv/records.js';
import { readTextChunks } from '../csv/source.js';
import { formatSize, READ_LIMITS, specialKind, fsError } from '../files.js';
import { statSync } from 'node:fs';
import type { ByteSpan } from './keys.js';
import type { RosterNotes } from './notes.js';

/** Values that mean "none" (usage.md). */
const NONE = new Set(['', '-', 'never', 'n/a', 'na', 'null', '\\n']);

/** Column names of the rosters edvet reads, quotable in an error (as headerKey). */
const ROSTER_COLUMNS = new Set(
  [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName',
    'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password', 'userMasterIdentifier', 'preferredGivenName',
    'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns', 'userProfiles', 'name', 'type', 'parentSourcedId',
    'title', 'classCode', 'classType', 'location', 'courseSourcedId', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes',
    'periods', 'resources', 'classSourcedId', 'userSourcedId', 'primary', 'beginDate', 'endDate', 'roleType', 'orgSourcedId',
    'userProfileSourcedId', 'propertyName', 'value', 'user_id', 'school_id', 'grade', 'activeDirectoryMatchId',
    // Clever SFTP (spec v2.1.1)
    'School_id', 'School_name', 'Student_id', 'Teacher_id', 'Staff_id', 'Section_id', 'Student_email', 'Teacher_email', 'Staff_email',
    'Grade', 'Username', 'Password', 'Dob', 'First_name', 'Last_name', 'Middle_name', 'Section_name', 'Teacher_number', 'Student_number',
    'State_id', 'Sis_id', 'Title', 'Department', 'Gender', 'Race', 'Course_name', 'Course_number', 'Period', 'Subject', 'Term_name',
  ].map((n) => n.toLowerCase()),
);

/** Normalises a header cell for matching. */
export function headerKey(text: string): string {
  return text.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The header of a roster file: column access by name. */
export class RosterHeader {
  readonly keys: string[];
  /** Every column name asked of this file (as headerKey), quotable in a missing-column error. */
  private readonly asked = new Set<string>();

  /** @param display how the file is named in errors */
  constructor(
    readonly display: string,
    readonly cells: string[],
  ) {
    this.keys = cells.map(headerKey);
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

  /** Indices of every column whose name matches `re` (as headerKey), in header order. */
  colsMatching(re: RegExp): number[] {
    const out: number[] = [];
    this.keys.forEach((k, i) => {
      if (re.test(k)) {
        out.push(i);
        this.asked.add(k);
      }
    });
    return out;
  }

  /** Like {@link col}, but a missing column is an input error naming what was expected. */
  need(names: string[], purpose: string): number {
    const i = this.col(...names);
    if (i < 0) {
      throw inputError({
        file: this.display,
        line: 1,
        column: 1,
        message: `missing column "${names[0]}" (${purpose}); ${describeHeaderCells(this.cells, 'the header has', (c) => this.asked.has(headerKey(c)) || ROSTER_COLUMNS.has(headerKey(c)))}`,
      });
    }
    return i;
  }
}

/** One data row, valid only during the callback. */
export class RosterRow {
  /** @internal */
  rec!: CsvRecord;
  constructor(private readonly display: string) {}

  /** Physical line (1-based) on which the row starts. */
  get line(): number {
    return this.rec.line;
  }

  /** The trimmed cell in column `i`, or '' when the column is absent, the row is short or the value means none. */
  cell(i: number): string {
    const rec = this.rec;
    if (i < 0 || i >= rec.count) return '';
    const v = rec.field(i).trim();
    if (v.length <= 5 && NONE.has(v.toLowerCase())) return '';
    return v;
  }

  /** True when the cell in column `i`, trimmed, is `word` (lower-case ASCII) ignoring case; compared on the bytes. */
  is(i: number, word: string): boolean {
    const rec = this.rec;
    if (i < 0 || i >= rec.count) return false;
    const buf = rec.buf;
    let s = rec.starts[i];
    let e = rec.ends[i];
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (e - s !== word.length) return false;
    for (let k = 0; k < word.length; k++) if ((buf[s + k] | 0x20) !== word.charCodeAt(k)) return false;
    return true;
  }

  private readonly spanned: ByteSpan = { buf: Buffer.alloc(0), start: 0, end: 0, ascii: true };

  /**
   * The bytes of the cell in column `i` (an id, username or email), without decoding them; null when the
   * cell is absent, empty or a value that means none. Valid until the next call.
   */
  span(i: number): ByteSpan | null {
    const rec = this.rec;
    if (i < 0 || i >= rec.count) return null;
    const buf = rec.buf;
    let s = rec.starts[i];
    let e = rec.ends[i];
    while (s < e && (buf[s] === 32 || (buf[s] >= 9 && buf[s] <= 13))) s++;
    while (e > s && (buf[e - 1] === 32 || (buf[e - 1] >= 9 && buf[e - 1] <= 13))) e--;
    if (e - s <= 5 && this.cell(i) === '') return null;
    const span = this.spanned;
    span.buf = buf;
    span.start = s;
    span.end = e;
    span.ascii = rec.ascii;
    return span;
  }

  /** An input error located at a cell (the message must not quote user data). */
  errorAt(i: number, message: string): Error {
    const rec = this.rec;
    let column = 1;
    // Exact for unquoted fields (what a roster row almost always is); quoted fields shift it by their quotes.
    for (let k = 0; k < Math.min(Math.max(0, i), rec.count); k++) column += rec.ends[k] - rec.starts[k] + 1;
    return inputError({ file: this.display, line: rec.line, column, message });
  }
}

/** What the caller does with each row of a file. */
export type RowHandler = (row: RosterRow) => void;

function tooLongMessage(): string {
  return `a line or record longer than ${formatSize(READ_LIMITS.rosterLine)}, the most edvet reads for one roster row: is this a roster CSV file?`;
}

/** Reasons of the record reader that make a file unreadable rather than one row. */
const FATAL: Record<string, string> = {
  'unterminated quote': 'cannot be read as CSV (a quoted field is never closed)',
  'malformed quoting': 'cannot be read as CSV (malformed quoting)',
};

/**
 * Streams one roster CSV file: `begin` gets the header and returns the row
 * handler (which may throw an input error to stop). Skipped and short rows are
 * noted in `notes`. Returns the number of data rows handed over.
 * The file must be a regular file of at most {@link READ_LIMITS}.roster bytes.
 */
export async function streamRosterFile(
  path: string,
  display: string,
  notes: RosterNotes,
  begin: (h: RosterHeader) => RowHandler,
  /** Told once, after the first chunk, how many rows the whole file likely holds (so tables are sized once). */
  estimate?: (rows: number) => void,
): Promise<number> {
  let size: number;
  try {
    const st = statSync(path);
    const kind = specialKind(st);
    if (kind === 'a folder') throw inputError({ file: display, message: 'this is a folder; expected a roster file (CSV) (a file)' });
    if (kind) throw inputError({ file: display, message: `this is ${kind}, not a regular file; edvet reads a roster file (CSV) only from a regular file` });
    size = st.size;
  } catch (e) {
    throw fsError(e, display, 'a roster file (CSV)');
  }
  if (size > READ_LIMITS.roster) {
    throw inputError({ file: display, message: `this file is too large (${formatSize(size)}); edvet reads at most ${formatSize(READ_LIMITS.roster)} for a roster file (CSV)` });
  }
  let header: RosterHeader | null = null;
  let handle: RowHandler | null = null;
  let width = 0;
  let rows = 0;
  const row = new RosterRow(display);
  const reader = new CsvRecordReader(
    {
      record(rec) {
        if (header === null) {
          const cells: string[] = [];
          for (let i = 0; i < rec.count; i++) cells.push(rec.field(i));
          header = new RosterHeader(display, cells);
          width = cells.length;
          // Trailing unnamed header cells (a trailing comma) do not make every row ragged.
          while (width > 0 && cells[width - 1].trim() === '') width--;
          handle = begin(header);
          return;
        }
        // A quoted record that runs over many lines is still one row: it is bounded like a line.
        let bytes = 0;
        for (let i = 0; i < rec.count; i++) bytes += rec.ends[i] - rec.starts[i];
        if (bytes > READ_LIMITS.rosterLine) throw inputError({ file: display, line: rec.line, message: tooLongMessage() });
        // A row of only empty cells (",,,") is an empty line too.
        let empty = true;
        for (let i = 0; i < rec.count && empty; i++) {
          for (let k = rec.starts[i]; k < rec.ends[i]; k++) {
            const b = rec.buf[k];
            if (b !== 32 && b !== 9) {
              empty = false;
              break;
            }
          }
        }
        if (empty) return;
        if (rec.count > width) {
          // Extra cells that hold something: an unquoted comma has shifted the columns, so no cell can be trusted.
          for (let i = width; i < rec.count; i++) {
            if (rec.ends[i] > rec.starts[i] && rec.field(i).trim() !== '') {
              notes.note(display, 'skipped: more cells than the header has (an unquoted comma?)', rec.line);
              return;
            }
          }
        } else if (rec.count < width) {
          notes.note(display, 'read with missing cells as empty: fewer cells than the header has', rec.line);
        }
        rows++;
        row.rec = rec;
        handle!(row);
      },
      bad(line, reason) {
        if (reason === 'line too long') throw inputError({ file: display, line, message: tooLongMessage() });
        const fatal = FATAL[reason];
        if (fatal !== undefined) throw inputError({ file: display, line, message: fatal });
        if (header === null) throw inputError({ file: display, line, message: `the header row cannot be read (${reason})` });
        notes.note(display, `skipped: ${reason}`, line);
      },
    },
    { delimiter: ',', maxRecordBytes: READ_LIMITS.rosterLine, file: display },
  );
  let pushed = 0;
  let estimated = estimate === undefined;
  await readTextChunks(path, {
    file: display,
    onChunk: (chunk) => {
      reader.push(chunk);
      pushed += chunk.length;
      if (!estimated && rows > 0) {
        estimated = true;
        if (pushed < size) estimate!(Math.ceil((rows / pushed) * size * 1.02));
      }
    },
  });
  reader.end();
  if (header === null) throw inputError({ file: display, line: 1, column: 1, message: 'is empty: expected a header row' });
  if (rows === 0) notes.headerOnly(display);
  return rows;
}

/** Splits a multi-value cell (`"09,10,11"`, `a, b`) into its trimmed, non-empty parts. */
export function splitMulti(value: string): string[] {
  if (value === '') return [];
  if (value.indexOf(',') < 0) return [value];
  const out: string[] = [];
  for (const part of value.split(',')) {
    const p = part.trim();
    if (p !== '') out.push(p);
  }
  return out;
}
