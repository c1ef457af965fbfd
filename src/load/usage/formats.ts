/**
 * Usage-export formats (usage.md "Formats", "Known exports", "Custom
 * formats"): header normalisation, format detection and the per-format row
 * plan the reader follows.
 */
import { describeHeaderCells } from '../header-text.js';
import { inputError, usageError } from '../../model/errors.js';
import { TimestampParser, timestampParser } from './timestamps.js';
import type { UsageRowKind } from '../../model/types.js';
import type { CustomFormat } from './types.js';

export { BUILTIN_FORMATS } from './format-names.js';

/**
 * What a format's rows are (usage-sources.md "Formats"): sign-in events,
 * per-user last-seen records, or aggregate counts naming nobody. Custom
 * formats are events.
 */
export type RowKind = UsageRowKind;

const LAST_SEEN_FORMATS = new Set(['canvas-last-access', 'canvas-access-tokens', 'edvet-last-seen', 'google-user-report']);

/** The kind of rows of a format (any name: a custom format's rows are events). */
export function rowKindOf(format: string): RowKind {
  if (format === 'edvet-counts') return 'counts';
  return LAST_SEEN_FORMATS.has(format) ? 'last-seen' : 'events';
}

/** A header name as matched: BOM stripped, trimmed, runs of white space collapsed, lower case. */
export function normaliseHeaderName(name: string): string {
  return name.replace(/\uFEFF/g, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A file's header row, indexed by normalised name (the first of duplicate names wins). */
export class HeaderIndex {
  readonly raw: string[];
  readonly names: string[];
  private readonly index = new Map<string, number>();
  constructor(raw: string[]) {
    this.raw = raw;
    this.names = raw.map(normaliseHeaderName);
    this.names.forEach((n, i) => {
      if (n !== '' && !this.index.has(n)) this.index.set(n, i);
    });
  }
  /** Every column of these names (any spelling), names in the order given, repeated names in header order: a field read from the first non-empty one (GAM repeats names). */
  all(...names: string[]): number[] {
    const out: number[] = [];
    for (const n of names) {
      const key = normaliseHeaderName(n);
      this.names.forEach((h, i) => {
        if (h === key && !out.includes(i)) out.push(i);
      });
    }
    return out;
  }
  /** Column of a name (any spelling that normalises the same), -1 when absent. */
  col(name: string): number {
    return this.index.get(normaliseHeaderName(name)) ?? -1;
  }
  has(name: string): boolean {
    return this.col(name) >= 0;
  }
  /** The names of `names` not in this header, as given. */
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.has(n));
  }
}

/** What the reader does with each row of a file, resolved to column numbers. */
export interface RowPlan {
  format: string;
  /** Header width: a row of another width is a bad row. */
  columns: number;
  timestamp: number;
  user: number;
  /** Fallback user column when `user` is empty (-1: none). */
  userAlt: number;
  /** App column (-1: the constant `appConst`). */
  app: number;
  appConst: string | null;
  appId: number;
  role: number;
  /** A `Status` column that must say `Success` (Entra), -1: none. */
  successCol: number;
  /** An empty user is a skipped row "no user" (Moodle's `-`), not a bad one. */
  noUserIsSkip: boolean;
  /** App values starting `User:` are skipped "not an app" (Moodle profile pages). */
  skipUserContext: boolean;
  /** Reason to skip a row with no timestamp (Canvas's `never`); null: a bad row. */
  noTimestampSkip: string | null;
  skipWhen: { col: number; values: Set<string>; notIn: boolean; reason: string } | null;
  timestamps: TimestampParser;
  /** A column counting the sign-ins a row stands for (edvet-summary's `sign_ins`), -1: each row is one. */
  weight: number;
  /** Events, last-seen records or counts (usage-sources.md). */
  kind: RowKind;
  /**
   * Columns read from the first non-empty of several (a repeated GAM name, a second spelling); when set they take
   * the place of the single column of the same field.
   */
  multi: { user: number[]; app: number[]; appId: number[]; timestamp: number[] } | null;
  /** Only rows whose event (first non-empty of `cols`) equals `value` (lower case) are used; others are skipped for `reason`. */
  event: { cols: number[]; value: string; reason: string } | null;
  /** Org-unit columns (first non-empty) whose value gives the row's role through policy `usage.role_by_org_unit`; empty: none. */
  orgUnit: number[];
  /** google-user-report: each column gives a last-seen record for its constant app. */
  records: { cols: number[]; app: string }[] | null;
  /** edvet-counts columns. */
  counts: { start: number; end: number; count: number; school: number } | null;
}

interface Settings {
  /** Policy zone: the day a sign-in counts for. */
  timezone: string;
  dateOrder: 'mdy' | 'dmy';
}

