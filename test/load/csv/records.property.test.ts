import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_PARSE_OPTIONS, collectingReader, type Delimiter } from '../../../src/load/csv/records.js';
import { readTextChunks } from '../../../src/load/csv/source.js';
import { runs } from '../../property.js';

type Rec = { line: number; fields: string[] };

/** Runs the reader over `bytes` cut into pieces at `cuts` (fractions of the length). */
function readAll(bytes: Buffer, delimiter: Delimiter | 'auto', cuts: number[]): { records: Rec[]; bad: { line: number; reason: string }[] } {
  const { reader, records, bad } = collectingReader({ delimiter });
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) reader.push(bytes.subarray(prev, p));
    prev = Math.max(prev, p);
  }
  reader.end();
  return { records, bad };
}

const CHARS = ['a', 'b', 'Z', '0', '7', ' ', ',', '\t', ';', '"', '"', '\r', '\n', 'é', '漢', '🎒', '-', '.'];
const fieldArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((a) => a.join(''));
const delimArb = fc.constantFrom<Delimiter>(',', '\t', ';');
const eolArb = fc.constantFrom('\n', '\r\n', '\r');

/** A field written as a CSV writer would: quoted when it must be, and at random otherwise. */
function writeField(f: string, d: string, quote: boolean): string {
  const must = f.includes(d) || f.includes('\r') || f.includes('\n') || f.startsWith('"');
  return must || quote ? `"${f.replaceAll('"', '""')}"` : f;
}

function lineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') n++;
    else if (s[i] === '\r') {
      n++;
      if (s[i + 1] === '\n') i++;
    }
  }
  return n;
}

const ASCII_CHARS = CHARS.filter((c) => c.charCodeAt(0) < 128);
const asciiFieldArb = fc.array(fc.constantFrom(...ASCII_CHARS, 'x', 'y', '1'), { maxLength: 8 }).map((a) => a.join(''));

const tableArbOf = (field: fc.Arbitrary<string>) => fc.record({
  delimiter: delimArb,
  rows: fc.array(
    fc.record({
      fields: fc.array(fc.record({ value: field, quote: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      eol: eolArb,
    }),
    { minLength: 1, maxLength: 8 },
  ),
  finalEol: fc.boolean(),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
});

describe('property: the fast path plus csv-parse fallback gives exactly what csv-parse gives', () => {
  it.each([
    ['unicode', tableArbOf(fieldArb)],
    ['ASCII (the plain-line path)', tableArbOf(asciiFieldArb)],
  ])('on random %s tables with random quoting, delimiters, line ends and chunking', (_name, tableArb) => {
    fc.assert(
      fc.property(tableArb, ({ delimiter, rows, finalEol, cuts }) => {
        let text = '';
        const expectedLines: number[] = [];
        const expectedRows: string[][] = [];
        rows.forEach((r, i) => {
          const line = r.fields.map((f) => writeField(f.value, delimiter, f.quote)).join(delimiter);
          // An empty line (one empty unquoted field) is skipped.
          if (line !== '') {
            expectedLines.push(1 + lineBreaks(text));
            expectedRows.push(r.fields.map((f) => f.value));
          }
          text += line;
          if (i < rows.length - 1 || finalEol) text += r.eol;
        });
        const bytes = Buffer.from(text, 'utf8');
        const reference = csvParse(bytes, { ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter], delimiter }) as string[][];
        const got = readAll(bytes, delimiter, cuts);
        expect(got.bad).toEqual([]);
        expect(got.records.map((r) => r.fields)).toEqual(reference);
        // And the records are the table's rows, on the lines where they start.
        expect(got.records.map((r) => r.fields)).toEqual(expectedRows);
        expect(got.records.map((r) => r.line)).toEqual(expectedLines);
      }),
      { numRuns: runs(300, 3000) },
    );
  });

  it('on unquoted text with stray quotes (csv-parse relax_quotes)', () => {
    const chars = fc.constantFrom('a', ' ', '"', ',', 'x', '\n');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const bytes = Buffer.from(text);
        let reference: string[][] | null;
        try {
          reference = csvParse(bytes, { ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter], delimiter: ',' }) as string[][];
        } catch {
          reference = null;
        }
        const got = readAll(bytes, ',', []);
        // Where csv-parse reads the text, the reader gives the same records;
        // where it refuses it, the reader reports bad rows instead.
        if (reference !== null) {
          expect(got.bad).toEqual([]);
          expect(got.records.map((r) => r.fields)).toEqual(reference);
        } else {
          expect(got.bad.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: runs(300, 3000) },
    );
  });

  it('never throws on random bytes, and accounts for lines in order', () => {
    const byte = fc.constantFrom(0x61, 0x2c, 0x09, 0x3b, 0x22, 0x0d, 0x0a, 0x00, 0xff, 0xc3, 0xa9, 0x20);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (arr, cuts) => {
        const bytes = Buffer.from(arr);
        const got = readAll(bytes, 'auto', cuts);
        const whole = readAll(bytes, 'auto', []);
        expect(got).toEqual(whole);
        const all = [...got.records.map((r) => r.line), ...got.bad.map((b) => b.line)].sort((a, b) => a - b);
        expect(new Set(all).size).toBe(all.length);
        expect(all.every((l) => l >= 1 && l <= 1 + lineBreaks(bytes.toString('latin1')))).toBe(true);
      }),
      { numRuns: runs(300, 3000) },
    );
  });
});

