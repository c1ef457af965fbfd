/**
 * A roster folder: OneRoster CSV 1.1 or 1.2 (version from `manifest.csv`, else
 * from the headers), or Microsoft School Data Sync v2 / v2.1, which use the
 * OneRoster file names with their own headers and are told apart by header.
 * Classic SDS (School.csv, Section.csv, Student.csv, Teacher.csv...) is
 * recognised and refused with a clear error; a Clever SFTP folder
 * (students.csv and teachers.csv, no users.csv) goes to ./clever.ts.
 *
 * Only the columns edvet needs are required and read; the rest may be
 * misspelled, empty or missing. Rows with `status` `tobedeleted` and users
 * with `enabledUser` `false` do not count. Every file is streamed (see
 * ./table.ts): memory follows users and classes, not rows.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../../model/errors.js';
import { fsError } from '../files.js';
import { cedsToGrade, gradeRank } from '../../model/grades.js';
import { ROLE_STRENGTH, type Role } from '../../model/roles.js';
import { type Roster, RosterBuilder, type RosterKind } from './model.js';
import { RosterNotes } from './notes.js';
import { rosterRole } from './role-map.js';
import { readCleverFolder } from './clever.js';
import { type RosterHeader, type RosterRow, splitMulti, streamRosterFile } from './table.js';

const ONEROSTER_FILES = 'users.csv, orgs.csv, classes.csv, enrollments.csv (and roles.csv in 1.2)';

/** Files of a folder by lower-cased name. */
export function listFolder(path: string, source: string): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (e) {
    throw fsError(e, source, 'a OneRoster CSV folder');
  }
  for (const name of names) {
    const key = name.toLowerCase();
    if (!files.has(key)) files.set(key, name);
  }
  return files;
}

/** The grade bits (by rank in GRADES) of a multi-value CEDS grades cell. */
function gradesOf(cell: string): number {
  let mask = 0;
  for (const g of splitMulti(cell)) {
    const grade = cedsToGrade(g);
    if (grade !== null) mask |= 1 << gradeRank(grade);
  }
  return mask;
}

function isDeleted(row: RosterRow, statusCol: number): boolean {
  return row.is(statusCol, 'tobedeleted');
}

