/**
 * The streaming, compact roster reader (src/load/roster) gives exactly what
 * the reader it replaced gives (kept unchanged in ./reference/) on random
 * OneRoster 1.1 / 1.2 folders and simple rosters: the same users, ids,
 * usernames and emails, roles, grades, schools, school names, and teachers
 * with access. Access is compared where one filter is open (all schools, or
 * all grades): there the old union of a teacher's schools and grades and the
 * new placements (school and grade together, rules.md "Teachers with access,
 * every roster kind") must agree; where both filters are set, placements
 * decide on purpose, and roster.test.ts checks that case by hand.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRoster, type Roster } from '../../../src/load/roster/index.js';
import { readRosterFolder as oldFolder } from './reference/oneroster.js';
import { readSimpleRoster as oldSimple } from './reference/simple.js';
import { runs } from '../../property.js';

const root = mkdtempSync(join(tmpdir(), 'edvet-roster-eq-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const SCHOOLS = ['es1', 'ES2', 'ms1', 'Hs-1', 'dist'];
const ROLES = ['student', 'teacher', 'Teacher', 'teacher', 'administrator', 'guardian', 'aide', '', 'wizard', 'lecturer'];
const GRADE_CELLS = ['', '03', 'KG', '09,10', 'PK', '13', '1', 'TK, 05', 'IT'];
const STATUS = ['active', '', 'tobedeleted'];

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const userId = fc.integer({ min: 0, max: 9 }).chain((i) => pick([`u${i}`, `U${i}`, ` u${i} `, `ü${i}`, `Ü${i}\u00a0`]));
const orgList = fc.uniqueArray(pick(SCHOOLS), { maxLength: 2 }).map((xs) => xs.join(','));

const userRow = fc.record({
  id: userId,
  status: pick(STATUS),
  enabled: pick(['true', 'true', 'false', 'FALSE', '']),
  role: pick(ROLES),
  username: fc.option(fc.integer({ min: 0, max: 20 }).map((i) => (i % 5 === 0 ? `NÄME${i}` : `name${i}`)), { nil: '' }),
  email: fc.option(fc.integer({ min: 0, max: 20 }).map((i) => `p${i}@d.org`), { nil: '' }),
  orgs: orgList,
  grades: pick(GRADE_CELLS),
});
const classRow = fc.record({
  id: fc.integer({ min: 0, max: 6 }).map((i) => `c${i}`),
  status: pick(STATUS),
  school: fc.option(pick(SCHOOLS), { nil: '' }),
  grades: pick(['', '', '', '', ...GRADE_CELLS]),
  course: fc.option(pick(['k1', 'k2', 'k9']), { nil: '', freq: 2 }),
});
const enrollmentRow = fc.record({
  cls: fc.integer({ min: 0, max: 7 }).map((i) => `c${i}`),
  user: userId,
  role: pick(['teacher', 'teacher', 'student', '', 'Teacher', 'aide']),
  status: pick(STATUS),
  school: fc.option(pick(SCHOOLS), { nil: '' }),
});
const roleRow = fc.record({
  user: userId,
  role: pick(ROLES),
  type: pick(['primary', 'secondary', '']),
  org: fc.option(pick(SCHOOLS), { nil: '' }),
  grades: pick(GRADE_CELLS),
  status: pick(STATUS),
});
const folder = fc.record({
  version: pick(['1.1', '1.2'] as const),
  users: fc.array(userRow, { minLength: 2, maxLength: 14 }),
  classes: fc.array(classRow, { maxLength: 7 }),
  courses: fc.array(fc.record({ id: pick(['k1', 'k2', 'k9']), grades: pick(GRADE_CELLS) }), { maxLength: 3 }),
  enrollments: fc.option(fc.array(enrollmentRow, { maxLength: 30 }), { nil: null, freq: 8 }),
  roles: fc.array(roleRow, { maxLength: 20 }),
  orgTypes: fc.array(pick(['school', 'district', '']), { minLength: SCHOOLS.length, maxLength: SCHOOLS.length }),
  orgNames: fc.array(pick(['Lincoln', 'Oak', '']), { minLength: SCHOOLS.length, maxLength: SCHOOLS.length }),
});

function writeFolder(f: fc.Infer<typeof folder>): string {
  const dir = join(root, `f${n++}`);
  mkdirSync(dir);
  const v11 = f.version === '1.1';
  writeFileSync(join(dir, 'manifest.csv'), csv([['propertyName', 'value'], ['oneroster.version', f.version]]));
  writeFileSync(
    join(dir, 'users.csv'),
    csv([
      ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', ...(v11 ? ['role'] : []), 'username', 'email', 'grades', 'password', 'givenName'],
      ...f.users.map((u) => [u.id, u.status, '2026-01-01', u.enabled, u.orgs, ...(v11 ? [u.role] : []), u.username, u.email, u.grades, 'secret', 'Name']),
    ]),
  );
  if (!v11) {
    writeFileSync(
      join(dir, 'roles.csv'),
      csv([['sourcedId', 'status', 'userSourcedId', 'roleType', 'role', 'orgSourcedId', 'grades'], ...f.roles.map((r, i) => [`r${i}`, r.status, r.user, r.type, r.role, r.org, r.grades])]),
    );
  }
  writeFileSync(join(dir, 'orgs.csv'), csv([['sourcedId', 'status', 'name', 'type'], ...SCHOOLS.map((s, i) => [s, 'active', f.orgNames[i], f.orgTypes[i]])]));
  writeFileSync(join(dir, 'courses.csv'), csv([['sourcedId', 'status', 'grades'], ...f.courses.map((c) => [c.id, 'active', c.grades])]));
  writeFileSync(
    join(dir, 'classes.csv'),
    csv([['sourcedId', 'status', 'schoolSourcedId', 'grades', 'courseSourcedId'], ...f.classes.map((c) => [c.id, c.status, c.school, c.grades, c.course])]),
  );
  if (f.enrollments !== null) {
    writeFileSync(
      join(dir, 'enrollments.csv'),
      csv([['sourcedId', 'status', 'classSourcedId', 'userSourcedId', 'role', 'schoolSourcedId'], ...f.enrollments.map((e, i) => [`e${i}`, e.status, e.cls, e.user, e.role, e.school])]),
    );
  }
  return dir;
}

const simpleRow = fc.record({
  id: userId,
  role: pick(ROLES),
  school: fc.option(pick(SCHOOLS), { nil: '' }),
  grade: pick(['', '3', 'K', 'KG', '07', '12', '13', 'PK']),
  email: fc.option(fc.integer({ min: 0, max: 20 }).map((i) => `p${i}@d.org`), { nil: '' }),
});

function writeSimple(rows: fc.Infer<typeof simpleRow>[]): string {
  const file = join(root, `s${n++}.csv`);
  writeFileSync(file, csv([['user_id', 'role', 'school_id', 'grade', 'email'], ...rows.map((r) => [r.id, r.role, r.school, r.grade, r.email])]));
  return file;
}

const IDENTIFIERS = [...Array.from({ length: 15 }, (_, i) => [`u${i}`, `U${i} `, `Ü${i}`]).flat(), ...Array.from({ length: 21 }, (_, i) => [`name${i}`, `näme${i}`, `P${i}@d.org`]).flat(), 'nobody'];
const QUERIES: [string[] | null, string[] | null][] = [
  [null, null],
  [[], null],
  [null, []],
  [['es1'], null],
  [['ES2', 'ms1'], null],
  [['hs-1'], null],
  [['dist'], null],
  [null, ['K']],
  [null, ['3', '4', '5']],
  [null, ['9', '10', '11', '12']],
  [null, ['PK', 'TK']],
];

function view(r: Roster) {
  const users = Array.from({ length: r.size }, (_, i) => ({ role: r.role(i), grades: r.gradeMask(i), schools: [...r.schoolsOf(i)] }));
  const keys = [...r.schoolKeys()].sort();
  return {
    size: r.size,
    kind: r.kind,
    users,
    lookup: IDENTIFIERS.map((id) => r.lookup(id)),
    keys,
    labels: keys.map((k) => r.schoolLabel(k)),
    access: QUERIES.map(([s, g]) => Array.from(r.teachersWithAccess(s, g))),
  };
}

describe('the streaming roster reader gives what the old reader gave', () => {
  it('on random OneRoster folders', async () => {
    await fc.assert(
      fc.asyncProperty(folder, async (f) => {
        const dir = writeFolder(f);
        const before = view(oldFolder(dir, dir));
        const after = view(await loadRoster(dir));
        expect(after).toEqual(before);
      }),
      { numRuns: runs(70, 1000) },
    );
  });

  it('on random simple rosters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(simpleRow, { maxLength: 20 }), async (rows) => {
        const file = writeSimple(rows);
        const before = view(oldSimple(file, file));
        const after = view(await loadRoster(file));
        expect(after).toEqual(before);
      }),
      { numRuns: runs(60, 600) },
    );
  });
});
