import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageAggregator } from '../../../src/engine/aggregate.js';
import { EdvetError } from '../../../src/model/errors.js';
import type { Role } from '../../../src/model/types.js';
import { parseCsvBytes } from '../../../src/load/csv/records.js';
import { readTextChunks } from '../../../src/load/csv/source.js';
import { BUILTIN_FORMATS, isNoneValue, normaliseRole, readUsageFile } from '../../../src/load/usage/read.js';
import type { CustomFormat, ReadUsageOptions } from '../../../src/load/usage/types.js';

const FIX = fileURLToPath(new URL('../../../fixtures/usage/', import.meta.url));

const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

interface Ev {
  day: string;
  user: string;
  app: string;
  appId: string | undefined;
  role: Role;
}

async function read(name: string, over: Partial<ReadUsageOptions> = {}) {
  const events: Ev[] = [];
  const report = await readUsageFile(resolve(FIX, name), {
    customFormats: [],
    timezone: 'UTC',
    dateOrder: 'mdy',
    asOfDay: day('2025-10-31'),
    sink: {
      add(d, user, app, appId, role) {
        events.push({ day: iso(d), user, app, appId, role });
      },
      addCountRow() {},
    },
    ...over,
  });
  return { report, events };
}

async function readError(name: string, over: Partial<ReadUsageOptions> = {}): Promise<EdvetError> {
  try {
    await read(name, over);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    return e as EdvetError;
  }
  throw new Error(`expected ${name} to be refused`);
}

const CLASSLINK: CustomFormat = {
  name: 'classlink-logins',
  detect: ['Login Time', 'Username', 'App Name'],
  columns: { timestamp: 'Login Time', user: 'Username', app: 'App Name', role: 'Role', school: 'Building' },
  date_order: 'mdy',
  skip_when: { column: 'Result', not_in: ['Success'] },
};
const SCHOOLOGY: CustomFormat = {
  name: 'schoology-usage',
  detect: ['Date', 'User ID', 'Role'],
  columns: { timestamp: 'Date', user: 'User ID', role: 'Role' },
  app: 'Schoology',
};

describe('exports', () => {
  it('lists the built-in formats in detection order', () => {
    expect(BUILTIN_FORMATS).toEqual([
      'edvet', 'edvet-summary', 'entra-signins', 'canvas-last-access', 'canvas-access-tokens', 'moodle-log',
      'edvet-last-seen', 'edvet-counts', 'google-token-audit', 'google-saml', 'google-oauth-log', 'google-user-report',
    ]);
    expect(normaliseRole(' Teacher ')).toBe('teacher');
  });
});

describe('edvet format', () => {
  it('reads every timestamp form, roles, app ids, and counts skipped and bad rows', async () => {
    const { report, events } = await read('edvet.csv');
    expect(report).toEqual({
      path: join(FIX, 'edvet.csv'),
      format: 'edvet',
      rows: 12,
      used: 7,
      skipped: { 'after as-of': 1 },
      bad: { 'unparsable timestamp': 1, 'empty user': 1, 'empty app': 1, 'wrong column count': 1 },
      firstBad: [
        { line: 8, reason: 'unparsable timestamp' },
        { line: 9, reason: 'empty user' },
        { line: 10, reason: 'empty app' },
        { line: 11, reason: 'wrong column count' },
      ],
      kind: 'events',
      firstDay: day('2025-09-02'),
      lastDay: day('2025-09-05'),
    });
    expect(events).toEqual([
      { day: '2025-09-02', user: 'stu-0001', app: 'Khan Academy', appId: 'khan', role: 'student' },
      { day: '2025-09-02', user: 'stu-0002', app: 'Khan Academy', appId: 'khan', role: 'student' },
      { day: '2025-09-03', user: 'tch-0001', app: 'Desmos', appId: undefined, role: 'teacher' },
      { day: '2025-09-03', user: 'stf-0001', app: 'Desmos', appId: 'desmos', role: 'staff' },
      { day: '2025-09-04', user: 'par-0001', app: 'Seesaw', appId: 'seesaw', role: 'family' },
      { day: '2025-09-04', user: '00042', app: 'Seesaw', appId: 'seesaw', role: 'student' },
      { day: '2025-09-05', user: 'stu-0007', app: 'Desmos', appId: 'desmos', role: 'staff' },
    ]);
  });

  it('names the file as displayPath says', async () => {
    const { report } = await read('edvet.csv', { displayPath: 'exports/edvet.csv' });
    expect(report.path).toBe('exports/edvet.csv');
  });

  it('ignores an unnamed leading index column', async () => {
    const { report, events } = await read('edvet-index-column.csv');
    expect(report.format).toBe('edvet');
    expect(events.map((e) => e.user)).toEqual(['idx-0001', 'idx-0002']);
  });

  it('reports progress with bytes, size and rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edvet-progress-'));
    const path = join(dir, 'big.csv');
    let text = 'timestamp,user_id,role,app\n';
    for (let i = 0; i < 60_000; i++) text += `2025-09-02T08:00:00Z,p${i % 977},student,App ${i % 7}\n`;
    writeFileSync(path, text);
    const calls: [number, number, number][] = [];
    const { report } = await read(path, { onProgress: (b, t, r) => calls.push([b, t, r]) });
    expect(report.used).toBe(60_000);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const last = calls[calls.length - 1];
    expect(last[0]).toBe(last[1]);
    expect(last[1]).toBe(Buffer.byteLength(text));
    expect(calls.every((c, i) => i === 0 || c[0] >= calls[i - 1][0])).toBe(true);
  });
});

