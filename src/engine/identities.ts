/**
 * Who is who in the usage exports (usage.md, "Rosters"): an export user the
 * roster knows (id, username or email, ignoring case) is that roster user;
 * any other is keyed by its identifier lower-cased and trimmed. A user has one
 * role for the whole run (rules.md "Roles that disagree"): the roster's when it
 * gives one (the roster wins over any export), else the strongest role export
 * rows give it (teacher > staff > student > family, so file order does not
 * matter), else teacher when the policy's `teacher_pattern` matches one of its
 * raw identifiers, else unknown.
 */
import type { SafePattern } from '../model/pattern.js';
import type { Roster } from '../model/roster.js';
import { ROLE_STRENGTH, type Role } from '../model/roles.js';
import { grow } from './typed-arrays.js';

/** Resolves export identifiers to user indices and collects their roles. Users 0..roster.size-1 are the roster's, then export-only users in order of appearance. */
export class Identities {
  private readonly roster: Roster | null;
  private readonly pattern: SafePattern | null;
  /** Roster users (0 without a roster). */
  readonly rosterSize: number;
  private readonly rawUsers = new Map<string, number>();
  private readonly extUsers = new Map<string, number>();
  private userCount: number;
  /** Per user: the strongest export role ({@link ROLE_STRENGTH}; 0 none). */
  private exportRole: Uint8Array;
  /** Per user: 1 when `teacher_pattern` matched one of its raw identifiers. */
  private patternTeacher: Uint8Array;

  constructor(roster: Roster | null, teacherPattern: SafePattern | null) {
    this.roster = roster;
    this.pattern = teacherPattern;
    this.rosterSize = roster?.size ?? 0;
    this.userCount = this.rosterSize;
    this.exportRole = new Uint8Array(Math.max(16, this.rosterSize * 2));
    this.patternTeacher = new Uint8Array(this.exportRole.length);
  }

  /** How many users are known so far (roster users included). */
  get size(): number {
    return this.userCount;
  }

  /** The index of an export user identifier (unified through the roster, else by its lower-cased trimmed form). */
  userOf(user: string): number {
    const u = this.rawUsers.get(user);
    return u === undefined ? this.newRawUser(user) : u;
  }

  /** Records a role an export row gives user `u`; the strongest one is kept. */
  noteRole(u: number, role: Role): void {
    const code = ROLE_STRENGTH[role];
    if (code > this.exportRole[u]) this.exportRole[u] = code;
  }

  /** The resolved role of user `u` as a strength code (0: unknown). */
  roleOf(u: number): number {
    if (u < this.rosterSize) {
      const r = ROLE_STRENGTH[this.roster!.role(u)];
      if (r !== 0) return r;
    }
    const e = this.exportRole[u];
    if (e !== 0) return e;
    return this.patternTeacher[u] ? ROLE_STRENGTH.teacher : 0;
  }

  /** Every user's resolved role code, by user index. */
  resolvedRoles(): Uint8Array {
    const roles = new Uint8Array(this.userCount);
    for (let u = 0; u < this.userCount; u++) roles[u] = this.roleOf(u);
    return roles;
  }

  private newRawUser(user: string): number {
    let u = this.roster !== null ? this.roster.lookup(user) : -1;
    if (u < 0) {
      const key = user.trim().toLowerCase();
      const known = this.extUsers.get(key);
      if (known !== undefined) u = known;
      else {
        u = this.userCount++;
        this.extUsers.set(key, u);
        if (u >= this.exportRole.length) {
          this.exportRole = grow(this.exportRole, u + 1);
          this.patternTeacher = grow(this.patternTeacher, u + 1);
        }
      }
    }
    this.rawUsers.set(user, u);
    if (this.pattern !== null && this.patternTeacher[u] === 0) {
      if (this.pattern.test(user)) this.patternTeacher[u] = 1;
    }
    return u;
  }
}
