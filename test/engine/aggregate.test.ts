import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageAggregator } from '../../src/engine/aggregate.js';
import { countFigures } from '../../src/engine/counts.js';
import { readUsageFile } from '../../src/load/usage/read.js';
import type { CountRow } from '../../src/model/usage.js';
import { loadRoster, type Roster } from '../../src/load/roster/index.js';
import { SchoolCalendar } from '../../src/model/calendar.js';
import { dayOf, isoOf } from '../../src/model/dates.js';
import { GRADES } from '../../src/model/grades.js';
import type { Role } from '../../src/model/types.js';
import type { SignInCounts } from '../../src/model/usage.js';
import { runs } from '../property.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The inputs of the spec's usage worked example (../shared/conformance/usage), copied into the repository. */
const conformance = resolve(here, '../fixtures/worked-example/usage');

describe('UsageAggregator on the usage worked example', () => {
  it('gives the expected figures for c-reader and c-quiz', async () => {
    const roster = await loadRoster(resolve(conformance, 'roster/roster.csv'));
    const products = ['c-reader', 'c-quiz'];
    const names: Record<string, number> = { 'c-reader': 0, readerapp: 0, 'c-quiz': 1, quizapp: 1 };
    const match = (app: string) => names[app.toLowerCase().replace(/\s+/g, '')] ?? -1;
    const agg = new UsageAggregator({ roster, match, productCount: products.length, teacherPattern: null });
    const asOf = dayOf('2026-11-20');
    const lines = readFileSync(resolve(conformance, 'exports/signins.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
    for (const line of lines) {
      const [ts, user, role, app] = line.split(',');
      const day = Math.floor(Date.parse(ts) / 86_400_000);
      if (day > asOf) continue; // the reader skips sign-ins after as-of
      agg.add(day, user, app, undefined, role as Role);
    }
    const cal = new SchoolCalendar(null);
    const q = (teachers: Int32Array) => ({
      activeFrom: cal.windowStart(asOf, 30),
      semesterFrom: cal.windowStart(asOf, 90),
      teachersWithAccess: teachers,
      licensedTeachers: null,
    });
    const teachers = roster.teachersWithAccess(null, ['6', '7', '8']);
    expect(teachers.length).toBe(2);
    const reader = agg.figures(0, q(teachers));
    expect(reader).toMatchObject({
      rows: 6,
      activeUsers: 5,
      activeTeachers: 1,
      activeStudents: 4,
      semesterActiveUsers: 6,
      teachersWithAccess: 2,
      semesterActiveTeachers: 1,
      lastSeen: isoOf(asOf),
    });
    const quiz = agg.figures(1, q(teachers));
    expect(quiz).toMatchObject({ rows: 2, activeUsers: 1, activeTeachers: 0, teachersWithAccess: 2, semesterActiveTeachers: 0 });
    expect(agg.unmatchedApps().listed).toEqual([{ app: 'OtherApp', appId: null, rows: 1, suggestedProduct: null }]);
  });
});

describe('UsageAggregator breakdown by grade and school', () => {
  it('counts active students by grade and active users by school, listing deployed schools at 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edvet-breakdown-'));
    const file = join(dir, 'roster.csv');
    writeFileSync(
      file,
      ['user_id,role,school_id,grade', 's1,student,Alder,3', 's2,student,birch,4', 's3,student,alder,', 't1,teacher,Alder,3', 't1,teacher,Birch,4', 's9,student,alder,5'].join('\n'),
    );
    try {
      const roster = await loadRoster(file);
      const agg = new UsageAggregator({ roster, match: () => 0, productCount: 1, teacherPattern: null });
      for (const u of ['s1', 'S2', 's3', 't1', 'x-not-in-roster']) agg.add(20, u, 'A', undefined, u.startsWith('x') ? 'student' : 'unknown');
      agg.add(1, 's9', 'A', undefined, 'unknown'); // not active: outside the window
      const base = { activeFrom: 10, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null };
      const f = agg.figures(0, { ...base, schools: ['alder', 'birch', 'Cypress'] });
      expect(f.activeStudents).toBe(4);
      expect(f.activeByGrade).toEqual([
        { grade: '3', activeStudents: 1 },
        { grade: '4', activeStudents: 1 },
        { grade: 'unknown', activeStudents: 2 },
      ]);
      expect(f.activeBySchool).toEqual([
        { school: 'Alder', activeUsers: 3 },
        { school: 'birch', activeUsers: 2 },
        { school: 'Cypress', activeUsers: 0 },
        { school: 'unknown', activeUsers: 1 },
      ]);
      // without manifest schools: every roster school
      expect(agg.figures(0, base).activeBySchool!.map((b) => b.school)).toEqual(['Alder', 'birch', 'unknown']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is null without a roster', () => {
    const agg = new UsageAggregator({ roster: null, match: () => 0, productCount: 1, teacherPattern: null });
    agg.add(1, 'u', 'A', undefined, 'student');
    const f = agg.figures(0, { activeFrom: 0, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null });
    expect([f.activeByGrade, f.activeBySchool]).toEqual([null, null]);
  });
});

describe('UsageAggregator details', () => {
  const fakeRoster = (entries: { id: string; email?: string; role: Role }[]): Roster => ({
    source: 'test',
    kind: 'simple',
    warnings: [],
    size: entries.length,
    lookup(identifier: string) {
      const key = identifier.trim().toLowerCase();
      const i = entries.findIndex((e) => e.id.toLowerCase() === key);
      return i >= 0 ? i : entries.findIndex((e) => e.email?.toLowerCase() === key);
    },
    role: (i: number) => entries[i].role,
    teachersWithAccess: () => Int32Array.from(entries.flatMap((e, i) => (e.role === 'teacher' ? [i] : []))),
    gradeMask: () => 0,
    schoolsOf: () => [],
    schoolKeys: () => [],
    schoolLabel: (k: string) => k,
  });

  it('keeps the last day per product and user, and counts rows', () => {
    const agg = new UsageAggregator({ roster: null, match: (a) => (a === 'A' ? 0 : -1), productCount: 1, teacherPattern: null });
    agg.add(10, 'u', 'A', undefined, 'student');
    agg.add(5, 'U ', 'A', undefined, 'unknown');
    agg.add(7, 'u', 'B', undefined, 'student');
    agg.add(8, 'v', 'B', 'x', 'student');
    const f = agg.figures(0, { activeFrom: 9, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null });
    expect(f).toEqual({
      rows: 2,
      activeUsers: 1,
      activeTeachers: 0,
      activeStudents: 1,
      semesterActiveUsers: 1,
      semesterActiveTeacherUsers: 0,
      teachersWithAccess: null,
      semesterActiveTeachers: null,
      lastSeen: isoOf(10),
      activeByGrade: null,
      activeBySchool: null,
      semesterStudentsByGrade: null,
      monthly: null,
    });
    expect(agg.unmatchedApps().listed).toEqual([
      { app: 'B', appId: null, rows: 1, suggestedProduct: null },
      { app: 'B', appId: 'x', rows: 1, suggestedProduct: null },
    ]);
  });

  describe('the monthly trend (usage-sources.md "Monthly trend")', () => {
    const asOfDay = dayOf('2026-11-23');
    const q = { activeFrom: 0, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null };
    const match = (a: string) => (a === 'A' ? 0 : a === 'B' ? 1 : -1);

    it('counts distinct users and teachers per month, 12 months oldest first, null before the earliest event of the run', () => {
      const agg = new UsageAggregator({ roster: null, match, productCount: 2, teacherPattern: null, asOfDay });
      agg.add(dayOf('2026-11-02'), 's1', 'A', undefined, 'student');
      agg.add(dayOf('2026-11-20'), 's1', 'A', undefined, 'student'); // same user, same month: once
      agg.add(dayOf('2026-11-21'), 't1', 'A', undefined, 'teacher');
      agg.add(dayOf('2026-09-30'), 's2', 'A', undefined, 'student');
      agg.add(dayOf('2026-09-01'), 'f1', 'A', undefined, 'family'); // not a seat user
      agg.add(dayOf('2026-07-15'), 'x', 'Z', undefined, 'student'); // unmatched, but the run's earliest event
      const m = agg.figures(0, q).monthly!;
      expect(m.map((e) => e.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      expect(m.map((e) => e.activeUsers)).toEqual([null, null, null, null, null, null, null, 0, 0, 1, 0, 2]);
      expect(m.map((e) => e.activeTeachers)).toEqual([null, null, null, null, null, null, null, 0, 0, 0, 0, 1]);
      expect(agg.figures(1, q).monthly).toBeNull(); // no event at all
    });

    it('covers every month when an event is older than the trend; a product with only last-seen rows has no trend', () => {
      const agg = new UsageAggregator({ roster: null, match, productCount: 2, teacherPattern: null, asOfDay });
      agg.add(dayOf('2024-05-01'), 's1', 'A', undefined, 'student');
      // A last-seen row: mask 0.
      agg.addInterned(dayOf('2026-11-10'), agg.userHandle('s2'), agg.appHandle('B', undefined), 'student', 1, 0);
      expect(agg.figures(0, q).monthly!.map((e) => e.activeUsers)).toEqual(Array(12).fill(0));
      expect(agg.figures(1, q).monthly).toBeNull();
      expect(agg.figures(1, q).activeUsers).toBe(1);
    });

    it('gives the same trend from the dense matrix and the hash table', () => {
      const run = (denseLimit: number) => {
        const agg = new UsageAggregator({ roster: null, match, productCount: 2, teacherPattern: null, asOfDay, denseLimit });
        for (let i = 0; i < 300; i++) agg.add(asOfDay - ((i * 37) % 400), `u${i % 70}`, i % 3 ? 'A' : 'B', undefined, i % 5 ? 'student' : 'teacher');
        return [agg.figures(0, q).monthly, agg.figures(1, q).monthly];
      };
      expect(run(0)).toEqual(run(1 << 20));
    });
  });

  it('resolves roles: export, then roster, then teacher_pattern; family is not a seat user', () => {
    const roster = fakeRoster([
      { id: 'r0', role: 'teacher' },
      { id: 'r1', role: 'unknown' },
      { id: 'r2', email: 'mom@home', role: 'family' },
    ]);
    const agg = new UsageAggregator({ roster, match: () => 0, productCount: 1, teacherPattern: /^t\./g });
    agg.add(1, 'r0', 'A', undefined, 'unknown'); // roster: teacher
    agg.add(1, 'r1', 'A', undefined, 'unknown'); // unknown
    agg.add(1, 'MOM@home', 'A', undefined, 'unknown'); // roster family
    agg.add(1, 't.jones', 'A', undefined, 'unknown'); // pattern: teacher
    agg.add(1, 't.smith', 'A', undefined, 'student'); // export role wins
    agg.add(1, 'x', 'A', undefined, 'staff');
    agg.add(1, 't.lee', 'A', undefined, 'unknown'); // /g regex state must not matter
    const f = agg.figures(0, { activeFrom: 0, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: 2 });
    expect(f.activeUsers).toBe(6);
    expect(f.activeTeachers).toBe(3);
    expect(f.activeStudents).toBe(1);
    expect(f.teachersWithAccess).toBe(2);
    expect(f.semesterActiveTeachers).toBe(2);
    expect(f.rows).toBe(7);
  });

  it('sorts unmatched apps by rows, then name, then app id (null first), and limits them only when asked', () => {
    const agg = new UsageAggregator({ roster: null, match: () => -1, productCount: 0, teacherPattern: null });
    for (const [app, n] of [['b', 2], ['a', 2], ['c', 5], ['d', 1]] as const) for (let i = 0; i < n; i++) agg.add(1, 'u', app, undefined, 'student');
    const un = (app: string, rows: number, appId: string | null = null) => ({ app, appId, rows, suggestedProduct: null });
    expect(agg.unmatchedApps(3).listed).toEqual([un('c', 5), un('a', 2), un('b', 2)]);
    for (const [app, id] of [['d', 'z-2'], ['D', 'Z-2'], ['d', 'a-1'], ['e', undefined]] as const) agg.add(1, 'u', app, id, 'student');
    // keyed by app and app id ignoring case, the first spelling kept; complete without a limit
    expect(agg.unmatchedApps().listed).toEqual([un('c', 5), un('a', 2), un('b', 2), un('d', 2, 'z-2'), un('d', 1), un('d', 1, 'a-1'), un('e', 1)]);
  });

  it.each([undefined, 0, 50 * 64])('handles many users and products (dense limit %s)', (denseLimit) => {
    const agg = new UsageAggregator({ roster: null, match: (a) => Number(a), productCount: 50, teacherPattern: null, denseLimit });
    let pairs = 0;
    for (let u = 0; u < 3000; u++) {
      for (let p = 0; p < 50; p++) {
        if ((u + p) % 3 !== 0) continue;
        pairs++;
        agg.add(u % 100, `user${u}`, String(p), undefined, 'student');
        agg.add((u % 100) + 1, `USER${u}`, String(p), undefined, 'student');
      }
    }
    let total = 0;
    let rows = 0;
    for (let p = 0; p < 50; p++) {
      const f = agg.figures(p, { activeFrom: 0, semesterFrom: 0, teachersWithAccess: null, licensedTeachers: null });
      total += f.activeUsers;
      rows += f.rows;
      expect(f.lastSeen).toBe(isoOf(100));
    }
    expect(total).toBe(pairs);
    expect(rows).toBe(2 * pairs);
  });
});

// ---------------------------------------------------------------------------
// Property: the aggregator agrees with a naive reference over random inputs.

interface Ev {
  day: number;
  user: string;
  app: string;
  appId: string | undefined;
  role: Role;
}

/** The as-of date of the property (1971-02-05): event days 0..400 span 14 calendar months. */
const AS_OF_DAY = 400;
const ROLES: Role[] = ['student', 'teacher', 'staff', 'family', 'unknown'];
const PRECEDENCE: Record<Role, number> = { unknown: 0, family: 1, student: 2, staff: 3, teacher: 4 };

function naive(
  events: Ev[],
  roster: Roster | null,
  match: (app: string, appId: string | undefined) => number,
  pattern: RegExp | null,
  p: number,
  q: { activeFrom: number; semesterFrom: number; teachersWithAccess: Int32Array | null; licensedTeachers: number | null; schools?: string[] | null },
): SignInCounts {
  const key = (raw: string) => {
    const r = roster ? roster.lookup(raw) : -1;
    return r >= 0 ? `R${r}` : `E${raw.trim().toLowerCase()}`;
  };
  const exportRole = new Map<string, Role>();
  const patternHit = new Set<string>();
  for (const e of events) {
    const k = key(e.user);
    const cur = exportRole.get(k) ?? 'unknown';
    if (PRECEDENCE[e.role] > PRECEDENCE[cur]) exportRole.set(k, e.role);
    if (pattern && new RegExp(pattern.source, pattern.flags.replace('g', '')).test(e.user)) patternHit.add(k);
  }
  // One role per user: the roster's, else the strongest export role, else the pattern (rules.md "Roles that disagree").
  const roleOf = (k: string): Role => {
    if (k.startsWith('R') && roster) {
      const r = roster.role(Number(k.slice(1)));
      if (r !== 'unknown') return r;
    }
    const e = exportRole.get(k);
    if (e && e !== 'unknown') return e;
    return patternHit.has(k) ? 'teacher' : 'unknown';
  };
  const mine = events.filter((e) => match(e.app, e.appId) === p);
  const last = new Map<string, number>();
  for (const e of mine) last.set(key(e.user), Math.max(last.get(key(e.user)) ?? -Infinity, e.day));
  const active = [...last].filter(([k, d]) => d >= q.activeFrom && roleOf(k) !== 'family');
  const semester = [...last].filter(([k, d]) => d >= q.semesterFrom && roleOf(k) !== 'family');
  let twa: number | null;
  let sat: number | null;
  if (q.teachersWithAccess) {
    twa = q.teachersWithAccess.length;
    sat = [...q.teachersWithAccess].filter((t) => (last.get(`R${t}`) ?? -Infinity) >= q.semesterFrom).length;
  } else {
    twa = q.licensedTeachers;
    const semTeachers = semester.filter(([k]) => roleOf(k) === 'teacher').length;
    sat = q.licensedTeachers === null ? null : Math.min(semTeachers, q.licensedTeachers);
  }
  let activeByGrade: SignInCounts['activeByGrade'] = null;
  let activeBySchool: SignInCounts['activeBySchool'] = null;
  let semesterStudentsByGrade: SignInCounts['semesterStudentsByGrade'] = null;
  if (roster) {
    const sem = new Map<string, number>();
    let semUnknown = 0;
    for (const [k] of semester) {
      if (roleOf(k) !== 'student') continue;
      const r = k.startsWith('R') ? Number(k.slice(1)) : -1;
      const gs = GRADES.filter((_, i) => r >= 0 && roster.gradeMask(r) & (1 << i));
      if (gs.length === 0) semUnknown++;
      for (const g of gs) sem.set(g, (sem.get(g) ?? 0) + 1);
    }
    semesterStudentsByGrade = GRADES.filter((g) => sem.has(g)).map((g) => ({ grade: g, activeStudents: sem.get(g)! }));
    if (semUnknown) semesterStudentsByGrade.push({ grade: 'unknown', activeStudents: semUnknown });
    const grades = new Map<string, number>();
    const schools = new Map<string, number>();
    let unknownGrade = 0;
    let unknownSchool = 0;
    for (const [k] of active) {
      const r = k.startsWith('R') ? Number(k.slice(1)) : -1;
      if (roleOf(k) === 'student') {
        const gs = GRADES.filter((_, i) => r >= 0 && roster.gradeMask(r) & (1 << i));
        if (gs.length === 0) unknownGrade++;
        for (const g of gs) grades.set(g, (grades.get(g) ?? 0) + 1);
      }
      const ss = r >= 0 ? roster.schoolsOf(r) : [];
      if (ss.length === 0) unknownSchool++;
      for (const sc of ss) schools.set(roster.schoolLabel(sc), (schools.get(roster.schoolLabel(sc)) ?? 0) + 1);
    }
    for (const sc of q.schools ?? roster.schoolKeys()) {
      const known = roster.schoolKeys().includes(sc.trim().toLowerCase());
      const label = known ? roster.schoolLabel(sc.trim().toLowerCase()) : sc.trim();
      if (!schools.has(label)) schools.set(label, 0);
    }
    activeByGrade = GRADES.filter((g) => grades.has(g)).map((g) => ({ grade: g, activeStudents: grades.get(g)! }));
    if (unknownGrade) activeByGrade.push({ grade: 'unknown', activeStudents: unknownGrade });
    activeBySchool = [...schools].map(([school, activeUsers]) => ({ school, activeUsers })).sort((a, b) => a.school.localeCompare(b.school, 'en'));
    if (unknownSchool) activeBySchool.push({ school: 'unknown', activeUsers: unknownSchool });
  }
  return {
    activeByGrade,
    activeBySchool,
    semesterStudentsByGrade,
    rows: mine.length,
    activeUsers: active.length,
    activeTeachers: active.filter(([k]) => roleOf(k) === 'teacher').length,
    activeStudents: active.filter(([k]) => roleOf(k) === 'student').length,
    semesterActiveUsers: semester.length,
    semesterActiveTeacherUsers: semester.filter(([k]) => roleOf(k) === 'teacher').length,
    teachersWithAccess: twa,
    semesterActiveTeachers: sat,
    lastSeen: mine.length ? isoOf(Math.max(...mine.map((e) => e.day))) : null,
    monthly: naiveMonthly(events, mine, key, roleOf),
  };
}

/** The reference monthly trend: months by their `YYYY-MM` text, as of {@link AS_OF_DAY}. */
function naiveMonthly(all: Ev[], mine: Ev[], key: (raw: string) => string, roleOf: (k: string) => Role): SignInCounts['monthly'] {
  if (mine.length === 0) return null;
  const asOfMonth = isoOf(AS_OF_DAY).slice(0, 7);
  const months: string[] = [];
  for (let k = 11; k >= 0; k--) {
    const [y, m] = asOfMonth.split('-').map(Number);
    const i = y * 12 + m - 1 - k;
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  const earliest = isoOf(Math.min(...all.map((e) => e.day))).slice(0, 7);
  return months.map((month) => {
    if (month < earliest) return { month, activeUsers: null, activeTeachers: null };
    const users = new Set(mine.filter((e) => isoOf(e.day).startsWith(month)).map((e) => key(e.user)));
    const seat = [...users].filter((k) => roleOf(k) !== 'family');
    return { month, activeUsers: seat.length, activeTeachers: seat.filter((k) => roleOf(k) === 'teacher').length };
  });
}

function naiveUnmatched(events: Ev[], match: (app: string, appId: string | undefined) => number): { app: string; appId: string | null; rows: number; suggestedProduct: null }[] {
  const m = new Map<string, { app: string; appId: string | null; rows: number; suggestedProduct: null }>();
  for (const e of events) {
    if (match(e.app, e.appId) >= 0) continue;
    const key = JSON.stringify([e.app.toLowerCase(), e.appId === undefined ? null : e.appId.toLowerCase()]);
    const x = m.get(key);
    if (x) x.rows++;
    else m.set(key, { app: e.app, appId: e.appId ?? null, rows: 1, suggestedProduct: null });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...m.values()].sort(
    (a, b) => b.rows - a.rows || cmp(a.app, b.app) || (a.appId === b.appId ? 0 : a.appId === null ? -1 : b.appId === null ? 1 : cmp(a.appId, b.appId)),
  );
}

describe('UsageAggregator property', () => {
  const P = 3;
  const match = (app: string, appId: string | undefined): number => {
    const a = app.toLowerCase();
    if (a === 'a') return 0;
    if (a === 'b') return 1;
    if (a === 'c') return appId === '7' ? 2 : -1;
    return -1;
  };
  const arbRoster = fc.array(fc.constantFrom<Role>(...ROLES), { maxLength: 8 });
  const arbUserSpec = fc.tuple(fc.nat(12), fc.constantFrom('id', 'ID', 'email', ' id ', 'ext', 'EXT', 't.ext'));
  const arbEvent = fc.record({
    day: fc.integer({ min: 0, max: AS_OF_DAY }),
    user: arbUserSpec,
    app: fc.constantFrom('A', 'a', 'B', 'C', 'Z', 'Y'),
    appId: fc.option(fc.constantFrom('7', '8'), { nil: undefined }),
    role: fc.constantFrom<Role>(...ROLES),
  });

  it('agrees with a naive reference', () => {
    fc.assert(
      fc.property(
        fc.option(arbRoster, { nil: null }),
        fc.array(arbEvent, { maxLength: 80 }),
        fc.integer({ min: 0, max: AS_OF_DAY + 1 }),
        fc.integer({ min: 0, max: AS_OF_DAY + 1 }),
        fc.boolean(),
        fc.option(fc.nat(5), { nil: null }),
        fc.array(fc.nat(8)),
        fc.boolean(),
        fc.constantFrom(undefined, 0, 3 * 16),
        fc.constantFrom(undefined, null, ['B', ' Dogwood ES', 'a']),
        (rosterRoles, rawEvents, activeFrom, semesterFrom, usePattern, licensed, twaPick, useTwa, denseLimit, schools) => {
          const roster: Roster | null =
            rosterRoles === null
              ? null
              : {
                  source: 'test',
                  kind: 'simple',
                  warnings: [],
                  size: rosterRoles.length,
                  lookup(identifier: string) {
                    const m = /^r(\d+)(@x)?$/.exec(identifier.trim().toLowerCase());
                    return m && Number(m[1]) < rosterRoles.length ? Number(m[1]) : -1;
                  },
                  role: (i: number) => rosterRoles[i],
                  teachersWithAccess: () => new Int32Array(0),
                  // grades and schools by index: some users with none, some with two
                  gradeMask: (i: number) => [0, 1 << 2, (1 << 5) | (1 << 6), 1 << 14][i % 4],
                  schoolsOf: (i: number) => [['a'], ['b', 'c'], [], ['c']][i % 4],
                  schoolKeys: () => ['a', 'b', 'c'],
                  schoolLabel: (k: string) => ({ a: 'Alder ES', b: 'birch MS', c: 'Cedar HS' })[k] ?? k,
                };
          const events: Ev[] = rawEvents.map((e) => {
            const [n, form] = e.user;
            const user =
              form === 'id' ? `r${n}` : form === 'ID' ? `R${n}` : form === 'email' ? `r${n}@x` : form === ' id ' ? ` r${n} ` : form === 'ext' ? `e${n}` : form === 'EXT' ? ` E${n}` : `t.${n}`;
            return { ...e, user };
          });
          const pattern = usePattern ? /^(t\.|r1)/ : null;
          const agg = new UsageAggregator({ roster, match, productCount: P, teacherPattern: pattern, denseLimit, asOfDay: AS_OF_DAY });
          for (const e of events) agg.add(e.day, e.user, e.app, e.appId, e.role);
          const twa =
            roster && useTwa ? Int32Array.from([...new Set(twaPick.filter((i) => i < roster.size))].sort((x, y) => x - y)) : null;
          for (let p = 0; p < P; p++) {
            const q = { activeFrom, semesterFrom, teachersWithAccess: twa, licensedTeachers: licensed, schools };
            expect(agg.figures(p, q)).toEqual(naive(events, roster, match, pattern, p, q));
          }
          expect(agg.unmatchedApps().listed).toEqual(naiveUnmatched(events, match));
        },
      ),
      { numRuns: runs(200, 600) },
    );
  });
});

// ---------------------------------------------------------------------------
// Property: last-seen records (edvet-last-seen files, read by the reader) and
// aggregate counts (edvet-counts rows) agree with the naive reference
// (usage-sources.md: per-user rows give the figures events give; counts give
// lower bounds and never mix into per-user figures).

/** at least(W, r) by brute force: every candidate listed, the largest taken. */
function naiveAtLeast(rows: CountRow[], from: number, role: 'all' | 'teacher' | 'student'): number | null {
  const inside = rows.filter((r) => r.start >= from);
  const candidates: number[] = inside.filter((r) => role === 'all' || r.role === role).map((r) => r.activeUsers);
  if (role === 'all') {
    const keys = [...new Set(inside.map((r) => `${r.start}/${r.end}/${r.school.trim().toLowerCase()}`))];
    for (const k of keys) {
      const group = inside.filter((r) => `${r.start}/${r.end}/${r.school.trim().toLowerCase()}` === k);
      let sum = 0;
      for (const role of ['student', 'teacher', 'staff'] as const) {
        const of = group.filter((r) => r.role === role).map((r) => r.activeUsers);
        if (of.length) sum += Math.max(...of);
      }
      candidates.push(sum);
    }
  }
  return candidates.length ? Math.max(...candidates) : null;
}

describe('UsageAggregator property: last-seen and counts rows', () => {
  const P = 3;
  const match = (app: string, appId: string | undefined): number => {
    const a = app.toLowerCase();
    if (a === 'a') return 0;
    if (a === 'b') return 1;
    if (a === 'c') return appId === '7' ? 2 : -1;
    return -1;
  };
  const arbRow = fc.record({
    day: fc.integer({ min: 0, max: 60 }),
    user: fc.tuple(fc.nat(12), fc.constantFrom('u', 'U', ' u')),
    app: fc.constantFrom('A', 'a', 'B', 'C', 'Z'),
    appId: fc.option(fc.constantFrom('7', '8'), { nil: undefined }),
    role: fc.constantFrom<Role>(...ROLES),
    lastSeen: fc.boolean(),
  });
  const arbCount = fc.record({
    start: fc.integer({ min: 0, max: 60 }),
    len: fc.integer({ min: 0, max: 20 }),
    activeUsers: fc.nat(300),
    role: fc.constantFrom<Role>('unknown', 'student', 'teacher', 'staff'),
    school: fc.constantFrom('', 'oak', 'OAK ', 'elm'),
    app: fc.constantFrom('A', 'B', 'C', 'Z'),
    appId: fc.option(fc.constantFrom('7', '8'), { nil: undefined }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'edvet-lastseen-prop-'));
  const iso = (d: number) => isoOf(d);

  it('per-user rows through a last-seen file give the event figures; counts rows give their bounds', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbRow, { maxLength: 40 }),
        fc.array(arbCount, { maxLength: 12 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.nat(5), { nil: null }),
        async (rows, countSpecs, activeFrom, semesterFrom, licensed) => {
          const events: Ev[] = rows.map((r) => ({ day: r.day, user: `${r.user[1]}${r.user[0]}`, app: r.app, appId: r.appId, role: r.role }));
          const agg = new UsageAggregator({ roster: null, match, productCount: P, teacherPattern: null });
          // Events straight in; last-seen records through a file, as a district gives them.
          const lines = ['user_id,app,last_seen,app_id,role'];
          rows.forEach((r, i) => {
            const e = events[i];
            if (r.lastSeen) lines.push([e.user, e.app, iso(e.day), e.appId ?? '', e.role === 'unknown' ? '' : e.role === 'family' ? 'guardian' : e.role].join(','));
            else agg.add(e.day, e.user, e.app, e.appId, e.role);
          });
          const counts: (CountRow & { app: string; appId: string | undefined })[] = countSpecs.map((c) => ({
            start: c.start, end: Math.min(60, c.start + c.len), activeUsers: c.activeUsers, role: c.role, school: c.school, app: c.app, appId: c.appId,
          }));
          for (const c of counts) agg.addCount(agg.appHandle(c.app, c.appId), c);
          if (lines.length > 1) {
            const file = join(dir, `ls-${n++}.csv`);
            writeFileSync(file, `${lines.join('\n')}\n`);
            const rep = await readUsageFile(file, { customFormats: [], timezone: 'UTC', dateOrder: 'mdy', asOfDay: 60, sink: agg, parallel: false });
            expect(rep).toMatchObject({ format: 'edvet-last-seen', kind: 'last-seen', used: lines.length - 1 });
          }
          for (let p = 0; p < P; p++) {
            const q = { activeFrom, semesterFrom, teachersWithAccess: null, licensedTeachers: licensed };
            // Counts never enter the per-user figures (usage-sources.md "Mixing").
            // The monthly trend has its own property above (last-seen rows stay out of it); here the other figures.
            const { monthly: _trend, ...expected } = naive(events, null, match, null, p, q);
            expect({ ...agg.figures(p, q), monthly: undefined }).toEqual(expected);
            const mine = counts.filter((c) => match(c.app, c.appId) === p);
            expect(agg.countRowsOf(p).length).toBe(mine.length);
            const f = countFigures(agg.countRowsOf(p), activeFrom, semesterFrom, licensed);
            const semTeachers = naiveAtLeast(mine, semesterFrom, 'teacher');
            expect(f).toEqual({
              rows: mine.length,
              activeUsers: naiveAtLeast(mine, activeFrom, 'all'),
              activeTeachers: naiveAtLeast(mine, activeFrom, 'teacher'),
              activeStudents: naiveAtLeast(mine, activeFrom, 'student'),
              semesterActiveUsers: naiveAtLeast(mine, semesterFrom, 'all'),
              semesterActiveTeacherUsers: semTeachers,
              semesterActiveTeachers: semTeachers === null || licensed === null ? null : Math.min(semTeachers, licensed),
            });
          }
          // Unmatched apps count every used row, counts rows included.
          const asEvents = counts.map((c) => ({ app: c.app, appId: c.appId }) as unknown as Ev);
          expect(agg.unmatchedApps().listed).toEqual(naiveUnmatched([...events, ...asEvents], match));
        },
      ),
      { numRuns: runs(60, 300) },
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
