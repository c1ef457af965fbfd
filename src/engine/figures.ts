/**
 * The sign-in figures of one product (rules.md, "Usage rules"), counted from
 * each user's last day and resolved role: active users in the two windows,
 * teachers with access who signed in, the grade and school breakdowns.
 */
import { isoOf, type DayNumber } from '../model/dates.js';
import { GRADES } from '../model/grades.js';
import { ROLE_STRENGTH } from '../model/roles.js';
import type { Roster } from '../model/roster.js';
import type { GradeCount, SchoolCount, SignInCounts } from '../model/usage.js';

/** What the figures need besides the sign-ins. */
export interface FigureQuery {
  /** First day of the active window (policy.md, "School days"). */
  activeFrom: DayNumber;
  /** First day of the semester window. */
  semesterFrom: DayNumber;
  /** Roster indices of the product's teachers with access (Roster.teachersWithAccess); null without a roster. */
  teachersWithAccess: Int32Array | null;
  /** Manifest `usage.licensed_teachers`, used when `teachersWithAccess` is null. */
  licensedTeachers: number | null;
  /** Manifest `schools` (null or absent: every school of the roster): listed in the school breakdown even with no active user. */
  schools?: readonly string[] | null;
}

/** The sign-ins of one product: its users with their last day, and the rows matched to it. */
export interface ProductSignIns {
  users: Int32Array;
  days: Int32Array;
  rows: number;
  /** The last day of a user (any index), null when it never signed in to the product. */
  lastDay(u: number): DayNumber | null;
}

/** Who the users are: resolved role codes ({@link ROLE_STRENGTH}, 0 unknown) by user index, and the roster (users 0..size-1) or null. */
export interface UserFacts {
  roles: Uint8Array;
  roster: Roster | null;
}

const FAMILY = ROLE_STRENGTH.family;
const STUDENT = ROLE_STRENGTH.student;
const TEACHER = ROLE_STRENGTH.teacher;

/** The sign-in figures of one product for the given windows (the monthly trend is counted beside them: ./monthly.ts). */
export function signInFigures(s: ProductSignIns, who: UserFacts, q: FigureQuery): Omit<SignInCounts, 'monthly'> {
  const { roles, roster } = who;
  const rosterSize = roster?.size ?? 0;
  let activeUsers = 0;
  let activeTeachers = 0;
  let activeStudents = 0;
  let semesterActiveUsers = 0;
  let semesterTeachers = 0;
  let lastSeen: number | null = null;
  const byGrade = roster === null ? null : new Float64Array(GRADES.length + 1); // the last slot: unknown
  const semesterByGrade = roster === null ? null : new Float64Array(GRADES.length + 1);
  const bySchool = roster === null ? null : new Map<string, number>();
  let noSchool = 0;
  for (let k = 0; k < s.users.length; k++) {
    const day = s.days[k];
    if (lastSeen === null || day > lastSeen) lastSeen = day;
    const u = s.users[k];
    const role = roles[u];
    if (role === FAMILY) continue;
    if (day >= q.activeFrom) {
      activeUsers++;
      if (role === TEACHER) activeTeachers++;
      else if (role === STUDENT) activeStudents++;
      if (roster !== null) {
        const known = u < rosterSize;
        if (role === STUDENT) {
          const mask = known ? roster.gradeMask(u) : 0;
          if (mask === 0) byGrade![GRADES.length]++;
          for (let r = 0; r < GRADES.length; r++) if (mask & (1 << r)) byGrade![r]++;
        }
        const schools = known ? roster.schoolsOf(u) : [];
        if (schools.length === 0) noSchool++;
        for (const sc of schools) bySchool!.set(sc, (bySchool!.get(sc) ?? 0) + 1);
      }
    }
    if (day >= q.semesterFrom) {
      semesterActiveUsers++;
      if (role === TEACHER) semesterTeachers++;
      if (roster !== null && role === STUDENT) {
        const mask = u < rosterSize ? roster.gradeMask(u) : 0;
        if (mask === 0) semesterByGrade![GRADES.length]++;
        for (let r = 0; r < GRADES.length; r++) if (mask & (1 << r)) semesterByGrade![r]++;
      }
    }
  }
  let teachersWithAccess: number | null;
  let semesterActiveTeachers: number | null;
  if (q.teachersWithAccess !== null) {
    teachersWithAccess = q.teachersWithAccess.length;
    semesterActiveTeachers = 0;
    for (const t of q.teachersWithAccess) {
      if (t < 0 || t >= rosterSize) continue;
      const last = s.lastDay(t);
      if (last !== null && last >= q.semesterFrom) semesterActiveTeachers++;
    }
  } else {
    teachersWithAccess = q.licensedTeachers;
    semesterActiveTeachers = q.licensedTeachers === null ? null : Math.min(semesterTeachers, q.licensedTeachers);
  }
  return {
    rows: s.rows,
    activeUsers,
    activeTeachers,
    activeStudents,
    semesterActiveUsers,
    semesterActiveTeacherUsers: semesterTeachers,
    teachersWithAccess,
    semesterActiveTeachers,
    lastSeen: lastSeen === null ? null : isoOf(lastSeen),
    activeByGrade: roster === null ? null : gradeBreakdown(byGrade!),
    semesterStudentsByGrade: roster === null ? null : gradeBreakdown(semesterByGrade!),
    activeBySchool: roster === null ? null : schoolBreakdown(roster, bySchool!, noSchool, q.schools),
  };
}

/** Active students by grade, in grade order (PK, TK, K, 1..12), `unknown` last; grades with none left out. A student with two grades counts in each. */
function gradeBreakdown(byGrade: Float64Array): GradeCount[] {
  const out: GradeCount[] = [];
  for (let r = 0; r < GRADES.length; r++) if (byGrade[r] > 0) out.push({ grade: GRADES[r], activeStudents: byGrade[r] });
  if (byGrade[GRADES.length] > 0) out.push({ grade: 'unknown', activeStudents: byGrade[GRADES.length] });
  return out;
}

/**
 * Active users by school name, `unknown` last for users the roster places at
 * no school (or does not know); every school where the product is deployed is
 * listed, also at 0. A user at two schools counts in each.
 */
function schoolBreakdown(roster: Roster, bySchool: Map<string, number>, noSchool: number, schools: readonly string[] | null | undefined): SchoolCount[] {
  const known = new Set(roster.schoolKeys());
  const written = new Map<string, string>(); // manifest schools the roster does not name: shown as the manifest writes them
  for (const s of schools ?? known) {
    const key = s.trim().toLowerCase();
    if (key === '') continue;
    if (!known.has(key)) written.set(key, s.trim());
    if (!bySchool.has(key)) bySchool.set(key, 0);
  }
  const out = [...bySchool]
    .map(([key, activeUsers]) => ({ school: written.get(key) ?? roster.schoolLabel(key), activeUsers }))
    .sort((a, b) => a.school.localeCompare(b.school, 'en') || (a.school < b.school ? -1 : a.school > b.school ? 1 : 0));
  if (noSchool > 0) out.push({ school: 'unknown', activeUsers: noSchool });
  return out;
}
