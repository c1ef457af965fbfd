/**
 * Real public sample files (../shared/samples, beside the project): the
 * csv-spectrum acid tests, csvkit's odd examples, and a real Moodle log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../src/model/errors.js';
import { collectingReader, parseCsvBytes } from '../../src/load/csv/records.js';
import { readTextChunks } from '../../src/load/csv/source.js';
import { isNoneValue, readUsageFile } from '../../src/load/usage/read.js';
import { parseTimestamp } from '../../src/load/usage/timestamps.js';
import type { ReadUsageOptions } from '../../src/load/usage/types.js';
import { needsShared, sharedPath } from '../shared-dir.js';

const SKIP = needsShared('test/samples/csv-samples.test.ts, the public CSV samples (csv-spectrum, csvkit, Moodle logs)');

const SAMPLES = sharedPath('samples');
const SPECTRUM = join(SAMPLES, 'csv-edge', 'csv-spectrum');
const CSVKIT = join(SAMPLES, 'csv-edge', 'csvkit-examples');
const MOODLE = join(SAMPLES, 'moodle-logs');

const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** A file through the whole low-level path: encoding detection, then the record reader. */
async function readRecords(path: string) {
  const { reader, records, bad } = collectingReader();
  const info = await readTextChunks(path, { file: path, onChunk: (c) => reader.push(c) });
  reader.end();
  return { records, bad, fields: records.map((r) => r.fields), delimiter: reader.delimiter, encoding: info.encoding };
}

function options(over: Partial<ReadUsageOptions> = {}): ReadUsageOptions & { events: { day: number; user: string; app: string }[] } {
  const events: { day: number; user: string; app: string }[] = [];
  return {
    customFormats: [],
    timezone: 'UTC',
    dateOrder: 'mdy',
    asOfDay: day('2030-01-01'),
    sink: { add: (d, user, app) => events.push({ day: d, user, app }) },
    events,
    ...over,
  };
}

