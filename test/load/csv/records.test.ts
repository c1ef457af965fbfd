import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../../src/model/errors.js';
import { collectingReader, parseCsvBytes, type CsvReaderOptions } from '../../../src/load/csv/records.js';

const parse = (text: string | Buffer, opts?: CsvReaderOptions) => parseCsvBytes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, opts);
const fields = (text: string | Buffer, opts?: CsvReaderOptions) => parse(text, opts).records.map((r) => r.fields);
const lines = (text: string | Buffer, opts?: CsvReaderOptions) => parse(text, opts).records.map((r) => r.line);

/** The same input fed in pieces of `size` bytes. */
function chunked(bytes: Buffer, size: number, opts?: CsvReaderOptions) {
  const { reader, records, bad } = collectingReader(opts);
  for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
  reader.end();
  return { records, bad };
}

describe('line ends', () => {
  it('reads LF, CRLF, CR-only and mixed line ends, with or without a final one', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      expect(fields(`a,b${nl}1,2${nl}3,4${nl}`)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
      expect(fields(`a,b${nl}1,2${nl}3,4`)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
      expect(lines(`a,b${nl}1,2${nl}3,4`)).toEqual([1, 2, 3]);
    }
    expect(fields('a,b\r\n1,2\n3,4\r5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(lines('a,b\r\n1,2\n3,4\r5,6')).toEqual([1, 2, 3, 4]);
  });

  it('skips empty lines but counts them', () => {
    const text = '\n\n\na,b\n\n1,2\r\n\r\n3,4\n\n';
    expect(fields(text)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(lines(text)).toEqual([4, 6, 8]);
  });

  it('keeps a line of empty fields', () => {
    expect(fields('a,b\n,\n""\n')).toEqual([['a', 'b'], ['', ''], ['']]);
  });
});

describe('quoting (RFC 4180)', () => {
  it('reads quoted delimiters, doubled quotes, quoted line breaks', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\n"cr\r\nlf",2,3\nlast,"",\n';
    expect(fields(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['cr\r\nlf', '2', '3'],
      ['last', '', ''],
    ]);
    expect(lines(text)).toEqual([1, 2, 4, 6]);
  });

  it('treats a quote inside an unquoted field as a character', () => {
    expect(fields('a,b\nsay "hi",5 "in"\n')).toEqual([['a', 'b'], ['say "hi"', '5 "in"']]);
  });

  it('reads a quoted field followed by text as csv-parse does (relaxed)', () => {
    expect(fields('a,b\n"abc"def,x\n')).toEqual([['a', 'b'], ['"abc"def', 'x']]);
  });

  it('counts an unterminated quote at the end of input as a bad row', () => {
    const r = parse('a,b\n1,2\n"open,3\n4,5\n');
    expect(r.records.map((x) => x.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(r.bad).toEqual([{ line: 3, reason: 'unterminated quote' }]);
  });

  it('refuses a quoted field that runs on past the record limit, with its line', () => {
    const text = `a,b\n1,2\n"${'x'.repeat(200)}\n`.repeat(1) + 'y,z\n'.repeat(100);
    expect(() => chunked(Buffer.from(text), 16, { maxRecordBytes: 64, file: 'f.csv' })).toThrowError(EdvetError);
    expect(() => chunked(Buffer.from(text), 16, { maxRecordBytes: 64, file: 'f.csv' })).toThrow(/^f\.csv:3: a quoted field runs on/);
  });
});

describe('bytes', () => {
  it('counts a NUL byte and invalid UTF-8 as bad rows, and decodes valid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,\u0000\n2,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n3,café 漢字 🎒\n"4",\u0000\n"5","caf'),
      Buffer.from([0xff]),
      Buffer.from('"\n'),
    ]);
    const r = parse(bytes);
    expect(r.records.map((x) => x.fields)).toEqual([['a', 'b'], ['3', 'café 漢字 🎒']]);
    expect(r.bad).toEqual([
      { line: 2, reason: 'NUL byte' },
      { line: 3, reason: 'invalid UTF-8' },
      { line: 5, reason: 'NUL byte' },
      { line: 6, reason: 'invalid UTF-8' },
    ]);
  });

  it('finds every NUL of an all-ASCII input, CRLF or LF', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = ['a,b', '1,2', '\u0000,3', '4,5', '6,\u0000', '7,8', '9,10'].join(nl) + nl;
      const r = parse(text);
      expect(r.records.map((x) => x.fields)).toEqual([['a', 'b'], ['1', '2'], ['4', '5'], ['7', '8'], ['9', '10']]);
      expect(r.bad).toEqual([
        { line: 3, reason: 'NUL byte' },
        { line: 5, reason: 'NUL byte' },
      ]);
    }
  });

  it('skips an overlong unquoted line as a bad row and carries on', () => {
    const text = `a,b\n1,2\n${'x'.repeat(300)}\n3,4\n`;
    const r = chunked(Buffer.from(text), 50, { maxRecordBytes: 100 });
    expect(r.records.map((x) => x.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 4]);
    expect(r.bad).toEqual([{ line: 3, reason: 'line too long' }]);
  });
});

describe('delimiter detection', () => {
  it('picks comma, tab or semicolon from the first line, ignoring quoted ones', () => {
    expect(parse('a,b,c\n1,2,3\n').delimiter).toBe(',');
    expect(parse('a\tb\tc\n1\t2\t3\n').delimiter).toBe('\t');
    expect(parse('a;b;c\n1;2;3\n').delimiter).toBe(';');
    expect(parse('"x;y;z",b\n1,2\n').delimiter).toBe(',');
    expect(parse('\n\na;b\n').delimiter).toBe(';');
    expect(parse('single\n1\n').delimiter).toBe(',');
    expect(fields('a;b\n"1;2";3\n')).toEqual([['a', 'b'], ['1;2', '3']]);
  });

  it('takes a fixed delimiter', () => {
    expect(fields('a;b,c\n', { delimiter: ',' })).toEqual([['a;b', 'c']]);
  });
});

describe('chunk boundaries', () => {
  const samples = [
    'a,b,c\r\n1,"two\r\nlines",3\r\n"x""y",,"z"\r\n\r\nend,of,file',
    'a,b\r1,2\r"3\r4",5\r',
    'h1;h2\n"é";"漢字"\n🎒;"🎒"\n',
    'a\tb\n"q""q"\t""\n\n\n1\t2',
  ];
  it.each(samples)('gives the same records for every chunk size: %j', (text) => {
    const bytes = Buffer.from(text, 'utf8');
    const whole = parse(bytes);
    for (let size = 1; size <= bytes.length; size++) {
      const r = chunked(bytes, size);
      expect(r.records).toEqual(whole.records);
      expect(r.bad).toEqual(whole.bad);
    }
  });
});
