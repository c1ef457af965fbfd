// The roster reader as it was before issue 15 (whole files read with csv-parse, a Set per user), kept
// unchanged as the reference of test/load/roster/equivalence.property.test.ts. Not part of edvet.
/**
 * The simple roster CSV: `user_id,role,school_id,grade`, one row per user and
 * grade (a user's rows are merged), with optional `email`, `username` and
 * `upn` columns that export users are matched by too.
 */
import { inputError } from '../../../../src/model/errors.js';
import { cedsToGrade, gradeRank, GRADES, isCedsNonK12 } from '../../../../src/model/grades.js';
import { type Roster, RosterBuilder } from './model.js';
import { rosterRole } from './role-map.js';
import { Table } from './table.js';

const EXPECTED = 'user_id,role,school_id,grade (optional: email, username)';

/** Reads a simple roster CSV file. `source` is the path as the user gave it. */
export function readSimpleRoster(path: string, source: string): Roster {
  const t = Table.read(path, source);
  if (t.col('user_id') < 0 && t.col('sourcedId') >= 0) {
    throw inputError({
      file: source,
      line: 1,
      column: 1,
      message: `looks like a OneRoster users.csv: give --roster the folder that holds users.csv, orgs.csv, classes.csv and enrollments.csv, or a simple CSV with columns ${EXPECTED}`,
    });
  }
  const cUser = t.need(['user_id'], `the user's id; a simple roster has columns ${EXPECTED}`);
  const cRole = t.need(['role'], `student, teacher, staff...; a simple roster has columns ${EXPECTED}`);
  const cSchool = t.col('school_id');
  const cGrade = t.col('grade');
  const aliases = [t.col('email'), t.col('username'), t.col('upn')].filter((c) => c >= 0);
  const b = new RosterBuilder();
  for (const row of t.rows) {
    const id = t.cell(row, cUser);
    if (id === '') throw t.errorAt(row, cUser, 'empty user_id: every row needs a user id');
    const i = b.addUser(id, rosterRole(t.cell(row, cRole)));
    for (const c of aliases) {
      const v = t.cell(row, c);
      if (v !== '') b.addAlias(i, v);
    }
    const school = t.cell(row, cSchool);
    if (school !== '') b.addSchool(i, school);
    const grade = t.cell(row, cGrade);
    if (grade !== '') {
      const r = gradeRank(grade);
      const code = r >= 0 ? GRADES[r] : cedsToGrade(grade);
      if (code !== null) b.addGrade(i, code);
      else if (!isCedsNonK12(grade)) {
        throw t.errorAt(row, cGrade, `unknown grade: expected one of ${GRADES.join(', ')} (or a CEDS code such as KG, 01..12)`);
      }
    }
  }
  return b.build(source, 'simple');
}
