import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRoster, type Roster } from '../../../src/load/roster/index.js';
import { EdvetError } from '../../../src/model/errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = (name: string) => resolve(here, '../../../fixtures/roster', name);
const list = (a: Int32Array) => Array.from(a);

async function inputErrorOf(path: string): Promise<EdvetError> {
  try {
    await loadRoster(path);
  } catch (err) {
    expect(err).toBeInstanceOf(EdvetError);
    expect((err as EdvetError).kind).toBe('input');
    return err as EdvetError;
  }
  throw new Error('expected an input error');
}

describe('OneRoster 1.1 folder', () => {
  let r: Roster;
  it('loads, skipping tobedeleted and disabled users', async () => {
    r = await loadRoster(fx('oneroster-1.1'));
    expect(r.kind).toBe('oneroster-1.1');
    expect(r.size).toBe(6);
    expect(r.source).toBe(fx('oneroster-1.1'));
  });
  it('matches ids, usernames and emails ignoring case and spaces', () => {
    expect(r.lookup('t-es')).toBe(0);
    expect(r.lookup(' T-ES ')).toBe(0);
    expect(r.lookup('ann.teacher@district.org')).toBe(0);
    expect(r.lookup(' BOB.TEACHER ')).toBe(1);
    expect(r.lookup('t-gone')).toBe(-1);
    expect(r.lookup('dan@district.org')).toBe(-1);
    expect(r.lookup('eve.teacher')).toBe(-1);
    expect(r.lookup('nobody')).toBe(-1);
  });
  it('maps roles', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => r.role(i))).toEqual(['teacher', 'teacher', 'teacher', 'student', 'family', 'staff']);
  });
  it("counts teachers at their classes' schools and grades (course grades when the class has none)", () => {
    expect(list(r.teachersWithAccess(null, null))).toEqual([0, 1, 2]);
    expect(list(r.teachersWithAccess(['es2'], null))).toEqual([0]);
    expect(list(r.teachersWithAccess(['ES1', 'ms1'], null))).toEqual([0, 1]);
    expect(list(r.teachersWithAccess(null, ['3']))).toEqual([0]);
    expect(list(r.teachersWithAccess(null, ['K']))).toEqual([0]);
    expect(list(r.teachersWithAccess(['es1'], ['7']))).toEqual([]);
    expect(list(r.teachersWithAccess(null, ['6', '7', '8']))).toEqual([1]);
  });
  it("falls back to a teacher's own orgs and grades when no class of theirs counts", () => {
    // t-hs's only class is tobedeleted and its other enrollment is tobedeleted
    expect(list(r.teachersWithAccess(null, ['12']))).toEqual([]);
    expect(list(r.teachersWithAccess(['hs1'], ['9', '10', '11', '12']))).toEqual([2]);
  });
  it('returns an empty list for empty filters', () => {
    expect(list(r.teachersWithAccess([], null))).toEqual([]);
    expect(list(r.teachersWithAccess(null, []))).toEqual([]);
  });
});

describe('OneRoster 1.2 folder without a manifest', () => {
  it('reads roles from roles.csv (primary role wins), detects 1.2 from the headers', async () => {
    const r = await loadRoster(fx('oneroster-1.2'));
    expect(r.kind).toBe('oneroster-1.2');
    expect(r.size).toBe(3);
    expect([0, 1, 2].map((i) => r.role(i))).toEqual(['teacher', 'student', 'staff']);
    expect(r.lookup('T.ONE@d.org')).toBe(0);
    expect(list(r.teachersWithAccess(null, null))).toEqual([0]);
    expect(list(r.teachersWithAccess(['sch-a'], null))).toEqual([]);
    expect(list(r.teachersWithAccess(['sch-b'], ['6']))).toEqual([0]);
    expect(list(r.teachersWithAccess(['sch-b'], ['7']))).toEqual([]);
  });
});

describe('OneRoster folder without enrollments', () => {
  it("uses the users' own orgs and grades", async () => {
    const r = await loadRoster(fx('no-enrollments'));
    expect(r.kind).toBe('oneroster-1.1');
    expect(list(r.teachersWithAccess(['sch1'], null))).toEqual([0]);
    expect(list(r.teachersWithAccess(null, ['PK']))).toEqual([1]);
    expect(list(r.teachersWithAccess(['sch2'], ['7', '8']))).toEqual([0]);
  });
});

