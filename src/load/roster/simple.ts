/**
 * The simple roster CSV: `user_id,role,school_id,grade`, one row per user and
 * placement (a user's rows are merged; each row is a placement: its school and
 * grade together), with optional `email`, `username` and `upn` columns that
 * export users are matched by too. Streamed (see ./table.ts).
 */
import { inputError } from '../../model/errors.js';
import { cedsToGrade, gradeRank, GRADES, isCedsNonK12 } from '../../model/grades.js';
import { type Roster, RosterBuilder } from './model.js';
import { RosterNotes } from './notes.js';
import { rosterRole } from './role-map.js';
import { streamRosterFile } from './table.js';

const EXPECTED = 'user_id,role,school_id,grade (optional: email, username)';

/** Reads a simple roster CSV file. `source` is the path as the user gave it. */
export async function readSimpleRoster(path: string, source: string): Promise<Roster> {
  const b = new RosterBuilder();
  const notes = new RosterNotes();
  await streamRosterFile(path, source, notes, (t) => {
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
    return (row) => {
      if (row.span(cUser) === null) throw row.errorAt(cUser, 'empty user_id: every row needs a user id');
      const value = row.cell(cRole);
      const role = rosterRole(value);
      if (role === 'unknown') {
        notes.note(source, value === '' ? 'with no role: they count with no role unless an export gives one' : 'with a role edvet does not know: they count with no role unless an export gives one', row.line);
      }
      const i = b.addUser(row.span(cUser)!, role);
      for (const c of aliases) b.addAlias(i, row.span(c));
      const grade = row.cell(cGrade);
      let mask = 0;
      if (grade !== '') {
        const r = gradeRank(grade);
        const code = r >= 0 ? GRADES[r] : cedsToGrade(grade);
        if (code !== null) mask = 1 << gradeRank(code);
        else if (!isCedsNonK12(grade)) {
          throw row.errorAt(cGrade, `unknown grade: expected one of ${GRADES.join(', ')} (or a CEDS code such as KG, 01..12)`);
        }
      }
      b.addPlacement(i, row.cell(cSchool), mask);
    };
  });
  if (b.roleConflicts > 0) notes.add(`${source}: ${b.roleConflicts.toLocaleString('en-US')} rows give a user a second role: a user has one role, the first one given`);
  return b.build(source, 'simple', notes.warnings());
}