describe('edvet-summary format', () => {
  it('emits each row on last_seen, once per sign-in it counts (sign_ins)', async () => {
    const { report, events } = await read('edvet-summary.csv');
    expect(report.format).toBe('edvet-summary');
    expect(report.rows).toBe(6);
    expect(report.used).toBe(3);
    expect(report.skipped).toEqual({ 'after as-of': 1 });
    expect(report.bad).toEqual({ 'empty user': 1, 'unparsable timestamp': 1 });
    expect(report.firstBad).toEqual([
      { line: 6, reason: 'empty user' },
      { line: 7, reason: 'unparsable timestamp' },
    ]);
    const first = (day: string) => events.find((e) => e.day === day);
    expect([first('2025-09-29'), first('2025-10-02'), first('2025-10-31')]).toEqual([
      { day: '2025-09-29', user: 'stu-0101', app: 'Khan Academy', appId: undefined, role: 'student' },
      { day: '2025-10-02', user: 'stu-0101', app: 'Khan Academy', appId: undefined, role: 'student' },
      { day: '2025-10-31', user: 'tch-0101', app: 'Desmos', appId: undefined, role: 'teacher' },
    ]);
    const count = (day: string) => events.filter((e) => e.day === day).length;
    expect([count('2025-09-29'), count('2025-10-02'), count('2025-10-31')]).toEqual([14, 3, 7]);
    expect(events).toHaveLength(24);
  });
});

describe('the monthly trend from the readers (usage-sources.md "Monthly trend")', () => {
  async function trend(name: string) {
    const asOfDay = day('2025-10-31');
    const agg = new UsageAggregator({ roster: null, match: () => 0, productCount: 1, teacherPattern: null, asOfDay });
    await readUsageFile(resolve(FIX, name), { customFormats: [], timezone: 'UTC', dateOrder: 'mdy', asOfDay, sink: agg });
    const q = { activeFrom: 0, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null };
    return { f: agg.figures(0, q), months: (m: string) => agg.figures(0, q).monthly?.find((e) => e.month === m) };
  }

  it('an edvet-summary row is a user active in the month of its last_seen', async () => {
    const { f, months } = await trend('edvet-summary.csv');
    expect(f.monthly).toHaveLength(12);
    expect(months('2025-09')).toEqual({ month: '2025-09', activeUsers: 1, activeTeachers: 0 });
    expect(months('2025-10')).toEqual({ month: '2025-10', activeUsers: 2, activeTeachers: 1 });
    expect(months('2025-08')).toEqual({ month: '2025-08', activeUsers: null, activeTeachers: null }); // before the run's first event
  });

  it('last-seen rows (canvas-last-access) give active users but no trend', async () => {
    const { f } = await trend('canvas-last-access.csv');
    expect(f.activeUsers).toBeGreaterThan(0);
    expect(f.monthly).toBeNull();
  });
});

