/**
 * Roster role values (OneRoster 1.1/1.2, simple CSV, SDS) to edvet roles, as
 * usage.md's `role` field maps them (plus SDS's `lecturer`), ignoring case and
 * surrounding spaces.
 */
import type { Role } from '../../model/types.js';

const ROLES: Record<string, Role> = {
  student: 'student',
  learner: 'student',
  teacher: 'teacher',
  instructor: 'teacher',
  faculty: 'teacher',
  professor: 'teacher',
  lecturer: 'teacher', // SDS v2
  staff: 'staff',
  administrator: 'staff',
  aide: 'staff',
  counselor: 'staff',
  principal: 'staff',
  siteadministrator: 'staff',
  districtadministrator: 'staff',
  systemadministrator: 'staff',
  proctor: 'staff',
  guardian: 'family',
  parent: 'family',
  relative: 'family',
};

/** The edvet role of a roster role value; 'unknown' for an empty or unrecognised value. */
export function rosterRole(value: string): Role {
  return ROLES[value.trim().toLowerCase()] ?? 'unknown';
}