interface BuiltinDef {
  name: string;
  required: string[];
  /** Columns whose presence rules the format out (edvet-last-seen: `month`, which is edvet-summary's). */
  absent?: string[];
  /** Alternatives: each group needs one of its names (google-oauth-log's `Event name` or `Event`). */
  oneOf?: string[][];
  defaults: { dateOrder?: 'mdy' | 'dmy'; sourceTimezone?: string };
  plan(h: HeaderIndex): Partial<RowPlan> & Pick<RowPlan, 'timestamp' | 'user'>;
}

const BUILTINS: BuiltinDef[] = [
  {
    name: 'edvet',
    required: ['timestamp', 'user_id', 'role', 'app'],
    defaults: {},
    plan: (h) => ({ timestamp: h.col('timestamp'), user: h.col('user_id'), app: h.col('app'), appId: h.col('app_id'), role: h.col('role') }),
  },
  {
    name: 'edvet-summary',
    required: ['app', 'user_id', 'role', 'month', 'sign_ins', 'last_seen'],
    defaults: {},
    plan: (h) => ({ timestamp: h.col('last_seen'), user: h.col('user_id'), app: h.col('app'), appId: h.col('app_id'), role: h.col('role'), weight: h.col('sign_ins') }),
  },
  {
    name: 'entra-signins',
    required: ['Date (UTC)', 'Username', 'Application', 'Status'],
    // The column says it: times without an offset are UTC.
    defaults: { sourceTimezone: 'UTC' },
    plan: (h) => ({
      timestamp: h.col('Date (UTC)'),
      user: h.col('Username'),
      userAlt: h.col('User ID'),
      app: h.col('Application'),
      appId: h.col('Application ID'),
      successCol: h.col('Status'),
    }),
  },
  {
    name: 'canvas-last-access',
    required: ['user id', 'user sis id', 'last access at'],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('last access at'),
      user: h.col('user sis id'),
      userAlt: h.col('user id'),
      appConst: 'Canvas',
      noTimestampSkip: 'never signed in',
      kind: 'last-seen',
    }),
  },
  {
    name: 'canvas-access-tokens',
    required: ['user id', 'dev key name', 'last used'],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('last used'),
      user: h.col('user id'),
      app: h.col('dev key name'),
      appId: h.col('dev key id'),
      noTimestampSkip: 'never used',
      kind: 'last-seen',
    }),
  },
  {
    name: 'moodle-log',
    required: ['Time', 'User full name', 'Event context', 'Component', 'Event name'],
    defaults: { dateOrder: 'dmy' },
    plan: (h) => ({
      timestamp: h.col('Time'),
      user: h.col('User full name'),
      app: h.col('Event context'),
      noUserIsSkip: true,
      skipUserContext: true,
    }),
  },
  {
    name: 'edvet-last-seen',
    required: ['user_id', 'app', 'last_seen'],
    absent: ['month'],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('last_seen'),
      user: h.col('user_id'),
      app: h.col('app'),
      appId: h.col('app_id'),
      role: h.col('role'),
      noTimestampSkip: 'never signed in',
      kind: 'last-seen',
    }),
  },
  {
    name: 'edvet-counts',
    required: ['app', 'period_start', 'period_end', 'active_users'],
    defaults: {},
    plan: (h) => ({
      timestamp: -1,
      user: -1,
      app: h.col('app'),
      appId: h.col('app_id'),
      role: h.col('role'),
      kind: 'counts',
      counts: { start: h.col('period_start'), end: h.col('period_end'), count: h.col('active_users'), school: h.col('school') },
    }),
  },
  {
    // GAM `gam report tokens`: only `activity` is use (an app called a Google API for the user), not consent.
    name: 'google-token-audit',
    required: ['name', 'actor.email', 'id.time', 'app_name', 'client_id'],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('id.time'),
      user: h.col('actor.email'),
      app: h.col('app_name'),
      appId: h.col('client_id'),
      noUserIsSkip: true,
      multi: { user: h.all('actor.email'), app: h.all('app_name'), appId: h.all('client_id'), timestamp: h.all('id.time') },
      event: { cols: h.all('name'), value: 'activity', reason: 'not a use event' },
      orgUnit: h.all('actor.orgUnitPath'),
    }),
  },
  {
    name: 'google-saml',
    required: ['name', 'actor.email', 'id.time', 'application_name'],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('id.time'),
      user: h.col('actor.email'),
      app: h.col('application_name'),
      noUserIsSkip: true,
      multi: { user: h.all('actor.email'), app: h.all('application_name'), appId: [], timestamp: h.all('id.time') },
      event: { cols: h.all('name'), value: 'login_success', reason: 'not a successful sign-in' },
      // usage-sources.md "Decided details": per row, the first non-empty of the two.
      orgUnit: h.all('orgunit_path', 'actor.orgUnitPath'),
    }),
  },
  {
    // Admin console → Reporting → Audit and investigation → OAuth log events → Download; `Date` is in the browser's zone.
    name: 'google-oauth-log',
    required: ['Date', 'Application name'],
    oneOf: [
      ['Event name', 'Event'],
      ['User', 'Actor'],
    ],
    defaults: {},
    plan: (h) => ({
      timestamp: h.col('Date'),
      user: h.col('User'),
      app: h.col('Application name'),
      noUserIsSkip: true,
      multi: { user: h.all('User', 'Actor'), app: h.all('Application name'), appId: h.all('Client ID', 'Application ID'), timestamp: h.all('Date') },
      event: { cols: h.all('Event name', 'Event'), value: 'activity', reason: 'not a use event' },
      orgUnit: h.all('Actor organizational unit'),
    }),
  },
  {
    // GAM `gam report users parameters accounts:last_login_time,classroom:last_interaction_time,classroom:role`.
    name: 'google-user-report',
    required: ['email'],
    oneOf: [['accounts:last_login_time', 'classroom:last_interaction_time']],
    defaults: {},
    plan: (h) => ({
      timestamp: -1,
      user: h.col('email'),
      role: h.col('classroom:role'),
      appConst: 'Google Workspace',
      multi: { user: h.all('email'), app: [], appId: [], timestamp: [] },
      orgUnit: h.all('orgUnitPath'),
      kind: 'last-seen',
      records: [
        { cols: h.all('classroom:last_interaction_time'), app: 'Google Classroom' },
        { cols: h.all('accounts:last_login_time'), app: 'Google Workspace' },
      ].filter((r) => r.cols.length > 0),
    }),
  },
];