describe('entra-signins format', () => {
  it('keeps only successful sign-ins, falls back to User ID, reads the trailing-space Application ID', async () => {
    const { report, events } = await read('entra-signins.csv');
    expect(report.format).toBe('entra-signins');
    expect(report.rows).toBe(4);
    expect(report.skipped).toEqual({ 'not a successful sign-in': 2 });
    expect(report.bad).toEqual({});
    expect(events).toEqual([
      { day: '2025-09-02', user: 'avery.lee@district.example', app: 'Clever', appId: 'a0c4e3b1-1111-4222-8333-444444444444', role: 'unknown' },
      {
        day: '2025-09-03',
        user: '11111111-aaaa-4bbb-8ccc-000000000004',
        app: 'Google Classroom',
        appId: 'b1d5f4c2-2222-4333-8444-555555555555',
        role: 'unknown',
      },
    ]);
  });

  it('counts a sign-in on its date in the policy time zone', async () => {
    const { events } = await read('entra-signins.csv', { timezone: 'America/Chicago' });
    // 2025-09-03T01:15Z is the evening of 2 September in Chicago.
    expect(events.map((e) => e.day)).toEqual(['2025-09-02', '2025-09-02']);
  });
});

describe('canvas-last-access format', () => {
  it('uses the SIS id else the Canvas id, the constant app Canvas, and skips never', async () => {
    const { report, events } = await read('canvas-last-access.csv');
    expect(report.format).toBe('canvas-last-access');
    expect(report.rows).toBe(5);
    expect(report.used).toBe(3);
    expect(report.skipped).toEqual({ 'never signed in': 2 });
    expect(events).toEqual([
      { day: '2025-09-02', user: 'S0001', app: 'Canvas', appId: undefined, role: 'unknown' },
      { day: '2025-09-03', user: '1002', app: 'Canvas', appId: undefined, role: 'unknown' },
      { day: '2025-09-05', user: 'S0001', app: 'Canvas', appId: undefined, role: 'unknown' },
    ]);
    const chicago = await read('canvas-last-access.csv', { timezone: 'America/Chicago' });
    expect(chicago.events[1].day).toBe('2025-09-02');
  });
});

describe('canvas-access-tokens format', () => {
  it('uses the developer key as app and id, and skips never-used tokens', async () => {
    const { report, events } = await read('canvas-access-tokens.csv');
    expect(report.format).toBe('canvas-access-tokens');
    expect(report.used).toBe(2);
    expect(report.skipped).toEqual({ 'never used': 2 });
    expect(events).toEqual([
      { day: '2025-09-10', user: '2001', app: 'Kami', appId: '170000000000045', role: 'unknown' },
      { day: '2025-09-11', user: '2003', app: 'Newsela', appId: '170000000000077', role: 'unknown' },
    ]);
  });
});

describe('moodle-log format', () => {
  it('reads day-first two-digit-year times, skips - users and User: contexts, accepts a Course column first', async () => {
    const { report, events } = await read('moodle-log.csv');
    expect(report.format).toBe('moodle-log');
    expect(report.rows).toBe(5);
    expect(report.used).toBe(2);
    expect(report.skipped).toEqual({ 'not an app': 1, 'no user': 1 });
    expect(report.bad).toEqual({ 'unparsable timestamp': 1 });
    expect(report.firstBad).toEqual([{ line: 6, reason: 'unparsable timestamp' }]);
    expect(events).toEqual([
      { day: '2025-09-02', user: 'Avery Lee', app: 'External tool: Kami', appId: undefined, role: 'unknown' },
      { day: '2025-09-03', user: 'Jordan Kim', app: 'Course: Biology 7', appId: undefined, role: 'unknown' },
    ]);
  });

  it('takes date_order and timezone from a policy entry named moodle-log', async () => {
    const { report, events } = await read('moodle-log.csv', {
      customFormats: [{ name: 'moodle-log', date_order: 'mdy', timezone: 'Asia/Tokyo' }],
      asOfDay: day('2025-12-31'),
    });
    expect(report.format).toBe('moodle-log');
    // Month first: 2/09/25 is 9 February; 08:15 in Tokyo is 8 February 23:15 UTC.
    expect(events.map((e) => e.day)).toEqual(['2025-02-08', '2025-03-09']);
  });
});

