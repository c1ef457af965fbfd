// The roster reader as it was before issue 15 (whole files read with csv-parse, a Set per user), kept
// unchanged as the reference of test/load/roster/equivalence.property.test.ts. Not part of edvet.
/**
 * The in-memory roster every reader builds: users with a role, the ids they can
 * be matched by, their schools and grades (for teachers, those they teach),
 * and the names of the schools.
 */
import type { Role } from '../../../../src/model/types.js';
import type { Roster, RosterKind } from '../../../../src/model/roster.js';
import { GRADES, gradeRank } from '../../../../src/model/grades.js';

export type { Roster, RosterKind } from '../../../../src/model/roster.js';

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** Collects users while files are read, then freezes into a {@link Roster}. */
export class RosterBuilder {
  private readonly byId = new Map<string, number>();
  private readonly byAlt = new Map<string, number>();
  private readonly roles: Role[] = [];
  private readonly schools: Set<string>[] = [];
  private readonly grades: number[] = [];
  /** Org key -> its name and type (from orgs.csv), and school key -> its id as first written. */
  private readonly orgs = new Map<string, { name: string; type: string }>();
  private readonly firstWritten = new Map<string, string>();

  /** Number of users so far. */
  get size(): number {
    return this.roles.length;
  }

  /** Adds a user (or returns the existing one with the same id, keeping its first known role). */
  addUser(id: string, role: Role): number {
    const key = norm(id);
    const known = this.byId.get(key);
    if (known !== undefined) {
      if (this.roles[known] === 'unknown') this.roles[known] = role;
      return known;
    }
    const index = this.roles.length;
    this.byId.set(key, index);
    this.roles.push(role);
    this.schools.push(new Set());
    this.grades.push(0);
    return index;
  }

  /** The user with this id (not username/email); -1 when none. */
  indexOfId(id: string): number {
    return this.byId.get(norm(id)) ?? -1;
  }

  /** Another identifier (username, email) the user can be matched by; the first user to claim one keeps it. */
  addAlias(index: number, alias: string): void {
    const key = norm(alias);
    if (key !== '' && !this.byAlt.has(key)) this.byAlt.set(key, index);
  }

  role(index: number): Role {
    return this.roles[index];
  }

  setRole(index: number, role: Role): void {
    this.roles[index] = role;
  }

  addSchool(index: number, school: string): void {
    const key = norm(school);
    if (key === '') return;
    this.schools[index].add(key);
    if (!this.firstWritten.has(key)) this.firstWritten.set(key, school.trim());
  }

  /** An org of orgs.csv: its name labels it in reports, and only orgs typed `school` (or untyped) count as schools. */
  addOrg(id: string, name: string, type: string): void {
    const key = norm(id);
    if (key !== '' && !this.orgs.has(key)) this.orgs.set(key, { name: name.trim(), type: type.trim().toLowerCase() });
  }

  hasSchools(index: number): boolean {
    return this.schools[index].size > 0;
  }

  /** Adds a grade code of GRADES (others are ignored). */
  addGrade(index: number, grade: string): void {
    const r = gradeRank(grade);
    if (r >= 0) this.grades[index] |= 1 << r;
  }

  hasGrades(index: number): boolean {
    return this.grades[index] !== 0;
  }

  build(source: string, kind: RosterKind): Roster {
    const isSchool = (key: string) => {
      const t = this.orgs.get(key)?.type;
      return t === undefined || t === '' || t === 'school';
    };
    const interned = new Map<string, string[]>();
    const schoolLists = this.schools.map((set) => {
      const list = [...set].filter(isSchool);
      const id = list.join('\n');
      const known = interned.get(id);
      if (known) return known;
      interned.set(id, list);
      return list;
    });
    const keys = [...this.firstWritten.keys()].filter(isSchool);
    const labels = new Map<string, string>();
    for (const k of keys) labels.set(k, this.orgs.get(k)?.name || this.firstWritten.get(k)!);
    // Two schools with one name are told apart by their ids.
    const uses = new Map<string, number>();
    for (const l of labels.values()) uses.set(l, (uses.get(l) ?? 0) + 1);
    for (const [k, l] of labels) if (uses.get(l)! > 1) labels.set(k, `${l} (${this.firstWritten.get(k)})`);
    return new FrozenRoster(source, kind, this.byId, this.byAlt, this.roles, this.schools, this.grades, schoolLists, keys, labels);
  }
}

class FrozenRoster implements Roster {
  readonly size: number;
  readonly warnings: readonly string[] = [];
  private readonly teachers: Int32Array;

  constructor(
    readonly source: string,
    readonly kind: RosterKind,
    private readonly byId: Map<string, number>,
    private readonly byAlt: Map<string, number>,
    private readonly roles: Role[],
    private readonly schools: Set<string>[],
    private readonly gradeMasks: number[],
    private readonly schoolLists: string[][],
    private readonly keys: string[],
    private readonly labels: Map<string, string>,
  ) {
    this.size = roles.length;
    const t: number[] = [];
    for (let i = 0; i < roles.length; i++) if (roles[i] === 'teacher') t.push(i);
    this.teachers = Int32Array.from(t);
  }

  lookup(identifier: string): number {
    const key = norm(identifier);
    return this.byId.get(key) ?? this.byAlt.get(key) ?? -1;
  }

  role(index: number): Role {
    return this.roles[index] ?? 'unknown';
  }

  gradeMask(index: number): number {
    return this.gradeMasks[index] ?? 0;
  }

  schoolsOf(index: number): readonly string[] {
    return this.schoolLists[index] ?? [];
  }

  schoolKeys(): readonly string[] {
    return this.keys;
  }

  schoolLabel(key: string): string {
    return this.labels.get(key) ?? key;
  }

  teachersWithAccess(schools: string[] | null, grades: string[] | null): Int32Array {
    const wantSchools = schools === null ? null : new Set(schools.map(norm));
    let wantGrades = -1;
    if (grades !== null) {
      wantGrades = 0;
      for (const g of grades) {
        const r = gradeRank(g);
        if (r >= 0 && r < GRADES.length) wantGrades |= 1 << r;
      }
    }
    const out: number[] = [];
    for (const i of this.teachers) {
      if (grades !== null && (this.gradeMasks[i] & wantGrades) === 0) continue;
      if (wantSchools !== null) {
        let at = false;
        for (const s of this.schools[i]) {
          if (wantSchools.has(s)) {
            at = true;
            break;
          }
        }
        if (!at) continue;
      }
      out.push(i);
    }
    return Int32Array.from(out);
  }
}
