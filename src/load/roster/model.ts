/**
 * The in-memory roster every reader builds, in compact state (quality.md
 * "roster scale": a million users in well under 1 GB): ids interned once in
 * maps to a user index; per user a role code, a grade mask and an interned
 * set of schools in typed arrays; per teacher the placements (a school and
 * grades together: a OneRoster class, a simple roster row, a Clever section)
 * that decide access (rules.md "Teachers with access, every roster kind").
 */
import { ROLE_STRENGTH, roleOfStrength, type Role } from '../../model/roles.js';
import type { Roster, RosterKind } from '../../model/roster.js';
import { GRADES, gradeRank } from '../../model/grades.js';
import { ABSENT, type ByteSpan, KeyTable } from './keys.js';

export type { Roster, RosterKind } from '../../model/roster.js';

/** A value two people of different files claim (Clever): it matches neither. */
const AMBIGUOUS = -2;
const TEACHER = ROLE_STRENGTH.teacher;

function norm(s: string): string {
  return s.trim().toLowerCase();
}

function grow<T extends Int32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Sets of school indices, interned: each distinct set is stored once and
 * named by a number (0 is the empty set), so a million students at 500
 * schools cost one number each.
 */
class SchoolSets {
  readonly sets: number[][] = [[]];
  private readonly added = new Map<number, number>();

  /** The set `set` ∪ {school}. */
  with(set: number, school: number): number {
    const key = set * 1_048_576 + school;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const list = this.sets[set];
    let id: number;
    if (list.includes(school)) id = set;
    else {
      id = this.sets.length;
      this.sets.push([...list, school]);
    }
    this.added.set(key, id);
    return id;
  }

  /** The set {school}. */
  of(school: number): number {
    return this.with(0, school);
  }

  /** Forgets the transition cache once building is done. */
  freeze(): void {
    this.added.clear();
  }
}

/** Collects users while files are read, then freezes into a {@link Roster}. */
export class RosterBuilder {
  private readonly byId = new KeyTable();
  private readonly byAlt = new KeyTable();
  /** Clever: the ids of each file (group) apart, since ids of different files are different people. */
  private readonly groupIds: KeyTable[] = [];
  private count = 0;
  private roles = new Uint8Array(1024);
  private groups = new Uint8Array(1024);
  /** Schools and grades of a user's placements (a teacher's classes), or a student's own. */
  private schoolSet = new Int32Array(1024);
  private grades = new Int32Array(1024);
  /** A user's own orgs and grades (OneRoster users.csv and roles.csv): used when their classes say nothing. */
  private ownSet = new Int32Array(1024);
  private ownGrades = new Int32Array(1024);
  /** Teacher placements: user -> [schoolIndex or -1, grade mask, ...]. */
  private readonly placements = new Map<number, number[]>();
  private readonly sets = new SchoolSets();
  /** School key -> index; index -> key and the id as first written. */
  private readonly schoolIndex = new Map<string, number>();
  private readonly schoolKeys: string[] = [];
  private readonly firstWritten: string[] = [];
  /** Org key -> its name and type (from orgs.csv or schools.csv). */
  private readonly orgs = new Map<string, { name: string; type: string }>();
  /** Rows that gave a known user a second, different role (the first is kept). */
  roleConflicts = 0;

  /** Number of users so far. */
  get size(): number {
    return this.count;
  }

  private ensure(n: number): void {
    if (n <= this.roles.length) return;
    this.roles = grow(this.roles, n);
    this.groups = grow(this.groups, n);
    this.schoolSet = grow(this.schoolSet, n);
    this.grades = grow(this.grades, n);
    this.ownSet = grow(this.ownSet, n);
    this.ownGrades = grow(this.ownGrades, n);
  }

