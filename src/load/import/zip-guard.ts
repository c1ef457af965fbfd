/**
 * Safety checks on an XLSX file before the XLSX library reads it. The library
 * (read-excel-file) unpacks every XML part into memory and builds the whole
 * cell grid, with no limit of its own, so an untrusted workbook could be a
 * ZIP bomb or name one far-away cell (`XFD1048576`) to make a grid of
 * billions. Here the ZIP structure is walked (central directory and local
 * headers, which must agree and tile the file, so the library's streaming
 * view sees exactly the entries checked), each XML part is inflated with a
 * hard output limit, and the worksheets' cell references bound the grid.
 * Nothing here reads cell values: that is the library's job.
 */
import { inflateRawSync } from 'node:zlib';
import { inputError } from '../../model/errors.js';

/** Largest workbook file accepted (bytes). */
export const XLSX_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest total size of the XML parts once unpacked (bytes). */
export const XLSX_MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** Most entries a workbook's ZIP may hold. */
export const XLSX_MAX_ENTRIES = 10_000;
/** Largest cell grid (rows × columns) of a worksheet. */
export const XLSX_MAX_GRID_CELLS = 5_000_000;

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

interface Entry {
  name: string;
  method: number;
  flags: number;
  compSize: number;
  size: number;
  offset: number;
}

function bad(file: string, why: string): Error {
  return inputError({ file, message: `not a valid XLSX workbook (${why}); open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV` });
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The row × column extent a worksheet's cell references reach (0 when it names none). */
export function sheetGridCells(xml: string): number {
  let maxRow = 0;
  let maxCol = 0;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g)) {
    const col = columnNumber(m[1]);
    const row = Number(m[2]);
    if (col > maxCol) maxCol = col;
    if (row > maxRow) maxRow = row;
  }
  for (const m of xml.matchAll(/<(?:\w+:)?row\b[^>]*?\br="(\d{1,7})"/g)) maxRow = Math.max(maxRow, Number(m[1]));
  // Cells without a reference take the next column: count them as columns too.
  const unreferenced = [...xml.matchAll(/<(?:\w+:)?c\b(?![^>]*\br=)/g)].length;
  return maxRow * Math.max(maxCol, unreferenced > 0 ? Math.min(unreferenced, 16384) : 0);
}

/**
 * Throws a clear input error when `buf` is not a workbook the library can read
 * safely: damaged or inconsistent ZIP, encrypted entries, more than the limits
 * above once unpacked (`maxUnpacked` bytes of XML; smaller in tests), or a worksheet grid beyond {@link XLSX_MAX_GRID_CELLS}.
 */
export function checkXlsxZip(buf: Buffer, file: string, maxUnpacked = XLSX_MAX_UNPACKED_BYTES): void {
  if (buf.length > XLSX_MAX_FILE_BYTES) {
    throw inputError({ file, message: `the workbook is ${(buf.length / 1048576).toFixed(0)} MB; edvet reads workbooks up to ${XLSX_MAX_FILE_BYTES / 1048576} MB: save the sheet as CSV instead` });
  }
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(file, 'the ZIP archive is damaged or truncated');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad(file, 'a ZIP64 archive, which a workbook of this size never needs');
  if (count > XLSX_MAX_ENTRIES) throw bad(file, `${count} parts in the ZIP archive`);
  if (cdOffset + cdSize > eocd) throw bad(file, 'the ZIP directory points outside the file');
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN) throw bad(file, 'the ZIP directory is damaged');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  entries.sort((a, b) => a.offset - b.offset);
  let expected = 0;
  let unpacked = 0;
  const sheets: string[] = [];
  for (const e of entries) {
    // The entries must tile the file from its start to the directory: nothing hidden between them.
    if (e.offset !== expected) throw bad(file, 'the ZIP archive holds data outside its directory');
    if (e.offset + 30 > cdOffset || buf.readUInt32LE(e.offset) !== LOC) throw bad(file, 'a ZIP entry is damaged');
    if (e.flags & 1) {
      throw inputError({ file, message: 'the workbook is password-protected (encrypted); remove the password in Excel (File → Info → Protect Workbook) or save the sheet as CSV' });
    }
    const locFlags = buf.readUInt16LE(e.offset + 6);
    const locMethod = buf.readUInt16LE(e.offset + 8);
    const locComp = buf.readUInt32LE(e.offset + 18);
    const locSize = buf.readUInt32LE(e.offset + 22);
    const nameLen = buf.readUInt16LE(e.offset + 26);
    const extraLen = buf.readUInt16LE(e.offset + 28);
    const locName = buf.toString('utf8', e.offset + 30, e.offset + 30 + nameLen);
    if (locName !== e.name || locMethod !== e.method || (!(locFlags & 8) && (locComp !== e.compSize || locSize !== e.size))) {
      throw bad(file, 'a ZIP entry disagrees with the ZIP directory');
    }
    const start = e.offset + 30 + nameLen + extraLen;
    const end = start + e.compSize;
    if (end > cdOffset) throw bad(file, 'a ZIP entry runs past the end of the data');
    expected = end;
    if (locFlags & 8) {
      // A data descriptor follows: 12 bytes, or 16 with its optional signature.
      expected += end + 4 <= cdOffset && buf.readUInt32LE(end) === DESCRIPTOR ? 16 : 12;
    }
    if (!(e.name.endsWith('.xml') || e.name.endsWith('.xml.rels'))) continue;
    const data = buf.subarray(start, end);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, maxUnpacked - unpacked) });
      } catch (err) {
        if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw inputError({ file, message: `the workbook unpacks to more than ${Math.round(maxUnpacked / 1048576)} MB of XML (a ZIP bomb, or far more than an app inventory): save the sheet as CSV instead` });
        }
        throw bad(file, `the part ${e.name} cannot be unpacked`);
      }
      size = out.length;
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) sheets.push(out.toString('utf8'));
    } else throw bad(file, `the part ${e.name} uses ZIP method ${e.method}`);
    if (e.method === 0 && /^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) sheets.push(data.toString('utf8'));
    unpacked += size;
    if (unpacked > maxUnpacked) {
      throw inputError({ file, message: `the workbook unpacks to more than ${Math.round(maxUnpacked / 1048576)} MB of XML (a ZIP bomb, or far more than an app inventory): save the sheet as CSV instead` });
    }
  }
  if (expected !== cdOffset) throw bad(file, 'the ZIP archive holds data outside its directory');
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw bad(file, 'it has no xl/workbook.xml: is it a Word or PowerPoint file, or another ZIP archive?');
  for (const xml of sheets) {
    const cells = sheetGridCells(xml);
    if (cells > XLSX_MAX_GRID_CELLS) {
      throw inputError({ file, message: `a worksheet spans ${cells.toLocaleString('en-US')} cells (rows × columns); edvet reads up to ${XLSX_MAX_GRID_CELLS.toLocaleString('en-US')}: delete the stray far-away cells, or save the sheet as CSV` });
    }
  }
}
