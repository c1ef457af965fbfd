/**
 * Roles, written once: the normalised roles, the values of exports and
 * rosters that map to them (usage.md, canonical field `role`), and their
 * strength codes (rules.md "Roles that disagree": teacher > staff > student >
 * family). Readers, range summaries and the aggregation all use these codes.
 */

/** The normalised roles, in code order of {@link ROLE_STRENGTH} (unknown lowest). */
export const ROLES = ['unknown', 'family', 'student', 'staff', 'teacher'] as const;

/** A user's role after normalisation (usage.md). `family` users never count as seat users. */
export type Role = (typeof ROLES)[number];

/** Strength code of a role: among the roles given to one user the highest wins; 0 is unknown (no role). */
export const ROLE_STRENGTH: Readonly<Record<Role, number>> = { unknown: 0, family: 1, student: 2, staff: 3, teacher: 4 };

/** The role of a strength code (the inverse of {@link ROLE_STRENGTH}). */
export function roleOfStrength(code: number): Role {
  return ROLES[code] ?? 'unknown';
}

const ROLE_VALUES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['student', 'student'],
  ['learner', 'student'],
  ['teacher', 'teacher'],
  ['instructor', 'teacher'],
  ['faculty', 'teacher'],
  ['professor', 'teacher'],
  ['staff', 'staff'],
  ['administrator', 'staff'],
  ['aide', 'staff'],
  ['counselor', 'staff'],
  ['principal', 'staff'],
  ['siteadministrator', 'staff'],
  ['districtadministrator', 'staff'],
  ['systemadministrator', 'staff'],
  ['proctor', 'staff'],
  ['guardian', 'family'],
  ['parent', 'family'],
  ['relative', 'family'],
]);

/** Role values only rosters use: SDS v2's `lecturer`. */
const ROSTER_ONLY_VALUES: ReadonlyMap<string, Role> = new Map<string, Role>([['lecturer', 'teacher']]);

/**
 * The normalised role of an export's role value:
 * `student`/`learner` → student; `teacher`/`instructor`/`faculty`/`professor`
 * → teacher; `staff`/`administrator`/`aide`/`counselor`/`principal`/
 * `siteAdministrator`/`districtAdministrator`/`systemAdministrator`/`proctor`
 * → staff; `guardian`/`parent`/`relative` → family; anything else (or no
 * value) → unknown. Case and surrounding spaces are ignored.
 */
export function normaliseRole(value: string | undefined): Role {
  if (value === undefined) return 'unknown';
  return ROLE_VALUES.get(value.trim().toLowerCase()) ?? 'unknown';
}

/** The role of a roster's role value (OneRoster 1.1/1.2, simple CSV, SDS): as {@link normaliseRole}, plus SDS's `lecturer` → teacher. */
export function rosterRole(value: string): Role {
  const key = value.trim().toLowerCase();
  return ROLE_VALUES.get(key) ?? ROSTER_ONLY_VALUES.get(key) ?? 'unknown';
}
