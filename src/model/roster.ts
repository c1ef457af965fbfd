/**
 * The roster as the rest of edvet sees it (usage.md, "Rosters"): users with a
 * role, the ids they are matched by, their schools and grades. The readers in
 * src/load/roster build it; the aggregation and the usage step read it.
 */
import type { Role } from './roles.js';

/** What kind of roster file(s) a {@link Roster} was read from. */
export type RosterKind = 'oneroster-1.1' | 'oneroster-1.2' | 'simple' | 'sds-v2' | 'sds-v2.1' | 'clever';

/** Who could use each product: the denominators of the usage figures (usage.md, "Rosters"). */
export interface Roster {
  /** The path as given. */
  source: string;
  kind: RosterKind;
  /** What the reader met and did not simply use (skipped or short rows, unknown roles, a header-only file, shared ids), one line each; never quoting a cell. */
  warnings: readonly string[];
  /** Roster users; their indices are 0..size-1. */
  size: number;
  /** The user whose id (OneRoster `sourcedId`, simple `user_id`), username or email is `identifier`, ignoring case and surrounding spaces; -1 when none. Ids win over usernames and emails. */
  lookup(identifier: string): number;
  /** The edvet role of a roster user. */
  role(index: number): Role;
  /** Roster teachers at any of `schools` (all when null) who teach at least one of `grades` (all when null): sorted roster indices. */
  teachersWithAccess(schools: string[] | null, grades: string[] | null): Int32Array;
  /** A user's grades (a student's own, a teacher's those of their classes) as bits by rank in GRADES; 0 when none is known. */
  gradeMask(index: number): number;
  /** A user's schools, as school keys (lower-cased ids); orgs that orgs.csv types as something else (the district) are left out. */
  schoolsOf(index: number): readonly string[];
  /** Every school key of the roster, in order of first appearance. */
  schoolKeys(): readonly string[];
  /** How a school is shown: its name from orgs.csv, else its id as first written. */
  schoolLabel(key: string): string;
}