describe('custom formats', () => {
  it('detects a custom format before the built-ins and applies skip_when (ignoring case)', async () => {
    const { report, events } = await read('custom-classlink.csv', { customFormats: [SCHOOLOGY, CLASSLINK] });
    expect(report.format).toBe('classlink-logins');
    expect(report.used).toBe(3);
    expect(report.skipped).toEqual({ 'skip_when Result': 1 });
    expect(events).toEqual([
      { day: '2025-09-02', user: 'avery.lee', app: 'Khan Academy', appId: undefined, role: 'student' },
      { day: '2025-09-02', user: 'jordan.kim', app: 'Desmos', appId: undefined, role: 'teacher' },
      { day: '2025-09-03', user: 'riley.chen', app: 'Seesaw', appId: undefined, role: 'family' },
    ]);
  });

  it('uses a constant app and keeps leading zeros of ids', async () => {
    const { report, events } = await read('custom-schoology.csv', { customFormats: [CLASSLINK, SCHOOLOGY] });
    expect(report.format).toBe('schoology-usage');
    expect(events.map((e) => [e.user, e.app, e.role])).toEqual([
      ['00731', 'Schoology', 'student'],
      ['00732', 'Schoology', 'teacher'],
      ['00731', 'Schoology', 'student'],
    ]);
  });

  it('wins over a built-in whose columns are also present', async () => {
    const mine: CustomFormat = { name: 'district-edvet', detect: ['timestamp', 'user_id'], columns: { timestamp: 'timestamp', user: 'user_id', app: 'app' } };
    const { report, events } = await read('edvet-crlf.csv', { customFormats: [mine] });
    expect(report.format).toBe('district-edvet');
    expect(events.every((e) => e.role === 'unknown')).toBe(true);
  });

  it('refuses a skip_when column missing from the header', async () => {
    const f: CustomFormat = { ...SCHOOLOGY, skip_when: { column: 'Outcome', in: ['failed'] } };
    const err = await readError('custom-schoology.csv', { customFormats: [f] });
    expect(err.kind).toBe('input');
    expect(err.message).toContain('"Outcome"');
  });

  it('names the missing columns of a forced custom format', async () => {
    const err = await readError('edvet.csv', { customFormats: [CLASSLINK], forcedFormat: 'classlink-logins' });
    expect(err.kind).toBe('input');
    expect(err.message).toContain('"Login Time"');
    expect(err.message).toContain('"Username"');
    expect(err.message).toContain('"Result"');
    expect(err.message).toContain(join(FIX, 'edvet.csv'));
  });

  it('forces a built-in, and names its missing columns', async () => {
    const ok = await read('edvet-summary.csv', { forcedFormat: 'edvet-summary' });
    expect(ok.report.format).toBe('edvet-summary');
    const err = await readError('edvet-summary.csv', { forcedFormat: 'edvet' });
    expect(err.message).toContain('"timestamp"');
  });

  it('refuses an unknown forced format, listing the known ones', async () => {
    const err = await readError('edvet.csv', { forcedFormat: 'clever', customFormats: [SCHOOLOGY] });
    expect(err.kind).toBe('usage');
    expect(err.message).toContain('schoology-usage');
    expect(err.message).toContain('moodle-log');
  });
});

describe('encodings, delimiters, line ends', () => {
  const expected = [
    { day: '2025-09-02', user: 'enc-0001', app: 'Khan Academy', appId: undefined, role: 'student' },
    { day: '2025-09-02', user: 'enc-0002', app: 'Desmos', appId: undefined, role: 'teacher' },
    { day: '2025-09-03', user: 'enc-0003', app: 'Café Lingua', appId: undefined, role: 'student' },
  ];
  for (const name of [
    'edvet-utf8-bom.csv',
    'edvet-utf16le.csv',
    'edvet-utf16be.tsv',
    'edvet-gzip.csv.gz',
    'edvet-tab.tsv',
    'edvet-semicolon.csv',
    'edvet-cr-only.csv',
    'edvet-crlf.csv',
    'edvet-no-final-newline.csv',
  ]) {
    it(`reads ${name}`, async () => {
      const { report, events } = await read(name);
      expect(report).toMatchObject({ format: 'edvet', rows: 3, used: 3, bad: {}, skipped: {} });
      expect(events).toEqual(expected);
    });
  }

  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping line numbers', async () => {
    const { report, events } = await read('edvet-quoted-newlines.csv');
    expect(events.map((e) => e.app)).toEqual(['Khan "KA" Academy', 'Desmos', 'Multi\nline\nApp', 'Seesaw']);
    expect(report.rows).toBe(5);
    expect(report.firstBad).toEqual([{ line: 9, reason: 'unparsable timestamp' }]);
  });
});