describe.skipIf(SKIP)('csv-spectrum', () => {
  const cases = SKIP ? [] : readdirSync(join(SPECTRUM, 'csvs')).filter((f) => f.endsWith('.csv'));
  it('has its cases', () => expect(cases.length).toBe(11));
  it.each(cases)('%s parses to its expected JSON', (name) => {
    const expected = JSON.parse(readFileSync(join(SPECTRUM, 'json', name.replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string>[];
    const { records, bad } = parseCsvBytes(readFileSync(join(SPECTRUM, 'csvs', name)));
    expect(bad).toEqual([]);
    const [header, ...rows] = records.map((r) => r.fields);
    const objects = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(objects).toEqual(expected);
  });
});

describe.skipIf(SKIP)('csvkit examples, read by the low-level reader', () => {
  it('test_utf8_bom.csv: the BOM is dropped', async () => {
    const r = await readRecords(join(CSVKIT, 'test_utf8_bom.csv'));
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.fields).toEqual([['foo', 'bar', 'baz'], ['1', '2', '3'], ['4', '5', 'ʤ']]);
  });
  it('test_utf8.csv', async () => {
    expect((await readRecords(join(CSVKIT, 'test_utf8.csv'))).fields).toEqual([['foo', 'bar', 'baz'], ['1', '2', '3'], ['4', '5', 'ʤ']]);
  });
  it.each([
    ['test_utf16_little.csv', 'utf-16le'],
    ['test_utf16_big.csv', 'utf-16be'],
  ])('%s is decoded as %s', async (name, encoding) => {
    const r = await readRecords(join(CSVKIT, name));
    expect(r.encoding).toBe(encoding);
    expect(r.fields).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['4', '5', 'ʤ']]);
  });
  it('test_latin1.csv: the row with a Latin-1 byte is a bad row', async () => {
    const r = await readRecords(join(CSVKIT, 'test_latin1.csv'));
    expect(r.fields).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(r.bad).toEqual([{ line: 3, reason: 'invalid UTF-8' }]);
  });
  it('mac_newlines.csv: CR-only line ends, a CR inside quotes', async () => {
    const r = await readRecords(join(CSVKIT, 'mac_newlines.csv'));
    expect(r.fields).toEqual([['a', 'b', 'c'], ['1', '2', '3'], ['Once upon\ra time', '5', '6']]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
  });
  it('null_byte.csv: the row with a NUL is a bad row', async () => {
    const r = await readRecords(join(CSVKIT, 'null_byte.csv'));
    expect(r.fields).toEqual([['a', 'b', 'c']]);
    expect(r.bad).toEqual([{ line: 2, reason: 'NUL byte' }]);
  });
  it('bad.csv and bad_skip_lines.csv: ragged rows keep their widths (and blank lines their count)', async () => {
    const a = await readRecords(join(CSVKIT, 'bad.csv'));
    expect(a.fields.map((f) => f.length)).toEqual([3, 4, 2, 3]);
    expect(a.fields[1][3]).toBe("I'm too long!");
    const b = await readRecords(join(CSVKIT, 'bad_skip_lines.csv'));
    expect(b.fields).toEqual(a.fields);
    expect(b.records.map((x) => x.line)).toEqual([4, 5, 6, 7]);
  });
  it('test_skip_lines.csv: blank lines before the header', async () => {
    const r = await readRecords(join(CSVKIT, 'test_skip_lines.csv'));
    expect(r.fields).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(r.records.map((x) => x.line)).toEqual([4, 5]);
  });
  it('test_header_newline.csv: control characters and line breaks inside a quoted header', async () => {
    const r = await readRecords(join(CSVKIT, 'test_header_newline.csv'));
    expect(r.fields).toEqual([['\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r', 'b', 'c'], ['d', 'e', 'f']]);
    // Three LFs and three bare CRs inside the quotes.
    expect(r.records.map((x) => x.line)).toEqual([1, 8]);
  });
  it('dummy.tsv: tab-delimited', async () => {
    const r = await readRecords(join(CSVKIT, 'dummy.tsv'));
    expect(r.delimiter).toBe('\t');
    expect(r.fields).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });
  it('test_empty_columns*.csv: empty and missing trailing fields', async () => {
    expect((await readRecords(join(CSVKIT, 'test_empty_columns.csv'))).fields).toEqual([
      ['a', 'b', 'c', '', ''],
      ['a', '', '', '', ''],
      ['', '', 'c', ''],
      ['', '', '', '', ''],
    ]);
    expect((await readRecords(join(CSVKIT, 'test_empty_columns_long_row.csv'))).fields).toEqual([['a', 'b', 'c'], ['', '', '', '']]);
    expect((await readRecords(join(CSVKIT, 'test_empty_columns_short_row.csv'))).fields).toEqual([['a', 'b', 'c'], ['', '']]);
  });
  it('test_locale.csv, optional_quote_characters.csv, test_no_leading_zeroes.csv: values stay text', async () => {
    expect((await readRecords(join(CSVKIT, 'test_locale.csv'))).fields).toEqual([['a', 'b', 'c'], ['1,7', '200.000.000', '']]);
    expect((await readRecords(join(CSVKIT, 'optional_quote_characters.csv'))).fields).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect((await readRecords(join(CSVKIT, 'test_no_leading_zeroes.csv'))).fields).toEqual([['a', 'b', 'c'], ['01', '00.11', '0.1']]);
  });
  it('blanks.csv: which null markers mean none', async () => {
    const [, values] = (await readRecords(join(CSVKIT, 'blanks.csv'))).fields;
    expect(values).toEqual(['', 'NA', 'N/A', 'NONE', 'NULL', '.']);
    expect(values.map(isNoneValue)).toEqual([true, true, true, false, true, false]);
  });
  it('test_date_format.csv: day-first dates need dmy', async () => {
    const [, a, b] = (await readRecords(join(CSVKIT, 'test_date_format.csv'))).fields.map((f) => f[0]);
    expect(parseTimestamp(a, { timezone: 'UTC', dateOrder: 'mdy' })).toBe(day('2014-02-01'));
    expect(parseTimestamp(a, { timezone: 'UTC', dateOrder: 'dmy' })).toBe(day('2014-01-02'));
    expect(parseTimestamp(b, { timezone: 'UTC', dateOrder: 'mdy' })).toBeNull();
    expect(parseTimestamp(b, { timezone: 'UTC', dateOrder: 'dmy' })).toBe(day('2012-12-31'));
  });
  it('test_numeric_date_format.csv: compact yyyymmdd is not an accepted timestamp', async () => {
    const values = (await readRecords(join(CSVKIT, 'test_numeric_date_format.csv'))).fields.slice(1).map((f) => f[0]);
    expect(values).toEqual(['20140102', '20121231']);
    expect(values.map((v) => parseTimestamp(v, { timezone: 'UTC', dateOrder: 'mdy' }))).toEqual([null, null]);
  });
});

describe.skipIf(SKIP)('csvkit examples, as usage exports', () => {
  const names = SKIP ? [] : readdirSync(CSVKIT).filter((f) => /\.(csv|tsv)$/.test(f));
  it.each(names)('%s is refused with one clear line naming the file', async (name) => {
    let err: unknown;
    try {
      await readUsageFile(join(CSVKIT, name), options({ displayPath: `samples/${name}` }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EdvetError);
    const e = err as EdvetError;
    expect(e.kind).toBe('input');
    expect(e.message.startsWith(`samples/${name}`)).toBe(true);
    expect(e.message).not.toMatch(/[\u0000-\u001f]/);
    expect(e.stack ?? '').toBeDefined();
  });

  it('bad.csv read through a custom format: ragged rows are bad rows, and no row is usable', async () => {
    const opts = options({ customFormats: [{ name: 'csvkit', columns: { timestamp: 'column_a', user: 'column_b', app: 'column_c' } }] });
    await expect(readUsageFile(join(CSVKIT, 'bad.csv'), opts)).rejects.toThrow(/no usable sign-in in 3 rows \(2 wrong column count, 1 unparsable timestamp\); first bad lines: 2, 3, 4/);
  });

  it('the UTF-16 examples are refused for their header, not their encoding', async () => {
    await expect(readUsageFile(join(CSVKIT, 'test_utf16_big.csv'), options())).rejects.toThrow(/test_utf16_big\.csv:1: the header matches no usage format .*the first row \(3 cells\) holds no column name edvet knows/);
  });
});

describe.skipIf(SKIP)('Moodle sample logs', () => {
  it('example_platform_logs.csv (leading index column) reads as moodle-log', async () => {
    const opts = options();
    const report = await readUsageFile(join(MOODLE, 'example_platform_logs.csv'), opts);
    expect(report).toEqual({
      path: join(MOODLE, 'example_platform_logs.csv'),
      format: 'moodle-log',
      rows: 20,
      used: 6,
      skipped: { 'no user': 13, 'not an app': 1 },
      bad: {},
      firstBad: [],
      kind: 'events',
      firstDay: day('2023-01-23'),
      lastDay: day('2023-01-23'),
    });
    expect(new Set(opts.events.map((e) => e.day))).toEqual(new Set([day('2023-01-23')]));
    expect(new Set(opts.events.map((e) => e.user)).size).toBe(2);
    expect(opts.events.map((e) => e.app)).toContain('URL: Video: YouTube');
  });

  it('example_database_data.csv reads with a custom format: epoch seconds, \\N, two index columns', async () => {
    const opts = options({ customFormats: [{ name: 'moodle-db', columns: { timestamp: 'timecreated', user: 'userid', app: 'courseid' } }] });
    const report = await readUsageFile(join(MOODLE, 'example_database_data.csv'), opts);
    expect(report).toMatchObject({ format: 'moodle-db', rows: 20, used: 20, bad: {}, skipped: {} });
    expect(new Set(opts.events.map((e) => e.day))).toEqual(new Set([day('2020-12-01')]));
  });

  it('the role and course extracts are not usage exports: refused clearly', async () => {
    for (const name of readdirSync(MOODLE).filter((f) => f.endsWith('.csv') && f !== 'example_platform_logs.csv' && f !== 'example_database_data.csv')) {
      await expect(readUsageFile(join(MOODLE, name), options())).rejects.toThrow(/matches no usage format|no data rows/);
    }
  });
});
