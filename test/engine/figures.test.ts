/** Sign-in figures of one product from last days and resolved roles (src/engine/figures.ts). */
import { describe, expect, it } from 'vitest';
import { signInFigures, type ProductSignIns } from '../../src/engine/figures.js';
import { dayOf } from '../../src/model/dates.js';
import { ROLE_STRENGTH as R } from '../../src/model/roles.js';
import type { Roster } from '../../src/model/roster.js';

/** Users 0..n with their last day. */
function signIns(days: number[], rows = days.length): ProductSignIns {
  return { users: Int32Array.from(days.map((_, i) => i)), days: Int32Array.from(days), rows, lastDay: (u) => days[u] ?? null };
}

const q = { activeFrom: 10, semesterFrom: 5, teachersWithAccess: null, licensedTeachers: null };

describe('signInFigures', () => {
  it('counts seat users in each window by role, leaving family out, and the last day seen', () => {
    const roles = Uint8Array.from([R.teacher, R.student, R.staff, R.family, R.unknown, R.teacher]);
    const f = signInFigures(signIns([12, 10, 11, 20, 9, 6], 40), { roles, roster: null }, { ...q, licensedTeachers: 1 });
    expect(f).toEqual({
      rows: 40,
      activeUsers: 3,
      activeTeachers: 1,
      activeStudents: 1,
      semesterActiveUsers: 5,
      semesterActiveTeacherUsers: 2,
      teachersWithAccess: 1,
      semesterActiveTeachers: 1, // two teachers signed in, at most licensed_teachers
      lastSeen: '1970-01-21',
      activeByGrade: null,
      activeBySchool: null,
      semesterStudentsByGrade: null,
    });
    expect(signInFigures(signIns([]), { roles, roster: null }, q).lastSeen).toBeNull();
  });

  it('with a roster, counts the teachers with access who signed in during the semester, and breaks down by grade and school', () => {
    const roster = {
      size: 3,
      gradeMask: (u: number) => [0b100, 0, 0][u],
      schoolsOf: (u: number) => [['elm'], [], ['elm', 'oak']][u],
      schoolKeys: () => ['elm', 'oak', 'ash'],
      schoolLabel: (k: string) => ({ elm: 'Elm ES', oak: 'Oak MS', ash: 'Ash HS' })[k] ?? k,
    } as unknown as Roster;
    const roles = Uint8Array.from([R.student, R.student, R.teacher, R.student]);
    const f = signInFigures(signIns([10, 11, 4, 12]), { roles, roster }, { ...q, teachersWithAccess: Int32Array.from([2, 1]), schools: ['elm', 'Pine'] });
    expect([f.teachersWithAccess, f.semesterActiveTeachers]).toEqual([2, 1]); // teacher 2 last signed in before the semester; user 1 did within it
    expect(f.activeByGrade).toEqual([
      { grade: 'K', activeStudents: 1 },
      { grade: 'unknown', activeStudents: 2 },
    ]);
    expect(f.activeBySchool).toEqual([
      { school: 'Elm ES', activeUsers: 1 },
      { school: 'Pine', activeUsers: 0 },
      { school: 'unknown', activeUsers: 2 },
    ]);
    expect(dayOf(f.lastSeen!)).toBe(12);
    // privacy.grade-band-use: semester-active students (from day 5) by roster grade, counts only.
    const g = signInFigures(signIns([10, 3, 4, 12]), { roles, roster }, q);
    expect(g.semesterStudentsByGrade).toEqual([
      { grade: 'K', activeStudents: 1 },
      { grade: 'unknown', activeStudents: 1 },
    ]);
  });
});
