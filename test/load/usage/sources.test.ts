/**
 * The formats of usage-sources.md: Google Workspace (GAM token and SAML
 * reports, the Admin console OAuth log, the GAM user report), edvet-last-seen
 * and edvet-counts. Each fixture is in its format's own shape, quirks
 * included (GAM's repeated names and multi-value cells, a console download's
 * CRLF and BOM, the epoch "never"), and every skip and bad-row reason is asserted.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../../src/model/errors.js';
import type { CountRow, Role } from '../../../src/model/usage.js';
import { readUsageFile } from '../../../src/load/usage/read.js';
import type { CustomFormat, ReadUsageOptions } from '../../../src/load/usage/types.js';

const FIX = fileURLToPath(new URL('../../../fixtures/usage/', import.meta.url));

const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** usage-sources.md "Roles by org unit", the example list. */
const OU_ROLES: ReadUsageOptions['roleByOrgUnit'] = [
  { match: '^/Students(/|$)', role: 'student' },
  { match: '^/Staff/Teachers(/|$)', role: 'teacher' },
  { match: '^/Staff(/|$)', role: 'staff' },
];

interface Rec {
  day: string;
  user: string;
  app: string;
  appId: string | undefined;
  role: Role;
}

async function read(name: string, over: Partial<ReadUsageOptions> = {}) {
  const events: Rec[] = [];
  const counts: (Omit<CountRow, 'start' | 'end'> & { app: string; appId: string | undefined; start: string; end: string })[] = [];
  const report = await readUsageFile(resolve(FIX, name), {
    customFormats: [],
    timezone: 'America/Los_Angeles',
    dateOrder: 'mdy',
    asOfDay: day('2026-11-20'),
    roleByOrgUnit: OU_ROLES,
    displayPath: name,
    sink: {
      add(d, user, app, appId, role) {
        events.push({ day: iso(d), user, app, appId, role });
      },
      addCountRow(app, appId, row) {
        counts.push({ app, appId, ...row, start: iso(row.start), end: iso(row.end) });
      },
    },
    ...over,
  });
  return { report, events, counts };
}

const Q = '111-q.apps.googleusercontent.com';

describe('google-token-audit (GAM report tokens)', () => {
  it('uses activity events only, takes a repeated column’s first non-empty cell, and gives roles by org unit', async () => {
    const { report, events } = await read('google-token-audit.csv');
    expect(report).toMatchObject({
      format: 'google-token-audit',
      kind: 'events',
      rows: 11,
      used: 4,
      skipped: { 'not a use event': 2, 'no user': 1, 'after as-of': 1 },
      bad: { 'unparsable timestamp': 1, 'empty app': 1, 'wrong column count': 1 },
      firstBad: [
        { line: 9, reason: 'unparsable timestamp' },
        { line: 10, reason: 'empty app' },
        { line: 11, reason: 'wrong column count' },
      ],
    });
    expect(events).toEqual([
      { day: '2026-11-19', user: 't1@rusd.example', app: 'Quizly', appId: Q, role: 'teacher' },
      // The first client_id cell is empty: the repeated column's value is taken.
      { day: '2026-11-18', user: 's1@rusd.example', app: 'Quizly', appId: Q, role: 'student' },
      { day: '2026-11-10', user: 's3@rusd.example', app: 'Quizly Add-on', appId: '555-a.apps.googleusercontent.com', role: 'student' },
      // Epoch microseconds; /Staff/Office is staff.
      { day: '2026-11-19', user: 'a1@rusd.example', app: 'MapMaker', appId: '222-m.apps.googleusercontent.com', role: 'staff' },
    ]);
  });

  it('without role_by_org_unit, roles are unknown', async () => {
    const { events } = await read('google-token-audit.csv', { roleByOrgUnit: [] });
    expect(new Set(events.map((e) => e.role))).toEqual(new Set(['unknown']));
  });
});