  /**
   * Adds a user (or returns the existing one with the same id in the same
   * `group`, keeping its first known role: a user has one role). Groups are
   * Clever's files: the same id in two files is two people, and matches neither.
   */
  addUser(id: ByteSpan, role: Role, group = 0): number {
    const ids = group === 0 ? this.byId : (this.groupIds[group] ??= new KeyTable());
    const known = ids.getOrSet(id, this.count);
    const code = ROLE_STRENGTH[role];
    if (known !== ABSENT) {
      const had = this.roles[known];
      if (had === 0) this.roles[known] = code;
      else if (code !== 0 && code !== had) this.roleConflicts++;
      return known;
    }
    const index = this.count++;
    this.ensure(this.count);
    this.roles[index] = code;
    this.groups[index] = group;
    if (group !== 0) {
      const prev = this.byId.get(id);
      if (prev === ABSENT) this.byId.set(id, index);
      else if (prev !== AMBIGUOUS && this.groups[prev] !== group) this.byId.set(id, AMBIGUOUS);
    }
    return index;
  }

  /** A hint that about `users` users (each with `aliases` usernames or emails) are coming: room is made once. */
  reserve(users: number, aliases: number): void {
    this.ensure(users);
    this.byId.reserve(users);
    this.byAlt.reserve(users * aliases);
  }

  /** The user with this id (not username/email) in group 0; -1 when none. */
  indexOfId(id: ByteSpan | null): number {
    if (id === null) return -1;
    const i = this.byId.get(id);
    return i < 0 ? -1 : i;
  }

  /** The user with this id in `group` (Clever's files); -1 when none. */
  indexInGroup(id: ByteSpan | null, group: number): number {
    if (id === null) return -1;
    const i = this.groupIds[group]?.get(id) ?? ABSENT;
    return i < 0 ? -1 : i;
  }

  /** Another identifier (username, email) the user can be matched by; the first user to claim one keeps it (within a group). */
  addAlias(index: number, alias: ByteSpan | null): void {
    if (alias === null) return;
    const prev = this.byAlt.getOrSet(alias, index);
    if (prev === ABSENT || prev === index) return;
    if (prev !== AMBIGUOUS && this.groups[prev] !== this.groups[index]) this.byAlt.set(alias, AMBIGUOUS);
  }

  role(index: number): Role {
    return roleOfStrength(this.roles[index]);
  }

  setRole(index: number, role: Role): void {
    this.roles[index] = ROLE_STRENGTH[role];
  }

  private school(id: string): number {
    const key = norm(id);
    if (key === '') return -1;
    let s = this.schoolIndex.get(key);
    if (s === undefined) {
      s = this.schoolKeys.length;
      this.schoolIndex.set(key, s);
      this.schoolKeys.push(key);
      this.firstWritten.push(id.trim());
    }
    return s;
  }

  /** A school (or other org) of the user's placements, or a student's own. */
  addSchool(index: number, school: string): void {
    const s = this.school(school);
    if (s >= 0) this.schoolSet[index] = this.sets.with(this.schoolSet[index], s);
  }

  /** Adds a grade code of GRADES (others are ignored). */
  addGrade(index: number, grade: string): void {
    const r = gradeRank(grade);
    if (r >= 0) this.grades[index] |= 1 << r;
  }

  /** Adds grade bits (by rank in GRADES). */
  addGradeMask(index: number, mask: number): void {
    this.grades[index] |= mask;
  }

  gradeMaskOf(index: number): number {
    return this.grades[index];
  }

  /** One placement of a user: a school (may be '') and grades taught there together; also adds both to the user's schools and grades. */
  addPlacement(index: number, school: string, mask: number): void {
    const s = this.school(school);
    if (s >= 0) this.schoolSet[index] = this.sets.with(this.schoolSet[index], s);
    this.grades[index] |= mask;
    // Only a teacher's placements decide access (a user whose role is not known yet may still become one).
    const role = this.roles[index];
    if (role !== TEACHER && role !== 0) return;
    let list = this.placements.get(index);
    if (list === undefined) {
      list = [];
      this.placements.set(index, list);
    }
    for (let k = 0; k < list.length; k += 2) if (list[k] === s && list[k + 1] === mask) return;
    list.push(s, mask);
  }

  /** One of the user's own orgs (OneRoster), used when their placements give no school. */
  addOwnOrg(index: number, org: string): void {
    const s = this.school(org);
    if (s >= 0) this.ownSet[index] = this.sets.with(this.ownSet[index], s);
  }

