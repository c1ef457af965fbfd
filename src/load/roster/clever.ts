/**
 * A Clever SFTP roster folder, spec v2.1.1 (usage-sources.md "Clever SFTP
 * rosters"): `schools.csv, students.csv, teachers.csv, sections.csv,
 * enrollments.csv` required, `staff.csv` optional, `admins.csv` ignored.
 * File names and headers are matched ignoring case. Only the cells edvet
 * needs are ever read out of a row (./table.ts hands the row over as bytes
 * and forgets it), so the passwords, birth dates, names and demographics
 * these files hold are never stored, logged or written.
 *
 * Ids of different files are different people: a value (id, username or
 * email) that people of two files claim matches neither, and the run warns
 * with the count. A teacher's placements are their sections (each section's
 * school with its `Grade`, else its enrolled students' grades) and their own
 * `School_id` (a school with no grade).
 */
import { join } from 'node:path';
import { inputError } from '../../model/errors.js';
import { gradeRank } from '../../model/grades.js';
import { type Roster, RosterBuilder } from './model.js';
import { RosterNotes } from './notes.js';
import { type RosterHeader, type RosterRow, streamRosterFile } from './table.js';

const REQUIRED = ['schools.csv', 'students.csv', 'teachers.csv', 'sections.csv', 'enrollments.csv'];
const STUDENTS = 1;
const TEACHERS = 2;
const STAFF = 3;

const CLEVER_GRADES = new Map<string, string>([
  ['prekindergarten', 'PK'],
  ['pk', 'PK'],
  ['transitionalkindergarten', 'TK'],
  ['tk', 'TK'],
  ['kindergarten', 'K'],
  ['k', 'K'],
  ['kg', 'K'],
]);

/** The grade bit (by rank in GRADES) of a Clever grade cell; 0 for values outside PK–12 (`InfantToddler`, `13`, `Ungraded`, ...). */
export function cleverGradeMask(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === '') return 0;
  const named = CLEVER_GRADES.get(v);
  if (named !== undefined) return 1 << gradeRank(named);
  if (/^\d{1,2}$/.test(v)) {
    const n = Number(v);
    if (n >= 1 && n <= 12) return 1 << gradeRank(String(n));
  }
  return 0;
}