describe('google-saml (GAM report saml)', () => {
  it('uses login_success only; the org unit is orgunit_path, else actor.orgUnitPath', async () => {
    const { report, events } = await read('google-saml.csv');
    expect(report).toMatchObject({
      format: 'google-saml',
      kind: 'events',
      rows: 8,
      used: 4,
      skipped: { 'not a successful sign-in': 1, 'no user': 1 },
      bad: { 'unparsable timestamp': 1, 'empty app': 1 },
      firstBad: [
        { line: 8, reason: 'unparsable timestamp' },
        { line: 9, reason: 'empty app' },
      ],
    });
    expect(events.map((e) => [e.day, e.user, e.role, e.appId])).toEqual([
      ['2026-11-02', 't1@rusd.example', 'teacher', undefined],
      ['2026-07-20', 't3@rusd.example', 'teacher', undefined],
      ['2026-11-05', 's1@rusd.example', 'student', undefined],
      ['2026-11-06', 'a1@rusd.example', 'staff', undefined],
    ]);
  });
});

describe('google-oauth-log (Admin console download)', () => {
  it('reads Event name/User/Client ID, the console’s date forms in the format’s own zone, and refuses a zone it cannot know', async () => {
    const ny: CustomFormat = { name: 'google-oauth-log', timezone: 'America/New_York' };
    const { report, events } = await read('google-oauth-log.csv', { customFormats: [ny] });
    expect(report).toMatchObject({
      format: 'google-oauth-log',
      rows: 8,
      used: 4,
      skipped: { 'not a use event': 2, 'no user': 1 },
      bad: { 'unparsable timestamp': 1 },
      firstBad: [{ line: 8, reason: 'unparsable timestamp' }],
    });
    expect(events.map((e) => [e.day, e.user, e.appId, e.role])).toEqual([
      ['2026-11-16', 't2@rusd.example', Q, 'unknown'],
      ['2026-11-03', 's6@rusd.example', Q, 'unknown'],
      // 02:00 in New York is 23:00 the day before in Los Angeles.
      ['2026-10-11', 's8@rusd.example', Q, 'unknown'],
      ['2026-11-02', 's9@rusd.example', Q, 'unknown'],
    ]);
  });

  it('without the format’s timezone, a time without offset is read in usage.timezone', async () => {
    const { events } = await read('google-oauth-log.csv');
    expect(events.find((e) => e.user === 's8@rusd.example')?.day).toBe('2026-10-12');
  });

  it('reads the second spellings: Event, Actor, Application ID, and the org unit', async () => {
    const { report, events } = await read('google-oauth-log-actor.csv');
    expect(report).toMatchObject({ format: 'google-oauth-log', rows: 3, used: 2, skipped: { 'not a use event': 1 }, bad: {} });
    expect(events.map((e) => [e.day, e.user, e.appId, e.role])).toEqual([
      ['2026-11-19', 't1@rusd.example', Q, 'teacher'],
      ['2026-11-19', 's1@rusd.example', Q, 'student'],
    ]);
  });
});

describe('google-user-report (GAM report users)', () => {
  it('gives up to two last-seen records per row; the epoch is never; classroom:role unless the org unit says', async () => {
    const { report, events } = await read('google-user-report.csv');
    expect(report).toMatchObject({
      format: 'google-user-report',
      kind: 'last-seen',
      rows: 10,
      used: 5,
      skipped: { 'never signed in': 2, 'after as-of': 1 },
      bad: { 'unparsable timestamp': 1, 'empty user': 1 },
      firstBad: [
        { line: 9, reason: 'unparsable timestamp' },
        { line: 10, reason: 'empty user' },
      ],
    });
    expect(events.map((e) => [e.day, e.user, e.app, e.role])).toEqual([
      ['2026-11-17', 't1@rusd.example', 'Google Classroom', 'teacher'],
      ['2026-11-17', 't1@rusd.example', 'Google Workspace', 'teacher'],
      ['2026-11-16', 't1@rusd.example', 'Google Classroom', 'teacher'],
      ['2026-11-16', 't1@rusd.example', 'Google Workspace', 'teacher'],
      ['2026-06-02', 't2@rusd.example', 'Google Classroom', 'teacher'],
      ['2026-11-10', 't2@rusd.example', 'Google Workspace', 'teacher'],
      ['2026-11-17', 's1@rusd.example', 'Google Classroom', 'student'],
      ['2026-11-17', 's1@rusd.example', 'Google Workspace', 'student'],
      // Epoch microseconds; Google says student, the org unit says staff.
      ['2026-11-17', 'a1@rusd.example', 'Google Workspace', 'staff'],
    ]);
  });
});