function isTrue(v: string): boolean {
  const s = v.trim().toLowerCase();
  return s === 'true' || s === '1' || s === 'yes' || s === 'y';
}

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Reads a roster folder. `source` is the path as the user gave it (used in messages). */
export async function readRosterFolder(path: string, source: string): Promise<Roster> {
  const files = listFolder(path, source);
  const display = (key: string) => join(source, files.get(key) ?? key);
  const notes = new RosterNotes();
  /** Streams a file of the folder when it is there; false when it is not. */
  const stream = async (key: string, begin: (h: RosterHeader) => (row: RosterRow) => void, estimate?: (rows: number) => void): Promise<boolean> => {
    if (!files.has(key)) return false;
    await streamRosterFile(join(path, files.get(key)!), display(key), notes, begin, estimate);
    return true;
  };

  if (!files.has('users.csv')) {
    if (files.has('students.csv') && files.has('teachers.csv')) return readCleverFolder(path, source, files);
    const classic = ['school.csv', 'section.csv', 'student.csv', 'teacher.csv', 'teacherroster.csv', 'studentenrollment.csv'].filter((f) =>
      files.has(f),
    );
    if (classic.length > 0) {
      throw inputError({
        file: source,
        message:
          `looks like a Microsoft School Data Sync (classic SDS v1) roster (${classic.map((f) => files.get(f)).join(', ')}), which edvet does not read: ` +
          `give a OneRoster CSV folder (${ONEROSTER_FILES}), an SDS v2/v2.1 folder, a Clever SFTP folder, or a simple CSV file with columns user_id,role,school_id,grade`,
      });
    }
    throw inputError({
      file: source,
      message: `no users.csv in this folder: expected a OneRoster CSV folder (${ONEROSTER_FILES}), a Clever SFTP folder (students.csv, teachers.csv, ...) or a simple CSV file with columns user_id,role,school_id,grade`,
    });
  }

  // ---- version ----
  let version = null as '1.1' | '1.2' | null;
  await stream('manifest.csv', (h) => {
    const name = h.col('propertyName');
    const value = h.col('value');
    return (row) => {
      if (row.cell(name).toLowerCase() === 'oneroster.version') {
        const v = row.cell(value);
        if (v.startsWith('1.1')) version = '1.1';
        else if (v.startsWith('1.2')) version = '1.2';
        else throw row.errorAt(value, 'unsupported oneroster.version: expected 1.1 or 1.2');
      }
    };
  });

  // ---- users ----
  const b = new RosterBuilder();
  const hasRolesFile = files.has('roles.csv');
  let kind = 'oneroster-1.1' as RosterKind;
  let sdsHint = '';
  let useRolesFile = false as boolean;
  let aliasCount = 0;
  await stream('users.csv', (users) => {
    const hasOneRosterUserColumns = users.col('status') >= 0 || users.col('dateLastModified') >= 0 || users.col('enabledUser') >= 0;
    if (version !== null) kind = version === '1.1' ? 'oneroster-1.1' : 'oneroster-1.2';
    else if (!hasOneRosterUserColumns && users.col('sourcedId') >= 0) {
      // SDS v2 keeps role in users.csv; v2.1 moved it to roles.csv (userSourcedId,orgSourcedId,role,...,isPrimary)
      kind = users.col('role') >= 0 ? 'sds-v2' : 'sds-v2.1';
    } else if (users.col('role') >= 0) kind = 'oneroster-1.1';
    else kind = 'oneroster-1.2';
    const sds = kind === 'sds-v2' || kind === 'sds-v2.1';
    sdsHint = sds
      ? ' (this looks like a Microsoft School Data Sync folder)'
      : !hasOneRosterUserColumns
        ? ' (this does not look like OneRoster: its users.csv has no status, dateLastModified or enabledUser column)'
        : '';
    const uId = users.need(['sourcedId'], `the user's id; expected OneRoster users.csv columns sourcedId, status, enabledUser, username, email, role (1.1)${sdsHint}`);
    const uStatus = users.col('status');
    const uEnabled = users.col('enabledUser');
    const aliases = [users.col('username'), users.col('email'), users.col('activeDirectoryMatchId')].filter((c) => c >= 0);
    aliasCount = aliases.length;
    const uOrgs = users.col('orgSourcedIds', 'orgSourcedId', 'primaryOrgSourcedId');
    const uGrades = users.col('grades', 'grade');
    // role: users.csv (1.1, SDS v2) unless roles.csv carries it (1.2, SDS v2.1)
    useRolesFile = hasRolesFile && (kind === 'oneroster-1.2' || kind === 'sds-v2.1' || users.col('role') < 0);
    let uRole = -1;
    if (!useRolesFile) {
      if ((kind === 'oneroster-1.2' || kind === 'sds-v2.1') && users.col('role') < 0) {
        throw inputError({
          file: display('roles.csv'),
          message: `file not found: a OneRoster 1.2 roster gives roles in roles.csv (columns userSourcedId, roleType, role, orgSourcedId), since users.csv has no role column${sdsHint}`,
        });
      }
      uRole = users.need(['role'], `the user's role (student, teacher, administrator...)${sdsHint}`);
    }
    const file = display('users.csv');
    return (row) => {
      const id = row.span(uId);
      if (id === null) throw row.errorAt(uId, 'empty sourcedId: every user needs an id');
      if (isDeleted(row, uStatus)) return;
      if (uEnabled >= 0 && row.cell(uEnabled).toLowerCase() === 'false') return;
      let role: Role = 'unknown';
      if (uRole >= 0) {
        const value = row.cell(uRole);
        role = rosterRole(value);
        if (role === 'unknown') notes.note(file, value === '' ? 'with no role: they count with no role unless an export gives one' : 'with a role edvet does not know: they count with no role unless an export gives one', row.line);
      }
      const i = b.addUser(row.span(uId)!, role);
      for (const c of aliases) b.addAlias(i, row.span(c));
      for (const o of splitMulti(row.cell(uOrgs))) b.addOwnOrg(i, o);
      b.addOwnGrades(i, gradesOf(row.cell(uGrades)));
    };
  }, (rows) => b.reserve(rows, aliasCount));

  // ---- roles.csv: the primary role wins; the orgs and grades of a user's chosen role are their own ----
  if (useRolesFile) {
    const UNSET = 255;
    const chosenRole = new Uint8Array(b.size).fill(UNSET);
    const chosenPrimary = new Uint8Array(b.size);
    // Rows kept for the second step, compactly: user, role code, org (as written; most are few) and grade bits.
    let rUsers: Int32Array = new Int32Array(1024);
    let rRoles: Int32Array = new Int32Array(1024);
    let rGrades: Int32Array = new Int32Array(1024);
    const rOrgs: string[] = [];
    let n = 0;
    await stream('roles.csv', (roles) => {
      const rUser = roles.need(['userSourcedId'], `whose role it is${sdsHint}`);
      const rRole = roles.need(['role'], `the role (student, teacher, administrator...)${sdsHint}`);
      const rStatus = roles.col('status');
      const rType = roles.col('roleType');
      const rPrimary = roles.col('isPrimary');
      const rOrg = roles.col('orgSourcedId');
      const rGradesCol = roles.col('grades', 'grade');
      const file = display('roles.csv');
      return (row) => {
        if (isDeleted(row, rStatus)) return;
        const i = b.indexOfId(row.span(rUser));
        if (i < 0) return; // a role of a user who does not count
        const value = row.cell(rRole);
        const role = rosterRole(value);
        if (role === 'unknown') notes.note(file, value === '' ? 'with no role' : 'with a role edvet does not know', row.line);
        const code = ROLE_STRENGTH[role];
        const primary = rType >= 0 ? row.cell(rType).toLowerCase() === 'primary' : rPrimary >= 0 ? isTrue(row.cell(rPrimary)) : false;
        const cur = chosenRole[i];
        if (cur === UNSET || (primary && !chosenPrimary[i]) || (cur === 0 && code !== 0 && (primary ? 1 : 0) === chosenPrimary[i])) {
          chosenRole[i] = code;
          chosenPrimary[i] = primary ? 1 : 0;
        }
        rUsers = grow(rUsers, n + 1);
        rRoles = grow(rRoles, n + 1);
        rGrades = grow(rGrades, n + 1);
        rUsers[n] = i;
        rRoles[n] = code;
        rGrades[n] = gradesOf(row.cell(rGradesCol));
        rOrgs.push(row.cell(rOrg));
        n++;
      };
    });
    const STRENGTH_ROLE = Object.fromEntries(Object.entries(ROLE_STRENGTH).map(([r, c]) => [c, r])) as Record<number, Role>;
    for (let i = 0; i < b.size; i++) if (chosenRole[i] !== UNSET) b.setRole(i, STRENGTH_ROLE[chosenRole[i]]);
    for (let k = 0; k < n; k++) {
      const i = rUsers[k];
      if (ROLE_STRENGTH[b.role(i)] !== rRoles[k]) continue;
      if (rOrgs[k] !== '') b.addOwnOrg(i, rOrgs[k]);
      b.addOwnGrades(i, rGrades[k]);
    }
  }

  // ---- SDS v2.1 relationships.csv: guardians and relatives who have no role of their own ----
  if (kind === 'sds-v2.1') {
    await stream('relationships.csv', (rel) => {
      const pUser = rel.col('relationshipUserSourcedId');
      const pRole = rel.col('relationshipRole');
      return (row) => {
        if (pUser < 0 || pRole < 0) return;
        const i = b.indexOfId(row.span(pUser));
        if (i >= 0 && b.role(i) === 'unknown') b.setRole(i, rosterRole(row.cell(pRole)));
      };
    });
  }

  // ---- orgs.csv: school names, and which orgs are schools (not the district) ----
  await stream('orgs.csv', (orgs) => {
    const oId = orgs.col('sourcedId');
    const oName = orgs.col('name');
    const oType = orgs.col('type');
    const oStatus = orgs.col('status');
    return (row) => {
      if (oId < 0 || isDeleted(row, oStatus)) return;
      b.addOrg(row.cell(oId), row.cell(oName), row.cell(oType));
    };
  });

  // ---- courses.csv, classes.csv ----
  const courseGrades = new Map<string, number>();
  await stream('courses.csv', (courses) => {
    const cId = courses.col('sourcedId');
    const cGrades = courses.col('grades', 'grade');
    const cStatus = courses.col('status');
    return (row) => {
      if (cId < 0 || cGrades < 0 || isDeleted(row, cStatus)) return;
      courseGrades.set(row.cell(cId), gradesOf(row.cell(cGrades)));
    };
  });
  /** Class id (as written) -> index; per class its school as written and its grade bits. */
  const classIndex = new Map<string, number>();
  const classSchool: string[] = [];
  const classMask: number[] = [];
  const haveClasses = await stream('classes.csv', (classes) => {
    const kId = classes.need(['sourcedId'], `the class's id${sdsHint}`);
    const kSchool = classes.need(['schoolSourcedId', 'orgSourcedId'], `the school the class is taught at${sdsHint}`);
    const kStatus = classes.col('status');
    const kGrades = classes.col('grades', 'grade');
    const kCourse = classes.col('courseSourcedId');
    return (row) => {
      if (isDeleted(row, kStatus)) return;
      let grades = gradesOf(row.cell(kGrades));
      if (grades === 0) grades = courseGrades.get(row.cell(kCourse)) ?? 0;
      const id = row.cell(kId);
      let k = classIndex.get(id);
      if (k === undefined) {
        k = classSchool.length;
        classIndex.set(id, k);
        classSchool.push('');
        classMask.push(0);
      }
      classSchool[k] = row.cell(kSchool);
      classMask[k] = grades;
    };
  });

  // ---- enrollments.csv: a teacher's placements are their classes (school and grades together) ----
  await stream('enrollments.csv', (enrollments) => {
    const eClass = enrollments.need(['classSourcedId'], `the class${sdsHint}`);
    const eUser = enrollments.need(['userSourcedId'], `the enrolled user${sdsHint}`);
    const eSchool = enrollments.col('schoolSourcedId');
    const eStatus = enrollments.col('status');
    const eRole = enrollments.col('role');
    return (row) => {
      // a class a teacher is enrolled in as, say, a student is not one they teach (checked first: most rows are students')
      if (eRole >= 0) {
        if (row.is(eRole, 'student')) return;
        const asRole = row.cell(eRole);
        if (asRole !== '' && rosterRole(asRole) !== 'teacher') return;
      }
      if (isDeleted(row, eStatus)) return;
      const i = b.indexOfId(row.span(eUser));
      if (i < 0 || b.role(i) !== 'teacher') return;
      const classId = row.cell(eClass);
      const k = classIndex.get(classId);
      if (k === undefined && haveClasses && classId !== '') return; // a deleted or unknown class
      b.addPlacement(i, (k !== undefined ? classSchool[k] : '') || row.cell(eSchool), k !== undefined ? classMask[k] : 0);
    };
  });

  if (b.roleConflicts > 0) notes.add(`${display('users.csv')}: ${b.roleConflicts.toLocaleString('en-US')} rows give a user a second role: a user has one role, the first one given`);
  return b.build(source, kind, notes.warnings());
}