/** The columns of a built-in format missing from a header: its required ones, and one name of each alternative group. */
function builtinMissing(def: BuiltinDef, h: HeaderIndex): string[] {
  const missing = h.missing(def.required);
  for (const group of def.oneOf ?? []) if (!group.some((n) => h.has(n))) missing.push(group.join(' or '));
  return missing;
}

/** True when a header is of this built-in format (every column present, none of its ruled-out ones). */
function builtinMatches(def: BuiltinDef, h: HeaderIndex): boolean {
  return builtinMissing(def, h).length === 0 && !(def.absent ?? []).some((n) => h.has(n));
}

function isBuiltin(name: string): boolean {
  return BUILTINS.some((b) => b.name === name);
}

/** Columns a custom format needs: its `detect` list and every column it maps. */
function customNeeds(f: CustomFormat): string[] {
  const out: string[] = [];
  const add = (n: string | undefined): void => {
    if (n !== undefined && n !== '' && !out.some((o) => normaliseHeaderName(o) === normaliseHeaderName(n))) out.push(n);
  };
  for (const d of f.detect ?? []) add(d);
  const c: Partial<NonNullable<CustomFormat['columns']>> = f.columns ?? {};
  add(c.timestamp);
  add(c.user);
  add(c.app);
  add(c.app_id);
  add(c.role);
  add(c.school);
  add(c.grade);
  if (f.skip_when) add(f.skip_when.column);
  return out;
}

/** Columns that recognise a custom format: `detect`, else the columns it maps. */
function customDetect(f: CustomFormat): string[] {
  if (f.detect && f.detect.length > 0) return f.detect;
  return customNeeds(f).filter((n) => !f.skip_when || normaliseHeaderName(n) !== normaliseHeaderName(f.skip_when.column));
}

function basePlan(format: string, columns: number, timestamps: TimestampParser): RowPlan {
  return {
    format,
    columns,
    timestamp: -1,
    user: -1,
    userAlt: -1,
    app: -1,
    appConst: null,
    appId: -1,
    role: -1,
    successCol: -1,
    noUserIsSkip: false,
    skipUserContext: false,
    noTimestampSkip: null,
    skipWhen: null,
    timestamps,
    weight: -1,
    kind: 'events',
    multi: null,
    event: null,
    orgUnit: [],
    records: null,
    counts: null,
  };
}