describe('edvet-last-seen', () => {
  it('reads one record per user and app; never is skipped, a date after as-of too', async () => {
    const { report, events } = await read('edvet-last-seen.csv');
    expect(report).toMatchObject({
      format: 'edvet-last-seen',
      kind: 'last-seen',
      rows: 11,
      used: 6,
      skipped: { 'never signed in': 1, 'after as-of': 1 },
      bad: { 'unparsable timestamp': 1, 'empty user': 1, 'empty app': 1 },
      firstBad: [
        { line: 9, reason: 'unparsable timestamp' },
        { line: 10, reason: 'empty user' },
        { line: 11, reason: 'empty app' },
      ],
      firstDay: day('2026-08-14'),
      lastDay: day('2026-11-19'),
    });
    expect(events.map((e) => [e.day, e.user, e.role, e.appId])).toEqual([
      ['2026-11-19', 'TE1@rusd.example', 'unknown', undefined],
      ['2026-08-14', 'te2', 'teacher', undefined],
      ['2026-11-02', 'st1', 'unknown', undefined],
      ['2026-10-02', 'st1', 'unknown', undefined],
      ['2026-11-10', 'x9@rusd.example', 'student', undefined],
      ['2026-11-12', 'x12@rusd.example', 'unknown', '00000003-0000-0ff1-ce00-000000000000'],
    ]);
  });

  it('is not taken for edvet-summary, which has a month column', async () => {
    const { report } = await read('edvet-summary.csv', { asOfDay: day('2025-10-31') });
    expect(report.format).toBe('edvet-summary');
  });
});

describe('edvet-counts', () => {
  it('reads periods, counts with grouping, roles and schools; every skip and bad reason', async () => {
    const { report, events, counts } = await read('edvet-counts.csv');
    expect(events).toEqual([]);
    expect(report).toMatchObject({
      format: 'edvet-counts',
      kind: 'counts',
      rows: 16,
      used: 9,
      skipped: { 'period ends after as-of': 1, 'not a seat user': 1 },
      bad: { 'unparsable count': 2, 'period ends before it starts': 1, 'unparsable timestamp': 1, 'empty app': 1 },
      firstBad: [
        { line: 12, reason: 'unparsable count' },
        { line: 13, reason: 'unparsable count' },
        { line: 14, reason: 'period ends before it starts' },
        { line: 15, reason: 'unparsable timestamp' },
        { line: 16, reason: 'empty app' },
      ],
    });
    expect(counts.map((c) => [c.app, c.appId, c.start, c.end, c.activeUsers, c.role, c.school])).toEqual([
      ['MathSpark', undefined, '2026-10-19', '2026-11-15', 180, 'student', ''],
      ['MathSpark', undefined, '2026-10-19', '2026-11-15', 31, 'teacher', ''],
      ['MathSpark', undefined, '2026-11-01', '2026-11-20', 150, 'student', 'oak'],
      ['MathSpark', undefined, '2026-11-01', '2026-11-20', 9, 'teacher', 'oak'],
      ['MathSpark', undefined, '2026-11-01', '2026-11-20', 75, 'student', 'elm'],
      ['MathSpark', undefined, '2026-11-01', '2026-11-20', 6, 'teacher', 'elm'],
      ['MathSpark', undefined, '2026-08-17', '2026-10-16', 240, 'unknown', ''],
      ['MathSpark', undefined, '2026-08-17', '2026-10-16', 22, 'teacher', ''],
      ['ReadWell Classroom', 'rw-9', '2025-11-21', '2026-11-20', 1240, 'unknown', ''],
    ]);
  });

  it('reads M/D/YYYY as D/M/YYYY under date_order dmy', async () => {
    const { report, counts } = await read('edvet-counts.csv', { dateOrder: 'dmy' });
    // 8/17/2026 is no date day first: that row is bad.
    expect(report.bad['unparsable timestamp']).toBe(2);
    expect(counts.some((c) => c.start === '2026-08-17' && c.activeUsers === 240)).toBe(false);
  });

  it('cannot be read into a sink that takes no counts', async () => {
    const err = await readUsageFile(resolve(FIX, 'edvet-counts.csv'), {
      customFormats: [],
      timezone: 'UTC',
      dateOrder: 'mdy',
      asOfDay: day('2026-11-20'),
      sink: { add() {} },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdvetError);
  });
});
