// The roster reader as it was before issue 15 (whole files read with csv-parse, a Set per user), kept
// unchanged as the reference of test/load/roster/equivalence.property.test.ts. Not part of edvet.
/**
 * A roster folder: OneRoster CSV 1.1 or 1.2 (version from `manifest.csv`, else
 * from the headers), or Microsoft School Data Sync v2 / v2.1, which use the
 * OneRoster file names with their own headers and are told apart by header.
 * Classic SDS (School.csv, Section.csv, Student.csv, Teacher.csv...) is
 * recognised and refused with a clear error.
 *
 * Only the columns edvet needs are required; the rest may be misspelled,
 * empty or missing. Rows with `status` `tobedeleted` and users with
 * `enabledUser` `false` do not count.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../../../../src/model/errors.js';
import { fsError } from '../../../../src/load/files.js';
import { cedsToGrade } from '../../../../src/model/grades.js';
import type { Role } from '../../../../src/model/types.js';
import { type Roster, RosterBuilder, type RosterKind } from './model.js';
import { rosterRole } from './role-map.js';
import { Table, type TableRow, splitMulti } from './table.js';

const ONEROSTER_FILES = 'users.csv, orgs.csv, classes.csv, enrollments.csv (and roles.csv in 1.2)';

interface ClassInfo {
  school: string;
  grades: string[];
}

/** Files of a folder by lower-cased name. */
function listFolder(path: string, source: string): Map<string, string> {
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

function gradesOf(cell: string): string[] {
  const out: string[] = [];
  for (const g of splitMulti(cell)) {
    const grade = cedsToGrade(g);
    if (grade !== null) out.push(grade);
  }
  return out;
}

function isDeleted(t: Table, row: TableRow, statusCol: number): boolean {
  return t.cell(row, statusCol).toLowerCase() === 'tobedeleted';
}

function isTrue(v: string): boolean {
  const s = v.trim().toLowerCase();
  return s === 'true' || s === '1' || s === 'yes' || s === 'y';
}

/** Reads a roster folder. `source` is the path as the user gave it (used in messages). */
export function readRosterFolder(path: string, source: string): Roster {
  const files = listFolder(path, source);
  const display = (key: string) => join(source, files.get(key) ?? key);
  const table = (key: string): Table | null => (files.has(key) ? Table.read(join(path, files.get(key)!), display(key)) : null);

  if (!files.has('users.csv')) {
    const classic = ['school.csv', 'section.csv', 'student.csv', 'teacher.csv', 'teacherroster.csv', 'studentenrollment.csv'].filter((f) =>
      files.has(f),
    );
    if (classic.length > 0) {
      throw inputError({
        file: source,
        message:
          `looks like a Microsoft School Data Sync (classic SDS v1) roster (${classic.map((f) => files.get(f)).join(', ')}), which edvet does not read: ` +
          `give a OneRoster CSV folder (${ONEROSTER_FILES}), an SDS v2/v2.1 folder, or a simple CSV file with columns user_id,role,school_id,grade`,
      });
    }
    throw inputError({
      file: source,
      message: `no users.csv in this folder: expected a OneRoster CSV folder (${ONEROSTER_FILES}) or a simple CSV file with columns user_id,role,school_id,grade`,
    });
  }

  // ---- version ----
  let version: '1.1' | '1.2' | null = null;
  const manifest = table('manifest.csv');
  if (manifest) {
    const name = manifest.col('propertyName');
    const value = manifest.col('value');
    for (const row of manifest.rows) {
      if (manifest.cell(row, name).toLowerCase() === 'oneroster.version') {
        const v = manifest.cell(row, value);
        if (v.startsWith('1.1')) version = '1.1';
        else if (v.startsWith('1.2')) version = '1.2';
        else throw manifest.errorAt(row, value, 'unsupported oneroster.version: expected 1.1 or 1.2');
      }
    }
  }

  const users = table('users.csv')!;
  const roles = table('roles.csv');
  const hasOneRosterUserColumns = users.col('status') >= 0 || users.col('dateLastModified') >= 0 || users.col('enabledUser') >= 0;
  let kind: RosterKind;
  if (version !== null) kind = version === '1.1' ? 'oneroster-1.1' : 'oneroster-1.2';
  else if (!hasOneRosterUserColumns && users.col('sourcedId') >= 0) {
    // SDS v2 keeps role in users.csv; v2.1 moved it to roles.csv (userSourcedId,orgSourcedId,role,...,isPrimary)
    kind = users.col('role') >= 0 ? 'sds-v2' : 'sds-v2.1';
  } else if (users.col('role') >= 0) kind = 'oneroster-1.1';
  else kind = 'oneroster-1.2';
  const sds = kind === 'sds-v2' || kind === 'sds-v2.1';
  const sdsHint = sds
    ? ' (this looks like a Microsoft School Data Sync folder)'
    : !hasOneRosterUserColumns
      ? ' (this does not look like OneRoster: its users.csv has no status, dateLastModified or enabledUser column)'
      : '';

  // ---- users ----
  const b = new RosterBuilder();
  const uId = users.need(['sourcedId'], `the user's id; expected OneRoster users.csv columns sourcedId, status, enabledUser, username, email, role (1.1)${sdsHint}`);
  const uStatus = users.col('status');
  const uEnabled = users.col('enabledUser');
  const uUsername = users.col('username');
  const uEmail = users.col('email');
  const uAdMatch = users.col('activeDirectoryMatchId');
  const uOrgs = users.col('orgSourcedIds', 'orgSourcedId', 'primaryOrgSourcedId');
  const uGrades = users.col('grades', 'grade');
  // role: users.csv (1.1, SDS v2) unless roles.csv carries it (1.2, SDS v2.1)
  const useRolesFile = roles !== null && (kind === 'oneroster-1.2' || kind === 'sds-v2.1' || users.col('role') < 0);
  let uRole = -1;
  if (!useRolesFile) {
    if (kind === 'oneroster-1.2' || kind === 'sds-v2.1') {
      if (users.col('role') < 0) {
        throw inputError({
          file: display('roles.csv'),
          message: `file not found: a OneRoster 1.2 roster gives roles in roles.csv (columns userSourcedId, roleType, role, orgSourcedId), since users.csv has no role column${sdsHint}`,
        });
      }
    }
    uRole = users.need(['role'], `the user's role (student, teacher, administrator...)${sdsHint}`);
  }

  /** Users' own orgs and grades, for the fallback when their classes do not say. */
  const ownOrgs: string[][] = [];
  const ownGrades: string[][] = [];
  for (const row of users.rows) {
    const id = users.cell(row, uId);
    if (id === '') throw users.errorAt(row, uId, 'empty sourcedId: every user needs an id');
    if (isDeleted(users, row, uStatus)) continue;
    if (uEnabled >= 0 && users.cell(row, uEnabled).toLowerCase() === 'false') continue;
    const role: Role = uRole >= 0 ? rosterRole(users.cell(row, uRole)) : 'unknown';
    const i = b.addUser(id, role);
    for (const c of [uUsername, uEmail, uAdMatch]) {
      const v = users.cell(row, c);
      if (v !== '') b.addAlias(i, v);
    }
    if (ownOrgs[i] === undefined) {
      ownOrgs[i] = [];
      ownGrades[i] = [];
    }
    ownOrgs[i].push(...splitMulti(users.cell(row, uOrgs)));
    ownGrades[i].push(...gradesOf(users.cell(row, uGrades)));
  }

  // ---- roles.csv ----
  if (useRolesFile && roles) {
    const rUser = roles.need(['userSourcedId'], `whose role it is${sdsHint}`);
    const rRole = roles.need(['role'], `the role (student, teacher, administrator...)${sdsHint}`);
    const rStatus = roles.col('status');
    const rType = roles.col('roleType');
    const rPrimary = roles.col('isPrimary');
    const rOrg = roles.col('orgSourcedId');
    const rGrades = roles.col('grades', 'grade');
    const chosen: { role: Role; primary: boolean }[] = [];
    const rows: { i: number; role: Role; org: string; grades: string[] }[] = [];
    for (const row of roles.rows) {
      if (isDeleted(roles, row, rStatus)) continue;
      const i = b.indexOfId(roles.cell(row, rUser));
      if (i < 0) continue; // a role of a user who does not count
      const role = rosterRole(roles.cell(row, rRole));
      const primary =
        rType >= 0 ? roles.cell(row, rType).toLowerCase() === 'primary' : rPrimary >= 0 ? isTrue(roles.cell(row, rPrimary)) : false;
      const cur = chosen[i];
      if (cur === undefined || (primary && !cur.primary) || (cur.role === 'unknown' && role !== 'unknown' && primary === cur.primary)) {
        chosen[i] = { role, primary };
      }
      rows.push({ i, role, org: roles.cell(row, rOrg), grades: gradesOf(roles.cell(row, rGrades)) });
    }
    for (let i = 0; i < b.size; i++) if (chosen[i] !== undefined) b.setRole(i, chosen[i].role);
    // the orgs and grades of a user's chosen role are their own (fallback) orgs and grades
    for (const r of rows) {
      if (b.role(r.i) !== r.role) continue;
      if (r.org !== '') ownOrgs[r.i].push(r.org);
      ownGrades[r.i].push(...r.grades);
    }
  }

  // ---- SDS v2.1 relationships.csv: guardians and relatives who have no role of their own ----
  const relationships = kind === 'sds-v2.1' ? table('relationships.csv') : null;
  if (relationships) {
    const pUser = relationships.col('relationshipUserSourcedId');
    const pRole = relationships.col('relationshipRole');
    if (pUser >= 0 && pRole >= 0) {
      for (const row of relationships.rows) {
        const i = b.indexOfId(relationships.cell(row, pUser));
        if (i >= 0 && b.role(i) === 'unknown') b.setRole(i, rosterRole(relationships.cell(row, pRole)));
      }
    }
  }

  // ---- orgs.csv: school names, and which orgs are schools (not the district) ----
  const orgs = table('orgs.csv');
  if (orgs) {
    const oId = orgs.col('sourcedId');
    const oName = orgs.col('name');
    const oType = orgs.col('type');
    const oStatus = orgs.col('status');
    if (oId >= 0) {
      for (const row of orgs.rows) {
        if (isDeleted(orgs, row, oStatus)) continue;
        b.addOrg(orgs.cell(row, oId), orgs.cell(row, oName), orgs.cell(row, oType));
      }
    }
  }

  // ---- courses.csv, classes.csv ----
  const courseGrades = new Map<string, string[]>();
  const courses = table('courses.csv');
  if (courses) {
    const cId = courses.col('sourcedId');
    const cGrades = courses.col('grades', 'grade');
    const cStatus = courses.col('status');
    if (cId >= 0 && cGrades >= 0) {
      for (const row of courses.rows) {
        if (isDeleted(courses, row, cStatus)) continue;
        courseGrades.set(courses.cell(row, cId), gradesOf(courses.cell(row, cGrades)));
      }
    }
  }
  const classes = new Map<string, ClassInfo>();
  const classesFile = table('classes.csv');
  if (classesFile) {
    const kId = classesFile.need(['sourcedId'], `the class's id${sdsHint}`);
    const kSchool = classesFile.need(['schoolSourcedId', 'orgSourcedId'], `the school the class is taught at${sdsHint}`);
    const kStatus = classesFile.col('status');
    const kGrades = classesFile.col('grades', 'grade');
    const kCourse = classesFile.col('courseSourcedId');
    for (const row of classesFile.rows) {
      if (isDeleted(classesFile, row, kStatus)) continue;
      let grades = gradesOf(classesFile.cell(row, kGrades));
      if (grades.length === 0) grades = courseGrades.get(classesFile.cell(row, kCourse)) ?? [];
      classes.set(classesFile.cell(row, kId), { school: classesFile.cell(row, kSchool), grades });
    }
  }

  // ---- enrollments.csv: a teacher's schools and grades are those of their classes ----
  const enrollments = table('enrollments.csv');
  if (enrollments) {
    const eClass = enrollments.need(['classSourcedId'], `the class${sdsHint}`);
    const eUser = enrollments.need(['userSourcedId'], `the enrolled user${sdsHint}`);
    const eSchool = enrollments.col('schoolSourcedId');
    const eStatus = enrollments.col('status');
    const eRole = enrollments.col('role');
    for (const row of enrollments.rows) {
      if (isDeleted(enrollments, row, eStatus)) continue;
      const i = b.indexOfId(enrollments.cell(row, eUser));
      if (i < 0 || b.role(i) !== 'teacher') continue;
      // a class a teacher is enrolled in as, say, a student is not one they teach
      const asRole = enrollments.cell(row, eRole);
      if (asRole !== '' && rosterRole(asRole) !== 'teacher') continue;
      const classId = enrollments.cell(row, eClass);
      const cls = classes.get(classId);
      if (cls === undefined && classesFile !== null && classId !== '') continue; // a deleted or unknown class
      b.addSchool(i, cls?.school || enrollments.cell(row, eSchool));
      for (const g of cls?.grades ?? []) b.addGrade(i, g);
    }
  }

  // ---- fallback: the user's own orgs and grades when their classes say nothing ----
  for (let i = 0; i < b.size; i++) {
    if (!b.hasSchools(i)) for (const o of ownOrgs[i] ?? []) b.addSchool(i, o);
    if (!b.hasGrades(i)) for (const g of ownGrades[i] ?? []) b.addGrade(i, g);
  }
  return b.build(source, kind);
}
