/**
 * `edvet import --from-usage`: the apps of the sign-in exports that match no
 * product of the catalog, with how many used rows and distinct users each had.
 * A usage sink for readUsageFile that keeps user handles only as integers in
 * per-app sets: no user identifier leaves this module, only counts.
 */
import type { DayNumber } from '../../model/dates.js';
import { looksLikeUserIdentifier } from '../../model/identifiers.js';
import type { Role } from '../../model/types.js';
import type { CountRow, InternedUsageSink } from '../usage/types.js';

/** An app of the exports that no product matches. */
export interface UnmatchedApp {
  /** The app name as first seen. */
  app: string;
  /** App ids seen with it (e.g. OAuth client ids), distinct. */
  appIds: string[];
  rows: number;
  users: number;
}

interface Slot {
  app: string;
  appId: string | undefined;
  product: number;
  rows: number;
  users: Set<number>;
}

/** Counts rows and distinct users per app slot; `match` gives a product index or -1. */
export class UnmatchedAppCounter implements InternedUsageSink {
  private readonly userIds = new Map<string, number>();
  private readonly slotIds = new Map<string, number>();
  private readonly slots: Slot[] = [];
  constructor(private readonly match: (app: string, appId: string | undefined) => number) {}

  userHandle(user: string): number {
    const key = user.trim().toLowerCase();
    let h = this.userIds.get(key);
    if (h === undefined) {
      h = this.userIds.size;
      this.userIds.set(key, h);
    }
    return h;
  }

  appHandle(app: string, appId: string | undefined): number {
    const key = `${app}\u0000${appId ?? ''}`;
    let h = this.slotIds.get(key);
    if (h === undefined) {
      h = this.slots.length;
      this.slots.push({ app, appId, product: this.match(app, appId), rows: 0, users: new Set() });
      this.slotIds.set(key, h);
    }
    return h;
  }

  addInterned(_day: DayNumber, user: number, app: number, _role: Role, rows: number): void {
    const s = this.slots[app];
    if (s.product >= 0) return;
    s.rows += rows;
    s.users.add(user);
  }

  /** A row of aggregate counts: a row of its app, naming nobody. */
  addCount(app: number, _row: CountRow): void {
    const s = this.slots[app];
    if (s.product < 0) s.rows += 1;
  }

  /** The unmatched apps (grouped by name, ignoring case and spaces), most rows first, then by name. */
  unmatched(): UnmatchedApp[] {
    const byName = new Map<string, { app: string; appIds: Set<string>; rows: number; users: Set<number> }>();
    for (const s of this.slots) {
      if (s.product >= 0 || s.rows === 0) continue;
      const name = s.app.trim() || (s.appId ?? '').trim();
      // A person in the app column (swapped columns, Moodle's `User: Name`) never becomes a draft manifest.
      if (!name || looksLikeUserIdentifier(name)) continue;
      const key = name.toLowerCase();
      let g = byName.get(key);
      if (!g) {
        g = { app: name, appIds: new Set(), rows: 0, users: new Set() };
        byName.set(key, g);
      }
      g.rows += s.rows;
      if (s.appId && s.appId.trim()) g.appIds.add(s.appId.trim());
      for (const u of s.users) g.users.add(u);
    }
    return [...byName.values()]
      .map((g) => ({ app: g.app, appIds: [...g.appIds].sort(), rows: g.rows, users: g.users.size }))
      .sort((a, b) => b.rows - a.rows || (a.app.toLowerCase() < b.app.toLowerCase() ? -1 : 1));
  }
}