  /** Own grade bits (OneRoster), used when their placements give no grade. */
  addOwnGrades(index: number, mask: number): void {
    this.ownGrades[index] |= mask;
  }

  /** An org of orgs.csv (or schools.csv): its name labels it in reports, and only orgs typed `school` (or untyped) count as schools. */
  addOrg(id: string, name: string, type: string): void {
    const key = norm(id);
    if (key !== '' && !this.orgs.has(key)) this.orgs.set(key, { name: name.trim(), type: type.trim().toLowerCase() });
  }

  /** Values (ids, usernames, emails) that people of two different files claim: they match nobody. */
  ambiguousValues(): number {
    let n = 0;
    for (const v of this.byId.values()) if (v === AMBIGUOUS) n++;
    for (const [k, v] of this.byAlt.entries()) {
      if (v === AMBIGUOUS) n++;
      else {
        const a = this.byId.getText(k);
        if (a !== ABSENT && a !== AMBIGUOUS && this.groups[a] !== this.groups[v]) n++;
      }
    }
    return n;
  }

  build(source: string, kind: RosterKind, warnings: string[]): Roster {
    const n = this.count;
    // The fallback: a user's own orgs and grades when their placements say nothing.
    const classSchools = new Uint8Array(n);
    const classGrades = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.schoolSet[i] === 0) this.schoolSet[i] = this.ownSet[i];
      else classSchools[i] = 1;
      if (this.grades[i] === 0) this.grades[i] = this.ownGrades[i];
      else classGrades[i] = 1;
    }
    const isSchool = (key: string) => {
      const t = this.orgs.get(key)?.type;
      return t === undefined || t === '' || t === 'school';
    };
    const schoolOk = this.schoolKeys.map(isSchool);
    const shown = this.sets.sets.map((set) => set.filter((s) => schoolOk[s]).map((s) => this.schoolKeys[s]));
    // The roster's schools: those some user is placed at (an own org left unused because classes gave schools is not one).
    const usedSet = new Uint8Array(this.sets.sets.length);
    for (let i = 0; i < n; i++) usedSet[this.schoolSet[i]] = 1;
    const used = new Uint8Array(this.schoolKeys.length);
    for (let set = 0; set < usedSet.length; set++) if (usedSet[set]) for (const s of this.sets.sets[set]) used[s] = 1;
    const keys = this.schoolKeys.filter((_, s) => schoolOk[s] && used[s]);
    const labels = new Map<string, string>();
    for (let s = 0; s < this.schoolKeys.length; s++) {
      if (!schoolOk[s] || !used[s]) continue;
      const k = this.schoolKeys[s];
      labels.set(k, this.orgs.get(k)?.name || this.firstWritten[s]);
    }
    // Two schools with one name are told apart by their ids.
    const uses = new Map<string, number>();
    for (const l of labels.values()) uses.set(l, (uses.get(l) ?? 0) + 1);
    for (let s = 0; s < this.schoolKeys.length; s++) {
      const k = this.schoolKeys[s];
      const l = labels.get(k);
      if (l !== undefined && uses.get(l)! > 1) labels.set(k, `${l} (${this.firstWritten[s]})`);
    }

    // Teachers and their placements as flat typed arrays: placement p of teacher t is
    // [start[t], start[t+1]) into pSet (a school set id) and pMask (grade bits).
    const teachers: number[] = [];
    const pSet: number[] = [];
    const pMask: number[] = [];
    const start: number[] = [];
    for (let i = 0; i < n; i++) {
      if (this.roles[i] !== TEACHER) continue;
      teachers.push(i);
      start.push(pSet.length);
      const list = this.placements.get(i);
      if (list === undefined || list.length === 0) {
        // No placement: every own school with every own grade (as one placement).
        pSet.push(this.schoolSet[i]);
        pMask.push(this.grades[i]);
        continue;
      }
      for (let k = 0; k < list.length; k += 2) {
        const s = list[k];
        // A placement without a school or grades takes the teacher's own only when no placement gives any.
        pSet.push(classSchools[i] ? (s >= 0 ? this.sets.of(s) : 0) : this.ownSet[i]);
        pMask.push(classGrades[i] ? list[k + 1] : this.ownGrades[i]);
      }
    }
    start.push(pSet.length);
    this.sets.freeze();
    this.placements.clear();
    return new FrozenRoster({
      source,
      kind,
      warnings,
      byId: this.byId,
      byAlt: this.byAlt,
      groups: this.groups.subarray(0, n),
      roles: this.roles.subarray(0, n),
      schoolSet: this.schoolSet.subarray(0, n),
      grades: this.grades.subarray(0, n),
      rawSets: this.sets.sets.map((set) => set.map((s) => this.schoolKeys[s])),
      shown,
      keys,
      labels,
      teachers: Int32Array.from(teachers),
      start: Int32Array.from(start),
      pSet: Int32Array.from(pSet),
      pMask: Int32Array.from(pMask),
    });
  }
}