describe('property: CSV round trip through files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edvet-csv-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  it('random tables survive any delimiter, quoting, line end, encoding and compression', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((width) =>
          fc.record({
            header: fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ ]{0,8}$/), { minLength: width, maxLength: width }),
            rows: fc.array(fc.array(fc.record({ value: fieldArb, quote: fc.boolean() }), { minLength: width, maxLength: width }), { maxLength: 12 }),
            delimiter: delimArb,
            eol: eolArb,
            finalEol: fc.boolean(),
            encoding: fc.constantFrom('utf8', 'utf8-bom', 'utf16le', 'utf16be', 'gzip', 'gzip-utf16le'),
            chunkSize: fc.integer({ min: 1, max: 5000 }),
          }),
        ),
        async ({ header, rows, delimiter, eol, finalEol, encoding, chunkSize }) => {
          const table = [header.map((h) => ({ value: h, quote: false })), ...rows];
          const lines = table.map((r) => r.map((f) => writeField(f.value, delimiter, f.quote)).join(delimiter));
          const text = lines.join(eol) + (finalEol ? eol : '');
          const utf16le = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
          let bytes: Buffer;
          switch (encoding) {
            case 'utf8':
              bytes = Buffer.from(text, 'utf8');
              break;
            case 'utf8-bom':
              bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
              break;
            case 'utf16le':
              bytes = utf16le(text);
              break;
            case 'utf16be': {
              const le = Buffer.from(text, 'utf16le');
              le.swap16();
              bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
              break;
            }
            case 'gzip':
              bytes = gzipSync(Buffer.from(text, 'utf8'));
              break;
            default:
              bytes = gzipSync(utf16le(text));
              break;
          }
          const path = join(dir, `t${n++}.csv`);
          writeFileSync(path, bytes);
          const { reader, records, bad } = collectingReader();
          const info = await readTextChunks(path, { file: path, chunkSize, onChunk: (c) => reader.push(c) });
          reader.end();
          expect(info.gzip).toBe(encoding.startsWith('gzip'));
          expect(reader.delimiter).toBe(delimiter);
          expect(bad).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(table.map((r) => r.map((f) => f.value)));
          let line = 1;
          const expectedLines = lines.map((l) => {
            const at = line;
            line += lineBreaks(l) + 1;
            return at;
          });
          expect(records.map((r) => r.line)).toEqual(expectedLines);
        },
      ),
      { numRuns: runs(100, 300) },
    );
  });
});
