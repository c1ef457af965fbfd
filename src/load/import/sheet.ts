/**
 * Reading the district's app inventory (import.md "What it reads"): a CSV
 * (UTF-8 with or without BOM, UTF-16 with BOM; comma, semicolon or tab,
 * detected as for usage exports) or an XLSX workbook (the first sheet or one
 * named), read by the read-excel-file library after the safety checks of
 * zip-guard.ts. The result is a grid of cells, each knowing its spreadsheet
 * address (`B14`) so every message and TODO can point at it.
 */
import { extname } from 'node:path';
import { collectingReader } from '../csv/records.js';
import { readTextChunks } from '../csv/source.js';
import { READ_LIMITS, readFileBytes } from '../files.js';
import { EdvetError, inputError, usageError } from '../../model/errors.js';
import { checkXlsxZip } from './zip-guard.js';

/** One cell: its text as shown (dates as YYYY-MM-DD) and the typed value the file held. */
export interface SheetCell {
  text: string;
  value: string | number | boolean | Date | null;
}

/** One spreadsheet row: its 1-based row number and its cells (column A first). */
export interface SheetRow {
  row: number;
  cells: SheetCell[];
}

/** A sheet read from one input file. */
export interface Sheet {
  /** The file as shown in messages. */
  file: string;
  kind: 'csv' | 'xlsx';
  /** The worksheet read (XLSX only). */
  sheetName: string | null;
  /** The non-empty rows, in order. */
  rows: SheetRow[];
}

/** `A`, `B`, … `Z`, `AA` for a 0-based column index. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The spreadsheet address of a cell, e.g. `B14`. */
export function cellRef(col: number, row: number): string {
  return `${columnLetters(col)}${row}`;
}

const EMPTY: SheetCell = { text: '', value: null };

/** The cell at `col` of a row (an empty cell past its end). */
export function cellAt(r: SheetRow, col: number): SheetCell {
  return col >= 0 && col < r.cells.length ? r.cells[col] : EMPTY;
}

function isoDateOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function textOf(v: unknown): SheetCell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return { text: v, value: v };
  if (typeof v === 'number') return { text: Number.isFinite(v) ? String(v) : '', value: Number.isFinite(v) ? v : null };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', value: v };
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const iso = v.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? isoDateOf(v) : iso.replace('.000Z', 'Z'), value: v };
  }
  return { text: String(v), value: String(v) };
}

const isBlank = (r: SheetRow) => r.cells.every((c) => c.text.trim() === '');

/** Read one input file as a sheet; `sheetName` picks an XLSX worksheet (default: the first). */
export async function readSheetFile(abs: string, file: string, sheetName?: string): Promise<Sheet> {
  const bytes = readFileBytes(abs, file, 'a spreadsheet (CSV or XLSX)', READ_LIMITS.sheet);
  const head = bytes.subarray(0, 8);
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return readXlsx(bytes, file, sheetName);
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    throw inputError({
      file,
      message: 'this is an old Excel 97-2003 .xls workbook or a password-protected workbook; edvet reads .xlsx and CSV: remove any password and save it as .xlsx (or the sheet as CSV)',
    });
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) throw inputError({ file, message: 'this is a gzip file, not a spreadsheet: unpack it first' });
  if (head.length >= 4 && head.toString('latin1', 0, 4) === '%PDF') throw inputError({ file, message: 'this is a PDF, not a spreadsheet: export the sheet as CSV or XLSX' });
  if (sheetName !== undefined) throw usageError(`--sheet names a worksheet of an XLSX workbook; ${file} is CSV text`);
  if (/\.(xlsx|xlsm)$/i.test(extname(file))) throw inputError({ file, message: 'named .xlsx but not a ZIP archive: not a valid XLSX workbook; save it again from Excel, or as CSV' });
  return readCsv(abs, file);
}

async function readCsv(abs: string, file: string): Promise<Sheet> {
  const { reader, records, bad } = collectingReader({ file });
  await readTextChunks(abs, { file, onChunk: (c) => reader.push(c) });
  reader.end();
  if (bad.length) {
    const b = bad[0];
    throw inputError({ file, line: b.line, message: `this row cannot be read (${b.reason}); save the sheet as CSV in UTF-8 (or UTF-16 with a byte-order mark)` });
  }
  const rows: SheetRow[] = records.map((r) => ({ row: r.line, cells: r.fields.map((f) => (f === '' ? EMPTY : { text: f, value: f })) }));
  return { file, kind: 'csv', sheetName: null, rows: rows.filter((r) => !isBlank(r)) };
}

async function readXlsx(bytes: Buffer, file: string, sheetName?: string): Promise<Sheet> {
  checkXlsxZip(bytes, file);
  const lib = await import('read-excel-file/node');
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await lib.default(bytes)) as unknown as { sheet: string; data: unknown[][] }[];
  } catch (e) {
    if (e instanceof EdvetError) throw e;
    const code = (e as { code?: string }).code;
    const why =
      code === 'XLS_FILE_NOT_SUPPORTED'
        ? 'an old .xls workbook'
        : code === 'NO_DATA'
          ? 'it holds no worksheet data'
          : code === 'INVALID_ZIP'
            ? 'the ZIP archive is damaged'
            : (e as Error)?.name === 'InvalidSpreadsheetError'
              ? 'its worksheet XML is malformed'
              : 'the XLSX reader could not read it';
    throw inputError({ file, message: `not a valid XLSX workbook (${why}); open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV` });
  }
  if (sheets.length === 0) throw inputError({ file, message: 'the workbook holds no worksheet' });
  let chosen = sheets[0];
  if (sheetName !== undefined) {
    const want = sheetName.trim().toLowerCase();
    const found = sheets.find((s) => s.sheet === sheetName) ?? sheets.find((s) => s.sheet.trim().toLowerCase() === want);
    if (!found) throw inputError({ file, message: `no worksheet named "${sheetName}"; the workbook has: ${sheets.map((s) => `"${s.sheet}"`).join(', ')}` });
    chosen = found;
  }
  const rows: SheetRow[] = chosen.data.map((cells, i) => ({ row: i + 1, cells: cells.map(textOf) }));
  return { file, kind: 'xlsx', sheetName: chosen.sheet, rows: rows.filter((r) => !isBlank(r)) };
}