describe('bad rows', () => {
  it('counts invalid UTF-8', async () => {
    const { report, events } = await read('edvet-invalid-utf8.csv');
    expect(report.bad).toEqual({ 'invalid UTF-8': 1 });
    expect(report.firstBad).toEqual([{ line: 2, reason: 'invalid UTF-8' }]);
    expect(events.map((e) => e.user)).toEqual(['bad-0002']);
  });

  it('counts NUL bytes', async () => {
    const { report } = await read('edvet-nul-byte.csv');
    expect(report).toMatchObject({ rows: 2, used: 1, bad: { 'NUL byte': 1 }, firstBad: [{ line: 2, reason: 'NUL byte' }] });
  });

  it('counts an unterminated quote at the end of the file', async () => {
    const { report } = await read('edvet-unterminated-quote.csv');
    expect(report).toMatchObject({ rows: 2, used: 1, bad: { 'unterminated quote': 1 }, firstBad: [{ line: 3, reason: 'unterminated quote' }] });
  });

  it('keeps the first ten bad lines only, but counts them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edvet-bad-'));
    const path = join(dir, 'many-bad.csv');
    let text = 'timestamp,user_id,role,app\n2025-09-01,ok-1,student,Desmos\n';
    for (let i = 0; i < 25; i++) text += `bad time,u${i},student,Desmos\n`;
    writeFileSync(path, text);
    const { report } = await read(path);
    expect(report.bad).toEqual({ 'unparsable timestamp': 25 });
    expect(report.firstBad.map((b) => b.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('time zones', () => {
  it('puts each sign-in on its calendar date in America/Chicago', async () => {
    const { events } = await read('edvet-timezone-chicago.csv', { timezone: 'America/Chicago' });
    expect(events.map((e) => e.day)).toEqual(['2025-09-02', '2025-09-03', '2025-09-02', '2025-01-14', '2025-01-15', '2025-01-14', '2025-09-04']);
  });
  it('and in UTC', async () => {
    const { events } = await read('edvet-timezone-chicago.csv');
    expect(events.map((e) => e.day)).toEqual(['2025-09-03', '2025-09-03', '2025-09-02', '2025-01-15', '2025-01-15', '2025-01-14', '2025-09-05']);
  });
});

describe('files that cannot be used', () => {
  it('refuses an empty file', async () => {
    const err = await readError('empty.csv');
    expect(err.kind).toBe('input');
    expect(err.message).toMatch(/empty\.csv: .*empty/);
  });
  it('refuses a header without rows', async () => {
    const err = await readError('header-only.csv');
    expect(err.message).toMatch(/header-only\.csv:1: no data rows/);
  });
  it('refuses an unknown header, listing the formats; a header of no known shape is not quoted', async () => {
    const err = await readError('unknown-header.csv', { customFormats: [SCHOOLOGY] });
    expect(err.kind).toBe('input');
    expect(err.message).toContain('unknown-header.csv:1:');
    for (const f of [...BUILTIN_FORMATS, 'schoology-usage']) expect(err.message).toContain(f);
    // Issue 16: a first row with no known column name may be a title or data naming people, so it is never echoed.
    expect(err.message).toContain('3 cells');
    expect(err.message).not.toMatch(/"when"|"who"|"what"/);
    expect(err.message).not.toContain('someone');
  });
  it('refuses UTF-16 without a BOM', async () => {
    const err = await readError('utf16-no-bom.csv');
    expect(err.kind).toBe('input');
    expect(err.message).toMatch(/utf16-no-bom\.csv: .*UTF-16.*byte-order mark/);
  });
  it('refuses a file in which no row can be used, naming the file and the reasons', async () => {
    const err = await readError('no-usable-row.csv');
    expect(err.kind).toBe('input');
    expect(err.message).toContain('no-usable-row.csv');
    expect(err.message).toContain('no usable sign-in in 3 rows');
    expect(err.message).toContain('unparsable timestamp');
    expect(err.message).toContain('2, 3, 4');
  });
  it('refuses a missing file', async () => {
    const err = await readError('does-not-exist.csv');
    expect(err.kind).toBe('input');
    expect(err.message).toContain('no such file');
  });
  it('refuses a file whose rows are all after as-of', async () => {
    const err = await readError('edvet-crlf.csv', { asOfDay: day('2025-01-01') });
    expect(err.message).toContain('3 after as-of');
  });
});

describe('very long lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edvet-long-'));
  const header = 'timestamp,user_id,role,app\n';
  it('a 10 MB line is one bad row, and reading carries on', async () => {
    const path = join(dir, 'long-row.csv');
    writeFileSync(path, `${header}2025-09-01,long-1,student,A\n${'x'.repeat(10 << 20)}\n2025-09-02,long-2,student,B\n`);
    const { report, events } = await read(path);
    expect(report).toMatchObject({ rows: 3, used: 2, bad: { 'line too long': 1 }, firstBad: [{ line: 3, reason: 'line too long' }] });
    expect(events.map((e) => e.user)).toEqual(['long-1', 'long-2']);
  });
  it('a 10 MB header is refused', async () => {
    const path = join(dir, 'long-header.csv');
    writeFileSync(path, `${'y'.repeat(10 << 20)}\n2025-09-01,long-3,student,A\n`);
    const err = await readError(path);
    expect(err.message).toMatch(/long-header\.csv:1: the header row cannot be read \(line too long\)/);
  });
  it('an unterminated quote followed by more than 1 MiB is refused with its line', async () => {
    const path = join(dir, 'runaway-quote.csv');
    writeFileSync(path, `${header}2025-09-01,rq-user-4,student,"A\n${'2025-09-02,rq-user-5,student,B\n'.repeat(60_000)}`);
    const err = await readError(path);
    expect(err.kind).toBe('input');
    expect(err.message).toMatch(/runaway-quote\.csv:2: a quoted field runs on for more than 1 MiB \(an unterminated quote\?\)/);
    expect(err.message).not.toContain('rq-user');
  });
});