/** Reads a Clever SFTP folder whose files (by lower-cased name) are `files`. */
export async function readCleverFolder(path: string, source: string, files: Map<string, string>): Promise<Roster> {
  const display = (key: string) => join(source, files.get(key) ?? key);
  for (const f of REQUIRED) {
    if (!files.has(f)) {
      throw inputError({
        file: display(f),
        message: `file not found: a Clever SFTP roster (students.csv and teachers.csv, no users.csv) needs ${REQUIRED.join(', ')} (staff.csv optional)`,
      });
    }
  }
  const notes = new RosterNotes();
  const stream = async (key: string, begin: (h: RosterHeader) => (row: RosterRow) => void): Promise<void> => {
    if (files.has(key)) await streamRosterFile(join(path, files.get(key)!), display(key), notes, begin);
  };
  const b = new RosterBuilder();

  await stream('schools.csv', (h) => {
    const id = h.need(['School_id'], 'the school id');
    const name = h.col('School_name');
    return (row) => b.addOrg(row.cell(id), row.cell(name), 'school');
  });

  await stream('students.csv', (h) => {
    const id = h.need(['Student_id'], "the student's id");
    const school = h.col('School_id');
    const grade = h.col('Grade');
    const aliases = [h.col('Student_email'), h.col('Username')].filter((c) => c >= 0);
    return (row) => {
      const sid = row.span(id);
      if (sid === null) throw row.errorAt(id, 'empty Student_id: every student needs an id');
      const i = b.addUser(sid, 'student', STUDENTS);
      for (const c of aliases) b.addAlias(i, row.span(c));
      b.addSchool(i, row.cell(school));
      b.addGradeMask(i, cleverGradeMask(row.cell(grade)));
    };
  });

  await stream('teachers.csv', (h) => {
    const id = h.need(['Teacher_id'], "the teacher's id");
    const school = h.col('School_id');
    const aliases = [h.col('Teacher_email'), h.col('Username')].filter((c) => c >= 0);
    return (row) => {
      const tid = row.span(id);
      if (tid === null) throw row.errorAt(id, 'empty Teacher_id: every teacher needs an id');
      const i = b.addUser(tid, 'teacher', TEACHERS);
      for (const c of aliases) b.addAlias(i, row.span(c));
      const s = row.cell(school);
      if (s !== '') b.addPlacement(i, s, 0);
    };
  });

  await stream('staff.csv', (h) => {
    const id = h.need(['Staff_id'], "the staff member's id");
    const school = h.col('School_id');
    const email = h.col('Staff_email');
    return (row) => {
      const sid = row.span(id);
      if (sid === null) throw row.errorAt(id, 'empty Staff_id: every staff member needs an id');
      const i = b.addUser(sid, 'staff', STAFF);
      b.addAlias(i, row.span(email));
      b.addSchool(i, row.cell(school));
    };
  });

  // Sections: id (as written) -> index; per section its school, its own grade bits, its teachers.
  const sectionIndex = new Map<string, number>();
  const sectionSchool: string[] = [];
  const sectionMask: number[] = [];
  const sectionTeachers: number[][] = [];
  let unknownTeachers = 0;
  await stream('sections.csv', (h) => {
    const id = h.need(['Section_id'], 'the section id');
    const school = h.col('School_id');
    const grade = h.col('Grade');
    const teacherCols = [h.col('Teacher_id'), ...h.colsMatching(/^teacher_([2-9]|[1-9]\d+)_id$/)].filter((c) => c >= 0);
    return (row) => {
      const sid = row.cell(id);
      if (sid === '') return;
      let k = sectionIndex.get(sid);
      if (k === undefined) {
        k = sectionSchool.length;
        sectionIndex.set(sid, k);
        sectionSchool.push(row.cell(school));
        sectionMask.push(0);
        sectionTeachers.push([]);
      }
      sectionMask[k] |= cleverGradeMask(row.cell(grade));
      for (const c of teacherCols) {
        const tid = row.span(c);
        if (tid === null) continue;
        const t = b.indexInGroup(tid, TEACHERS);
        if (t < 0) unknownTeachers++;
        else if (!sectionTeachers[k].includes(t)) sectionTeachers[k].push(t);
      }
    };
  });

  // Enrollments: the grades of a section that gives none are its students'.
  const studentGrades = new Int32Array(sectionSchool.length);
  await stream('enrollments.csv', (h) => {
    const section = h.need(['Section_id'], 'the section');
    const student = h.need(['Student_id'], 'the enrolled student');
    return (row) => {
      const k = sectionIndex.get(row.cell(section));
      if (k === undefined || sectionMask[k] !== 0) return;
      const i = b.indexInGroup(row.span(student), STUDENTS);
      if (i >= 0) studentGrades[k] |= b.gradeMaskOf(i);
    };
  });

  for (let k = 0; k < sectionSchool.length; k++) {
    const mask = sectionMask[k] !== 0 ? sectionMask[k] : studentGrades[k];
    for (const t of sectionTeachers[k]) b.addPlacement(t, sectionSchool[k], mask);
  }

  if (unknownTeachers > 0) {
    notes.add(`${display('sections.csv')}: ${unknownTeachers.toLocaleString('en-US')} teacher ids of sections are in no row of teachers.csv: those sections give them nothing`);
  }
  const ambiguous = b.ambiguousValues();
  if (ambiguous > 0) {
    notes.add(
      `${source}: ${ambiguous.toLocaleString('en-US')} ids, usernames or emails belong to people of two files (students, teachers, staff): they match neither, and export users with them count by their own id`,
    );
  }
  return b.build(source, 'clever', notes.warnings());
}