interface Frozen {
  source: string;
  kind: RosterKind;
  warnings: string[];
  byId: KeyTable;
  byAlt: KeyTable;
  groups: Uint8Array;
  roles: Uint8Array;
  schoolSet: Int32Array;
  grades: Int32Array;
  /** Every school set by id, as school keys (the district and other orgs included: a product may name them). */
  rawSets: string[][];
  /** The same without orgs that are not schools: what reports break users down by. */
  shown: string[][];
  keys: string[];
  labels: Map<string, string>;
  teachers: Int32Array;
  start: Int32Array;
  pSet: Int32Array;
  pMask: Int32Array;
}

class FrozenRoster implements Roster {
  readonly size: number;
  readonly source: string;
  readonly kind: RosterKind;
  readonly warnings: readonly string[];

  constructor(private readonly f: Frozen) {
    this.size = f.roles.length;
    this.source = f.source;
    this.kind = f.kind;
    this.warnings = f.warnings;
  }

  lookup(identifier: string): number {
    const a = this.f.byId.getText(identifier);
    const b = this.f.byAlt.getText(identifier);
    if (a !== ABSENT) {
      if (a === AMBIGUOUS) return -1;
      // A value that is one person's id and another file's person's username or email matches neither.
      if (b !== ABSENT && b !== AMBIGUOUS && this.f.groups[b] !== this.f.groups[a]) return -1;
      return a;
    }
    return b === ABSENT || b === AMBIGUOUS ? -1 : b;
  }

  role(index: number): Role {
    return roleOfStrength(this.f.roles[index] ?? 0);
  }

  gradeMask(index: number): number {
    return this.f.grades[index] ?? 0;
  }

  schoolsOf(index: number): readonly string[] {
    const set = this.f.schoolSet[index];
    return set === undefined ? [] : this.f.shown[set];
  }

  schoolKeys(): readonly string[] {
    return this.f.keys;
  }

  schoolLabel(key: string): string {
    return this.f.labels.get(key) ?? key;
  }

  teachersWithAccess(schools: string[] | null, grades: string[] | null): Int32Array {
    const { teachers, start, pSet, pMask, rawSets } = this.f;
    let setOk: Uint8Array | null = null;
    if (schools !== null) {
      const want = new Set(schools.map(norm));
      setOk = new Uint8Array(rawSets.length);
      for (let s = 0; s < rawSets.length; s++) if (rawSets[s].some((k) => want.has(k))) setOk[s] = 1;
    }
    let wantGrades = -1;
    if (grades !== null) {
      wantGrades = 0;
      for (const g of grades) {
        const r = gradeRank(g);
        if (r >= 0 && r < GRADES.length) wantGrades |= 1 << r;
      }
    }
    const out: number[] = [];
    for (let t = 0; t < teachers.length; t++) {
      for (let p = start[t]; p < start[t + 1]; p++) {
        if (setOk !== null && setOk[pSet[p]] === 0) continue;
        if (grades !== null && (pMask[p] & wantGrades) === 0) continue;
        out.push(teachers[t]);
        break;
      }
    }
    return Int32Array.from(out);
  }
}