/** Every user id in a fixture: the values of its user columns. */
async function userIds(name: string): Promise<string[]> {
  const chunks: Buffer[] = [];
  try {
    await readTextChunks(join(FIX, name), { file: name, onChunk: (c) => chunks.push(Buffer.from(c)) });
  } catch {
    // UTF-16 without a BOM: decode it here to learn its ids.
    chunks.length = 0;
    chunks.push(Buffer.from(readFileSync(join(FIX, name)).toString('utf16le'), 'utf8'));
  }
  const { records } = parseCsvBytes(Buffer.concat(chunks));
  if (records.length === 0) return [];
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const userCols = ['user_id', 'username', 'user id', 'user sis id', 'user full name', 'user name', 'affected user', 'user', 'sign-in identifier', 'who', 'actor.email', 'actor', 'email'];
  const cols = header.flatMap((h, i) => (userCols.includes(h) ? [i] : []));
  const ids = new Set<string>();
  for (const r of records.slice(1)) for (const c of cols) if (r.fields[c] !== undefined && !isNoneValue(r.fields[c])) ids.add(r.fields[c].trim());
  return [...ids];
}

describe('privacy', () => {
  const fixtures = readdirFixtures();
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThan(20));
  it.each(fixtures)('no message or report from %s contains a user id', async (name) => {
    const ids = await userIds(name);
    // Counts name nobody (usage-sources.md "edvet-counts").
    if (name !== 'empty.csv' && name !== 'header-only.csv' && name !== 'edvet-counts.csv') expect(ids.length).toBeGreaterThan(0);
    let text: string;
    try {
      const { report } = await read(name, { customFormats: [CLASSLINK, SCHOOLOGY] });
      text = JSON.stringify(report);
    } catch (e) {
      text = (e as Error).message;
    }
    for (const id of ids) expect(text).not.toContain(id);
  });
});

function readdirFixtures(): string[] {
  return readdirSync(FIX).filter((n) => !n.startsWith('.')).sort();
}