function customPlan(f: CustomFormat, h: HeaderIndex, s: Settings, file: string, line: number): RowPlan {
  const c: Partial<NonNullable<CustomFormat['columns']>> = f.columns ?? {};
  const problems: string[] = [];
  if (!c.timestamp) problems.push('maps no timestamp column');
  if (!c.user) problems.push('maps no user column');
  if (!c.app && !f.app) problems.push('maps no app column and sets no constant app');
  if (problems.length > 0) {
    throw inputError({ file, message: `usage format "${f.name}" ${problems.join(', ')}` });
  }
  const missing = h.missing(customNeeds(f));
  if (missing.length > 0) {
    throw inputError({
      file,
      line,
      message: `usage format "${f.name}": column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')} not in the header`,
    });
  }
  const plan = basePlan(
    f.name,
    h.raw.length,
    timestampParser({ timezone: s.timezone, dateOrder: f.date_order ?? s.dateOrder, sourceTimezone: f.timezone }),
  );
  plan.timestamp = h.col(c.timestamp!);
  plan.user = h.col(c.user!);
  if (c.app) plan.app = h.col(c.app);
  else plan.appConst = f.app!;
  if (c.app_id) plan.appId = h.col(c.app_id);
  if (c.role) plan.role = h.col(c.role);
  if (f.skip_when) {
    const sw = f.skip_when;
    const list = sw.not_in ?? sw.in ?? [];
    plan.skipWhen = {
      col: h.col(sw.column),
      values: new Set(list.map((v) => String(v).trim().toLowerCase())),
      notIn: sw.not_in !== undefined,
      reason: `skip_when ${sw.column}`,
    };
  }
  return plan;
}

function builtinPlan(def: BuiltinDef, h: HeaderIndex, s: Settings, overrides: CustomFormat | undefined): RowPlan {
  const dateOrder = overrides?.date_order ?? def.defaults.dateOrder ?? s.dateOrder;
  const sourceTimezone = overrides?.timezone ?? def.defaults.sourceTimezone;
  const plan = basePlan(def.name, h.raw.length, timestampParser({ timezone: s.timezone, dateOrder, sourceTimezone }));
  return { ...plan, ...def.plan(h) };
}

/** Column names of the built-in formats, beyond their required ones (normalised). */
const OPTIONAL_COLUMNS = [
  'app_id', 'User ID', 'Application ID', 'dev key id', 'Affected user', 'Description', 'Origin', 'IP address', 'user name', 'last access',
  'role', 'school_id', 'grade', 'school', 'actor.orgUnitPath', 'orgunit_path', 'Event name', 'Event', 'User', 'Actor', 'Client ID',
  'Actor organizational unit', 'accounts:last_login_time', 'classroom:last_interaction_time', 'classroom:role', 'orgUnitPath', 'date',
];

/**
 * The header's cells that name a column of a known format (built-in or the policy's own), quoted; the other
 * cells only counted, so a title line or data row above the header is never echoed.
 */
function describeHeader(h: HeaderIndex, custom: CustomFormat[]): string {
  const known = new Set([...BUILTINS.flatMap((b) => b.required), ...OPTIONAL_COLUMNS, ...custom.flatMap(customNeeds)].map(normaliseHeaderName));
  return describeHeaderCells(h.raw, 'header found', (c) => known.has(normaliseHeaderName(c)));
}

/** All format names a policy makes known: its custom formats then the built-ins. */
export function knownFormats(custom: CustomFormat[]): string[] {
  return [...custom.filter((f) => !isBuiltin(f.name)).map((f) => f.name), ...BUILTINS.map((b) => b.name)];
}

/**
 * The row plan for a file's header: the forced format, else the first
 * custom format (policy order) then built-in (table order) whose columns are
 * all present. Errors name the file and the header line.
 */
export function choosePlan(
  h: HeaderIndex,
  custom: CustomFormat[],
  forced: string | undefined,
  s: Settings,
  file: string,
  line: number,
): RowPlan {
  const overrides = new Map<string, CustomFormat>();
  const customs: CustomFormat[] = [];
  for (const f of custom) {
    if (isBuiltin(f.name)) overrides.set(f.name, f);
    else customs.push(f);
  }
  if (forced !== undefined) {
    const cf = customs.find((f) => f.name === forced);
    if (cf) return customPlan(cf, h, s, file, line);
    const def = BUILTINS.find((b) => b.name === forced);
    if (!def) throw usageError(`unknown usage format "${forced}"; known formats: ${knownFormats(custom).join(', ')}`);
    const missing = builtinMissing(def, h);
    if (missing.length > 0) {
      throw inputError({
        file,
        line,
        message: `usage format "${forced}": column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')} not in the header`,
      });
    }
    return builtinPlan(def, h, s, overrides.get(def.name));
  }
  for (const f of customs) {
    if (h.missing(customDetect(f)).length === 0) return customPlan(f, h, s, file, line);
  }
  for (const def of BUILTINS) {
    if (builtinMatches(def, h)) return builtinPlan(def, h, s, overrides.get(def.name));
  }
  throw inputError({
    file,
    line,
    message: `the header matches no usage format (known formats: ${knownFormats(custom).join(', ')}); ${describeHeader(h, custom)}`,
  });
}
