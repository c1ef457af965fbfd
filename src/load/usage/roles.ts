/**
 * Role values of usage exports and rosters, normalised as usage.md's
 * canonical field `role` says (ignoring case and surrounding spaces).
 */
import type { Role } from '../../model/types.js';

const ROLE_MAP: ReadonlyMap<string, Role> = new Map<string, Role>([
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

/**
 * The normalised role of an export's or roster's role value:
 * `student`/`learner` → student; `teacher`/`instructor`/`faculty`/`professor`
 * → teacher; `staff`/`administrator`/`aide`/`counselor`/`principal`/
 * `siteAdministrator`/`districtAdministrator`/`systemAdministrator`/`proctor`
 * → staff; `guardian`/`parent`/`relative` → family; anything else (or no
 * value) → unknown. Case and surrounding spaces are ignored.
 */
export function normaliseRole(value: string | undefined): Role {
  if (value === undefined) return 'unknown';
  return ROLE_MAP.get(value.trim().toLowerCase()) ?? 'unknown';
}