describe('schools and grades for the usage breakdown', () => {
  it('names schools from orgs.csv and leaves the district out of a user\'s schools', async () => {
    const r = await loadRoster(resolve(here, '../../../fixtures/demo-district/roster'));
    expect(r.schoolKeys()).not.toContain('riverside-usd');
    expect(r.schoolKeys()).toContain('lincoln-es');
    expect(r.schoolLabel('lincoln-es')).toBe('Lincoln Elementary School');
    const students = Array.from({ length: r.size }, (_, i) => i).filter((i) => r.role(i) === 'student');
    expect(students.length).toBeGreaterThan(100);
    for (const i of students) {
      expect(r.schoolsOf(i).length).toBe(1);
      expect(r.schoolsOf(i)).not.toContain('riverside-usd');
      expect(r.gradeMask(i)).not.toBe(0);
    }
  });

  it('tells apart two schools with one name by their ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edvet-orgs-'));
    try {
      writeFileSync(join(dir, 'users.csv'), 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,grades\ns1,active,2026-01-01,true,sch-a,student,s1,03\ns2,active,2026-01-01,true,SCH-B,student,s2,04\n');
      writeFileSync(join(dir, 'orgs.csv'), 'sourcedId,status,dateLastModified,name,type\nsch-a,active,2026-01-01,Lincoln Elementary,school\nsch-b,active,2026-01-01,Lincoln Elementary,school\nd1,active,2026-01-01,District,district\n');
      const r = await loadRoster(dir);
      expect(r.schoolKeys().map((k) => r.schoolLabel(k))).toEqual(['Lincoln Elementary (sch-a)', 'Lincoln Elementary (SCH-B)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('labels schools of a simple roster as first written, and gives grades as a mask by rank', async () => {
    const r = await loadRoster(fx('simple.csv'));
    expect(r.schoolKeys()).toEqual(['ms', 'hs']);
    expect(r.schoolLabel('ms')).toBe('ms');
    expect(r.schoolsOf(0)).toEqual(['ms']);
    expect(r.gradeMask(0)).toBe((1 << 9) | (1 << 10)); // grades 7 and 8
    expect(r.gradeMask(1)).toBe(1 << 2); // KG -> K
    expect(r.gradeMask(4)).toBe(0); // grade 13 is not a grade
  });
});

describe('simple roster CSV', () => {
  it('merges a user’s rows and matches extra columns', async () => {
    const r = await loadRoster(fx('simple.csv'));
    expect(r.kind).toBe('simple');
    expect(r.size).toBe(5);
    expect(r.lookup('t1')).toBe(0);
    expect(r.lookup('TEE.ONE')).toBe(0);
    expect(r.lookup(' t1@d.org')).toBe(0);
    expect([0, 1, 2, 3, 4].map((i) => r.role(i))).toEqual(['teacher', 'teacher', 'student', 'family', 'unknown']);
    expect(list(r.teachersWithAccess(['ms'], ['8']))).toEqual([0]);
    expect(list(r.teachersWithAccess(null, ['K']))).toEqual([1]);
    expect(list(r.teachersWithAccess(null, null))).toEqual([0, 1]);
  });
});

describe('roster errors', () => {
  it('names file:line:col of an unknown grade without quoting the row', async () => {
    const e = await inputErrorOf(fx('simple-bad-grade.csv'));
    expect(e.problems[0]).toMatchObject({ file: fx('simple-bad-grade.csv'), line: 3, column: 15 });
    expect(e.message).toMatch(/unknown grade/);
    expect(e.message).not.toMatch(/seventh|t2/);
  });
  it('names a missing needed column', async () => {
    const e = await inputErrorOf(fx('simple-no-role.csv'));
    expect(e.problems[0]).toMatchObject({ line: 1, column: 1 });
    expect(e.message).toMatch(/missing column "role"/);
    const f = await inputErrorOf(fx('missing-school-column'));
    expect(f.problems[0].file).toMatch(/classes\.csv$/);
    expect(f.message).toMatch(/missing column "schoolSourcedId"/);
  });
  it('refuses an empty user id', async () => {
    const e = await inputErrorOf(fx('simple-empty-id.csv'));
    expect(e.problems[0]).toMatchObject({ line: 2 });
  });
  it('recognises classic SDS and a folder with no users.csv', async () => {
    expect((await inputErrorOf(fx('sds-classic'))).message).toMatch(/School Data Sync/);
    expect((await inputErrorOf(resolve(here))).message).toMatch(/no users\.csv/);
  });
  it('says a OneRoster users.csv given as a file belongs in its folder', async () => {
    expect((await inputErrorOf(resolve(fx('no-enrollments'), 'users.csv'))).message).toMatch(/folder/);
  });
  it('reports a missing path', async () => {
    expect((await inputErrorOf(fx('nope.csv'))).message).toMatch(/not found/);
  });
});

function tempRoster(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'edvet-roster-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('teachers with access by placement: school and grade together, every roster kind', () => {
  // A teacher with a K class at elm-es and a grade-9 class at oak-ms has no access to a K-2 product deployed only at oak-ms.
  const expectPlacements = (r: Roster, t: number) => {
    expect(list(r.teachersWithAccess(['oak-ms'], ['K', '1', '2']))).toEqual([]);
    expect(list(r.teachersWithAccess(['elm-es'], ['K', '1', '2']))).toEqual([t]);
    expect(list(r.teachersWithAccess(['oak-ms'], ['9']))).toEqual([t]);
    expect(list(r.teachersWithAccess(['elm-es'], ['9']))).toEqual([]);
    expect(list(r.teachersWithAccess(['oak-ms'], null))).toEqual([t]);
    expect(list(r.teachersWithAccess(null, ['K']))).toEqual([t]);
  };
  it('OneRoster: a class is a placement', async () => {
    const dir = tempRoster({
      'users.csv': 'sourcedId,status,enabledUser,orgSourcedIds,role,username\nt1,active,true,elm-es,teacher,t.one\n',
      'classes.csv': 'sourcedId,status,schoolSourcedId,grades\nk,active,elm-es,KG\nnine,active,oak-ms,09\n',
      'enrollments.csv': 'sourcedId,status,classSourcedId,userSourcedId,role\ne1,active,k,t1,teacher\ne2,active,nine,t1,teacher\n',
    });
    try {
      expectPlacements(await loadRoster(dir), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('simple roster: a row is a placement', async () => {
    const dir = tempRoster({ 'r.csv': 'user_id,role,school_id,grade\nt1,teacher,elm-es,K\nt1,teacher,oak-ms,9\n' });
    try {
      expectPlacements(await loadRoster(join(dir, 'r.csv')), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('Clever: a section is a placement', async () => {
    const dir = tempRoster({
      'schools.csv': 'School_id,School_name\nelm-es,Elm\noak-ms,Oak\n',
      'students.csv': 'School_id,Student_id,Grade\nelm-es,s1,Kindergarten\n',
      'teachers.csv': 'School_id,Teacher_id,Teacher_email\nelm-es,t1,t1@d.org\n',
      'sections.csv': 'School_id,Section_id,Teacher_id,Grade\nelm-es,k,t1,\noak-ms,nine,t1,9\n',
      'enrollments.csv': 'School_id,Section_id,Student_id\nelm-es,k,s1\n',
    });
    try {
      const r = await loadRoster(dir);
      expect(r.kind).toBe('clever');
      expectPlacements(r, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Clever SFTP folder', () => {
  let r: Roster;
  it('is detected by students.csv and teachers.csv without users.csv, file names and headers in any case', async () => {
    r = await loadRoster(fx('clever'));
    expect(r.kind).toBe('clever');
    expect(r.size).toBe(8); // 4 students, 3 teachers, 1 staff
    expect(r.warnings.some((w) => /1 ids, usernames or emails belong to people of two files/.test(w))).toBe(true);
  });
  it('matches ids, usernames and emails; a value two files share matches neither', () => {
    expect(r.role(r.lookup('S-100'))).toBe('student');
    expect(r.lookup('ana.s')).toBe(r.lookup('s-100'));
    expect(r.lookup('ANA@D.ORG')).toBe(r.lookup('s-100'));
    expect(r.role(r.lookup('T-1'))).toBe('teacher');
    expect(r.role(r.lookup('tom@d.org'))).toBe('teacher');
    expect(r.role(r.lookup('st-9'))).toBe('staff');
    expect(r.lookup('x-7')).toBe(-1); // a student's id and a teacher's id
    expect(r.lookup('Secret123')).toBe(-1); // passwords are never read
  });
  it('maps Clever grades and keeps a student at each of their schools', () => {
    const s = r.lookup('s-100');
    expect(r.gradeMask(s)).toBe(1 << 0); // PreKindergarten -> PK
    expect([...r.schoolsOf(s)].sort()).toEqual(['sch-1', 'sch-2']);
    expect(r.gradeMask(r.lookup('s-101'))).toBe(1 << 6); // "04"
    expect(r.gradeMask(r.lookup('s-102'))).toBe(0); // InfantToddler is no grade of PK-12
    expect(r.schoolLabel('sch-1')).toBe('Maple Elementary');
  });
  it("places teachers at their sections (a section's Grade, else its students'), Teacher_<n>_id too, and their own school", () => {
    const t1 = r.lookup('t-1');
    const t2 = r.lookup('t-2');
    expect(list(r.teachersWithAccess(['sch-1'], ['PK']))).toEqual([t1]); // from the enrolled student's grade
    expect(list(r.teachersWithAccess(['sch-2'], ['4']))).toEqual([t1, t2].sort((a, b) => a - b)); // Grade 4 section, co-teacher in Teacher_2_id
    expect(list(r.teachersWithAccess(['sch-3'], null))).toEqual([t2, t2 + 1]); // own School_id (t-2, and the teacher x-7)
    expect(list(r.teachersWithAccess(['sch-3'], ['4']))).toEqual([]);
  });
  it('names a missing required file', async () => {
    const dir = tempRoster({ 'students.csv': 'Student_id\ns1\n', 'teachers.csv': 'Teacher_id\nt1\n' });
    try {
      const e = await inputErrorOf(dir);
      expect(e.problems[0].file).toMatch(/schools\.csv$/);
      expect(e.message).toMatch(/Clever/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rows that cannot be used as they are: counted and warned, never quoted (issue 16)', () => {
  it('skips NUL, invalid UTF-8 and shifted rows, reads short rows, and warns about unknown roles with file and lines', async () => {
    const bytes = Buffer.concat([
      Buffer.from('user_id,role,school_id,grade\nok-1,student,s1,3\nshifted-2,student,s1,3,extra,cells\nnul-3,stu\0dent,s1,3\n'),
      Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2d, 0x34, 0x2c, 0x73, 0x74, 0x75, 0x64, 0x65, 0x6e, 0x74, 0x0a]), // bad\xff-4,student
      Buffer.from('short-5,teacher\nwho-6,wizard,s1,3\nnone-7,,s1,3\n'),
    ]);
    const dir = tempRoster({ 'r.csv': bytes });
    try {
      const r = await loadRoster(join(dir, 'r.csv'));
      expect(r.size).toBe(4);
      expect(r.lookup('shifted-2')).toBe(-1);
      expect(r.lookup('nul-3')).toBe(-1);
      expect(r.role(r.lookup('short-5'))).toBe('teacher');
      expect(r.role(r.lookup('who-6'))).toBe('unknown');
      const w = r.warnings.join('\n');
      expect(w).toMatch(/r\.csv: 1 row skipped: more cells than the header has .*\(line 3\)/);
      expect(w).toMatch(/r\.csv: 1 row skipped: NUL byte \(line 4\)/);
      expect(w).toMatch(/r\.csv: 1 row skipped: invalid UTF-8 \(line 5\)/);
      expect(w).toMatch(/r\.csv: 1 row read with missing cells as empty.*\(line 6\)/);
      expect(w).toMatch(/r\.csv: 1 row with a role edvet does not know.*\(line 7\)/);
      expect(w).toMatch(/r\.csv: 1 row with no role.*\(line 8\)/);
      expect(w).not.toMatch(/ok-1|shifted|nul-3|short-5|who-6|wizard|none-7/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('warns about a header-only roster and a header-only users.csv', async () => {
    const dir = tempRoster({ 'r.csv': 'user_id,role,school_id,grade\n', 'users.csv': 'sourcedId,status,enabledUser,role\n' });
    try {
      expect((await loadRoster(join(dir, 'r.csv'))).warnings).toEqual([expect.stringMatching(/r\.csv: a header and no rows/)]);
      expect((await loadRoster(dir)).warnings).toEqual([expect.stringMatching(/users\.csv: a header and no rows/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('keeps the first role of a user listed with two: a user has one role', async () => {
    const dir = tempRoster({ 'r.csv': 'user_id,role\nu1,student\nu1,teacher\n' });
    try {
      const r = await loadRoster(join(dir, 'r.csv'));
      expect(r.role(0)).toBe('student');
      expect(r.warnings).toEqual([expect.stringMatching(/1 rows give a user a second role/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
