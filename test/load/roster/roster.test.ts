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
