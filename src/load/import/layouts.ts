/**
 * The spreadsheet layouts `edvet import` reads (import.md "Layouts", "Column
 * mapping"): recognised by their header like usage formats, or forced with
 * `--layout`; each turns one row into a {@link Draft}. Columns that name
 * people go nowhere; every other column a layout does not map is kept in the
 * draft's `# from the sheet:` block, so nothing is lost.
 */
import { describeHeaderCells } from '../header-text.js';
import { inputError, usageError } from '../../model/errors.js';
import { knownKeysAt } from '../schema/issues.js';
import { CATEGORIES, ManifestSchema } from '../schema/manifest.js';
import {
  failed,
  isUnlimited,
  listItems,
  mapStatus,
  parseAudience,
  parseBool,
  parseCategory,
  parseCostModel,
  parseCount,
  parseDate,
  parseEssaTier,
  parseGrades,
  parseLowerList,
  parseMoney,
  parseNoticeDays,
  parseWcag,
  type Converted,
} from './convert.js';
import { Draft, quoted } from './draft.js';
import { cellAt, cellRef, type Sheet, type SheetCell, type SheetRow } from './sheet.js';

/** The layouts, in detection order after the exact-header ones. */
export const LAYOUTS = ['sas-digital-toolkit', 'google-accessed-apps', 'edvet-list', 'generic'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** A header name as matched: lower case, runs of spaces, `_` and `-` as one `_`. */
export function headerKey(name: string): string {
  return name
    .replace(/\uFEFF/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

/** The columns of `edvet list --format csv`, in order (reports.md "edvet list"). */
export const LIST_COLUMNS = [
  'id', 'name', 'vendor', 'category', 'status', 'verdict', 'annual_cost', 'seats', 'cost_per_student', 'renewal_on', 'decide_by',
  'dpa_expires_on', 'wcag', 'essa_tier', 'reviewed_on',
] as const;

const SAS_SIGNATURE = ['active', 'product_name', 'grade_levels', 'audience', 'license_type', 'licence_count', 'value', 'renewal_date'];
const GOOGLE_SIGNATURE = ['app_name', 'type', 'id', 'verified_status', 'access'];

/** Columns of the SAS template that name people: they go nowhere (import.md "Guarantees"). */
const SAS_PERSON_COLUMNS = new Set(['product_champion', 'product_manager', 'finance_contact']);

/** A header that names a person or their contact details, in any layout: never copied into a draft. */
export function isPersonColumn(key: string): boolean {
  return (
    SAS_PERSON_COLUMNS.has(key) ||
    /(^|_)(champion|manager|owner|contact|e_?mail|emails?|requester|requestor|requested_by|submitted_by|approved_by|reviewed_by|reviewer|person|phone|mobile_number|user_?name|username|teacher_name|staff_name|full_name|first_name|last_name|created_by|modified_by|updated_by|assigned_to|point_of_contact|poc)($|_)/.test(
      key,
    )
  );
}

/** True when the manifest schema of this edvet has the field at `path` (version-2 fields may be absent). */
export function schemaHas(path: string): boolean {
  const segs = path.split('.');
  return knownKeysAt(ManifestSchema, segs.slice(0, -1)).includes(segs[segs.length - 1]);
}

type Kind =
  | 'text' | 'id' | 'category' | 'status' | 'active' | 'audience' | 'grades' | 'lowerlist' | 'list' | 'date' | 'money' | 'count' | 'bool'
  | 'model' | 'wcag' | 'wcag_version' | 'conformance' | 'essa' | 'notice';

/** The manifest fields `--map FIELD=COLUMN` can fill, with how a cell is converted. */
export const MAP_TARGETS: Record<string, Kind> = {
  name: 'text',
  id: 'id',
  active: 'active',
  vendor: 'text',
  vendor_contact: 'text',
  category: 'category',
  status: 'status',
  audience: 'audience',
  grades: 'grades',
  subjects: 'lowerlist',
  deployed_on: 'date',
  reviewed_on: 'date',
  'privacy.policy_url': 'text',
  'privacy.dpa.signed': 'bool',
  'privacy.dpa.signed_on': 'date',
  'privacy.dpa.expires_on': 'date',
  'accessibility.wcag_version': 'wcag_version',
  'accessibility.conformance': 'conformance',
  'accessibility.vpat_url': 'text',
  'evidence.essa_tier': 'essa',
  'cost.model': 'model',
  'cost.unit_price': 'money',
  'cost.annual_total': 'money',
  'cost.seats': 'count',
  'cost.students_covered': 'count',
  'cost.renewal_on': 'date',
  'cost.notice_days': 'notice',
  'cost.auto_renews': 'bool',
  'usage.aliases': 'list',
  'usage.client_ids': 'list',
};

/** The `--map` target a FIELD names: a full path or, when unique, its last part (`renewal_on` → `cost.renewal_on`). */
export function mapTarget(field: string): string | null {
  const f = field.trim();
  if (f in MAP_TARGETS) return f;
  const byLeaf = Object.keys(MAP_TARGETS).filter((k) => k.split('.').pop() === f);
  return byLeaf.length === 1 ? byLeaf[0] : null;
}

/** Parse `--map FIELD=COLUMN` flags into target path → column name. */
export function parseMaps(maps: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of maps) {
    const eq = m.indexOf('=');
    const field = eq < 0 ? '' : m.slice(0, eq);
    const column = eq < 0 ? '' : m.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    const target = mapTarget(field);
    if (eq < 0 || !column) throw usageError(`--map '${m}': expected FIELD=COLUMN, e.g. --map name="Application"`);
    if (!target) throw usageError(`--map '${m}': '${field}' is not a manifest field import can fill; expected one of: ${Object.keys(MAP_TARGETS).join(', ')}`);
    out.set(target, column);
  }
  return out;
}

/** The sheet's header row and the layout it was read with. */
export interface HeaderChoice {
  layout: LayoutName;
  headerRow: SheetRow;
  /** Header keys by column. */
  keys: string[];
  /** Header names as written. */
  names: string[];
}

function signatureScore(keys: readonly string[], sig: readonly string[]): number {
  const set = new Set(keys.map((k) => (k === 'license_count' ? 'licence_count' : k)));
  return sig.filter((s) => set.has(s)).length;
}

/** The layout a header row matches (null when none). */
export function detectLayout(keys: readonly string[]): LayoutName | null {
  const set = new Set(keys);
  if (set.has('id') && set.has('name') && signatureScore(keys, LIST_COLUMNS) >= 12) return 'edvet-list';
  if (set.has('product_name') && signatureScore(keys, SAS_SIGNATURE) >= 6) return 'sas-digital-toolkit';
  if (set.has('app_name') && set.has('id') && signatureScore(keys, GOOGLE_SIGNATURE) >= 4) return 'google-accessed-apps';
  return null;
}

const NAME_COLUMN: Record<Exclude<LayoutName, 'generic'>, string> = {
  'sas-digital-toolkit': 'product_name',
  'google-accessed-apps': 'app_name',
  'edvet-list': 'name',
};

/**
 * Find the header row (the first of the sheet's first ten rows that a layout
 * recognises, or that holds the name column of the forced layout or `--map`)
 * and the layout. A sheet with no such row is an input error listing the
 * layouts and the header found.
 */
export function chooseLayout(sheet: Sheet, forced: LayoutName | undefined, maps: Map<string, string>): HeaderChoice {
  if (sheet.rows.length === 0) throw inputError({ file: sheet.file, message: 'the sheet is empty; expected a header row naming the columns, then one row per app' });
  const candidates = sheet.rows.slice(0, 10);
  const make = (layout: LayoutName, r: SheetRow): HeaderChoice => ({ layout, headerRow: r, names: r.cells.map((c) => c.text.trim()), keys: r.cells.map((c) => headerKey(c.text)) });
  const generic = forced === 'generic' || (forced === undefined && maps.size > 0);
  if (forced !== undefined && forced !== 'generic' && maps.size > 0) throw usageError(`--map is used with the generic layout; drop --layout ${forced} or the --map flags`);
  if (generic) {
    const nameCol = maps.get('name');
    if (!nameCol) throw usageError('the generic layout needs --map name="COLUMN" (the column that holds each app\'s name)');
    const r = candidates.find((row) => row.cells.some((c) => headerKey(c.text) === headerKey(nameCol)));
    if (!r) {
      throw inputError({ file: sheet.file, line: sheet.rows[0].row, message: `no column named "${nameCol}" (from --map name=…) in the first rows; ${describeHeaderCells(sheet.rows[0].cells.map((c) => c.text))}` });
    }
    for (const [target, col] of maps) {
      if (!r.cells.some((c) => headerKey(c.text) === headerKey(col))) {
        throw inputError({ file: sheet.file, line: r.row, message: `no column named "${col}" (from --map ${target}=…); ${describeHeaderCells(r.cells.map((c) => c.text))}` });
      }
    }
    return make('generic', r);
  }
  if (forced) {
    const key = NAME_COLUMN[forced];
    const r = candidates.find((row) => row.cells.some((c) => headerKey(c.text) === key));
    if (!r) {
      throw inputError({ file: sheet.file, line: sheet.rows[0].row, message: `the header has no ${key} column, which the ${forced} layout needs; ${describeHeaderCells(sheet.rows[0].cells.map((c) => c.text))}` });
    }
    return make(forced, r);
  }
  for (const r of candidates) {
    const layout = detectLayout(r.cells.map((c) => headerKey(c.text)));
    if (layout) return make(layout, r);
  }
  throw inputError({
    file: sheet.file,
    line: sheet.rows[0].row,
    message: `the header matches no layout edvet knows (sas-digital-toolkit, google-accessed-apps, edvet-list); name the columns with --map name="COLUMN" (generic layout) or force one with --layout; ${describeHeaderCells(sheet.rows[0].cells.map((c) => c.text))}`,
  });
}

/** What became of one row. */
export type RowResult = { draft: Draft } | { skip: 'inactive' | 'no name' | 'empty'; name?: string };

/** One row being converted: its cells by header key, and their addresses. */
class RowView {
  readonly used = new Set<number>();
  constructor(
    readonly sheet: Sheet,
    readonly header: HeaderChoice,
    readonly row: SheetRow,
    private readonly stripQuote: boolean,
  ) {}
  col(key: string): number {
    const k = headerKey(key);
    let i = this.header.keys.indexOf(k);
    if (i < 0 && k === 'licence_count') i = this.header.keys.indexOf('license_count');
    if (i < 0 && k === 'license_type') i = this.header.keys.indexOf('licence_type');
    return i;
  }
  has(key: string): boolean {
    return this.col(key) >= 0;
  }
  /** The cell of a column (marking the column as used); null when the sheet has no such column. */
  cell(key: string): SheetCell | null {
    const i = this.col(key);
    if (i < 0) return null;
    this.used.add(i);
    const c = cellAt(this.row, i);
    // `edvet list --format csv` neutralises formulas with a leading ': take it back off.
    if (this.stripQuote && /^'(\s*[=+\-@]|[\t\r])/.test(c.text)) return { text: c.text.slice(1), value: c.text.slice(1) };
    return c;
  }
  text(key: string): string {
    return this.cell(key)?.text.trim() ?? '';
  }
  ref(key: string): string {
    return cellRef(Math.max(0, this.col(key)), this.row.row);
  }
}

/** `the sheet has "Math Tools" in cell O4` */
function from(v: RowView, key: string, text?: string): string {
  return `the sheet has ${quoted(text ?? v.text(key))} in cell ${v.ref(key)}`;
}

/** Convert a column into a field: a value, or a TODO quoting the cell; nothing for an empty cell. */
function convertCell<T>(d: Draft, v: RowView, key: string, path: string, conv: (c: SheetCell) => Converted<T>, put: (value: T, note?: string) => void): boolean {
  const c = v.cell(key);
  if (!c || c.text.trim() === '') return false;
  const r = conv(c);
  if (failed(r)) {
    d.todo(path, `${from(v, key)}: ${r.error}`);
    return false;
  }
  put(r.value, r.note);
  return true;
}

/** Put a value at `path`, or, for a field this edvet's manifest schema lacks, keep it as a comment. */
function put(d: Draft, path: string, value: string | number | boolean | (string | number)[], note?: string, ref?: string): void {
  if (schemaHas(path)) d.set(path, value, note);
  else d.notes.push(`${path}: ${Array.isArray(value) ? value.join(', ') : String(value)}${ref ? ` (cell ${ref})` : ''} — not a field of this edvet's manifest yet`);
}

/** Apply a mapped column of a given kind (generic and edvet-list layouts). Returns false for an `active` FALSE row. */
function applyKind(d: Draft, v: RowView, key: string, path: string, kind: Kind): boolean {
  const ref = v.ref(key);
  switch (kind) {
    case 'text':
    case 'id': {
      const t = v.text(key);
      if (t && path !== 'name' && path !== 'id') put(d, path, t, undefined, ref);
      return true;
    }
    case 'active': {
      const c = v.cell(key);
      if (!c || c.text.trim() === '') return true;
      const b = parseBool(c);
      if (failed(b)) d.todo('status', `${from(v, key)}: ${b.error}`);
      else if (!b.value) return false;
      else d.set('status', 'active');
      return true;
    }
    case 'category':
      convertCell(d, v, key, path, (c) => parseCategory(c.text), (x) => d.set(path, x));
      return true;
    case 'status':
      convertCell(d, v, key, path, (c) => mapStatus(c.text), (x, note) => d.set(path, x, note));
      return true;
    case 'audience':
      convertCell(d, v, key, path, (c) => parseAudience(c.text), (x) => d.set(path, x));
      return true;
    case 'grades':
      convertCell(d, v, key, path, (c) => parseGrades(c.text), (x, note) => (x === null ? d.notes.push(`grades: ${note}`) : d.set(path, x)));
      return true;
    case 'lowerlist':
      convertCell(d, v, key, path, (c) => parseLowerList(c.text), (x) => put(d, path, x, undefined, ref));
      return true;
    case 'list': {
      const items = listItems(v.text(key));
      if (items.length) put(d, path, items, undefined, ref);
      return true;
    }
    case 'date':
      convertCell(d, v, key, path, parseDate, (x) => put(d, path, x, undefined, ref));
      return true;
    case 'money':
      convertCell(d, v, key, path, parseMoney, (x) => put(d, path, x, undefined, ref));
      return true;
    case 'count':
      convertCell(d, v, key, path, (c) => (isUnlimited(c.text) ? { error: 'no seat count (unlimited)' } : parseCount(c)), (x) => put(d, path, x, undefined, ref));
      return true;
    case 'bool':
      convertCell(d, v, key, path, parseBool, (x) => put(d, path, x, undefined, ref));
      return true;
    case 'model':
      convertCell(d, v, key, path, (c) => parseCostModel(c.text), (x, note) => d.set(path, x, note));
      return true;
    case 'essa':
      convertCell(d, v, key, path, parseEssaTier, (x) => d.set(path, x));
      return true;
    case 'notice':
      convertCell(d, v, key, path, parseNoticeDays, (x, note) => d.set(path, x, note));
      return true;
    case 'wcag':
      convertCell(d, v, key, 'accessibility.wcag_version', (c) => parseWcag(c.text), (x) => {
        if (x.version) d.set('accessibility.wcag_version', x.version);
        if (x.conformance) d.set('accessibility.conformance', x.conformance);
      });
      return true;
    case 'wcag_version':
      convertCell(d, v, key, path, (c) => parseWcag(c.text), (x) => (x.version ? d.set(path, x.version) : d.todo(path, `${from(v, key)}: no WCAG version`)));
      return true;
    case 'conformance':
      convertCell(d, v, key, path, (c) => parseWcag(c.text), (x) => (x.conformance ? d.set(path, x.conformance) : d.todo(path, `${from(v, key)}: no conformance level`)));
      return true;
  }
}

const CATEGORY_CHOICES = `one of ${CATEGORIES.join(', ')}`;

/** The TODOs every draft needs for the required fields the row did not give, and a cost model when cost has values. */
function finish(d: Draft, v: RowView | null, keepRest: boolean): void {
  if (!d.has('vendor')) {
    const why = d.fields.get('vendor')?.todo ?? (v === null ? 'the exports do not say' : v.has('vendor') ? `cell ${v.ref('vendor')} is empty` : 'the sheet has no vendor column');
    d.required('vendor', `vendor — the company that provides it; ${why}`);
  }
  if (!d.has('category')) {
    const why = d.fields.get('category')?.todo;
    d.required('category', `category — ${CATEGORY_CHOICES}${why ? `; ${why}` : ''}`);
  }
  const costValues = [...d.fields].some(([p, f]) => p.startsWith('cost.') && f.value !== undefined);
  if (costValues && !d.has('cost.model')) {
    const why = d.fields.get('cost.model')?.todo;
    d.required('cost.model', `cost.model — per_student, per_seat, per_teacher, site, district or free${why ? `; ${why}` : ''}`);
  }
  if (v && keepRest) {
    v.header.keys.forEach((key, i) => {
      if (v.used.has(i) || key === '' || isPersonColumn(key)) return;
      const c = cellAt(v.row, i);
      const t = c.text.trim();
      // A value that holds an e-mail address names a person as often as not: it goes nowhere.
      if (t === '' || /[^\s@]+@[^\s@]+\.[^\s@]+/.test(t)) return;
      d.fromSheet.push([`${v.header.names[i]} (${cellRef(i, v.row.row)})`, t]);
    });
  }
}

function sasRow(v: RowView): RowResult {
  const name = v.text('product_name');
  if (!name) return { skip: 'no name' };
  const d = new Draft(name, { file: v.sheet.file, row: v.row.row, layout: 'sas-digital-toolkit', sheet: v.sheet.sheetName });
  d.set('name', name);
  const active = v.cell('active');
  if (active && active.text.trim() !== '') {
    const b = parseBool(active);
    if (!failed(b) && !b.value) return { skip: 'inactive', name };
    if (failed(b)) {
      const s = mapStatus(active.text);
      if (failed(s)) d.todo('status', `${from(v, 'active')}: ${s.error}`);
      else d.set('status', s.value, s.note);
    } else d.set('status', 'active');
  } else if (active) d.todo('status', `the active cell ${v.ref('active')} is empty: active, pilot or proposed?`);
  const vendor = v.cell('vendor');
  if (vendor && vendor.text.trim()) d.set('vendor', vendor.text.trim());
  for (const key of ['provider_contact', 'support_email']) {
    const c = v.cell(key);
    if (c && c.text.trim() && !d.has('vendor_contact')) d.set('vendor_contact', c.text.trim());
  }
  const cat = v.cell('category');
  if (cat && cat.text.trim()) d.todo('category', `${from(v, 'category')}, a subject rather than an edvet category`);
  convertCell(d, v, 'grade_levels', 'grades', (c) => parseGrades(c.text), (x, note) => (x === null ? d.notes.push(`grades: ${note}`) : d.set('grades', x)));
  convertCell(d, v, 'audience', 'audience', (c) => parseAudience(c.text), (x) => d.set('audience', x));
  convertCell(d, v, 'subjects', 'subjects', (c) => parseLowerList(c.text), (x) => d.set('subjects', x));
  convertCell(d, v, 'license_type', 'cost.model', (c) => parseCostModel(c.text), (x, note) => d.set('cost.model', x, note));
  const count = v.cell('licence_count');
  if (count && count.text.trim()) {
    if (isUnlimited(count.text)) d.notes.push(`cost.seats: not set, the sheet says ${quoted(count.text.trim())} (cell ${v.ref('licence_count')}): no seat count`);
    else convertCell(d, v, 'licence_count', 'cost.seats', parseCount, (x) => d.set('cost.seats', x));
  }
  convertCell(d, v, 'value', 'cost.annual_total', parseMoney, (x) => {
    d.set('cost.annual_total', x);
    if (x === 0 && !d.has('cost.model')) d.set('cost.model', 'free', 'the sheet gives a value of 0');
  });
  if (!convertCell(d, v, 'renewal_date', 'cost.renewal_on', parseDate, (x) => d.set('cost.renewal_on', x))) {
    if (!d.fields.has('cost.renewal_on')) convertCell(d, v, 'contract_end_date', 'cost.renewal_on', parseDate, (x) => d.set('cost.renewal_on', x, 'the contract end date'));
  }
  v.cell('contract_end_date');
  convertCell(d, v, 'auto_renew', 'cost.auto_renews', parseBool, (x) => d.set('cost.auto_renews', x));
  convertCell(d, v, 'notice_period', 'cost.notice_days', parseNoticeDays, (x, note) => d.set('cost.notice_days', x, note));
  const url = v.cell('privacy_policy_url');
  if (url && url.text.trim()) put(d, 'privacy.policy_url', url.text.trim(), undefined, v.ref('privacy_policy_url'));
  for (const [key, what] of [
    ['sso_enabled', 'SSO: the sheet does not say which providers or protocols; fill sso.protocols and sso.providers'],
    ['mobile_app', 'mobile app: the sheet does not say which platforms; fill mobile.ios_app and mobile.android_app'],
  ] as const) {
    const c = v.cell(key);
    if (c && c.text.trim()) d.notes.push(`${key} ${quoted(c.text.trim())} (cell ${v.ref(key)}) — ${what}`);
  }
  finish(d, v, true);
  return { draft: d };
}

function googleRow(v: RowView): RowResult {
  const name = v.text('app_name');
  if (!name) return { skip: 'no name' };
  const d = new Draft(name, { file: v.sheet.file, row: v.row.row, layout: 'google-accessed-apps', sheet: v.sheet.sheetName });
  d.set('name', name);
  const id = v.text('id');
  if (id) {
    if (schemaHas('usage.client_ids')) d.set('usage.client_ids', [id]);
    else d.set('usage.aliases', [id], 'the Google OAuth client ID: usage rows carrying it match this product');
  }
  const access = v.text('access');
  if (/^(trusted|limited)$/i.test(access)) {
    d.set('status', 'active', `Google Admin access: ${access}; approval in Google is not vetting`);
  } else {
    d.set('status', 'proposed', access ? `Google Admin access: ${access}` : undefined);
  }
  v.cell('access');
  for (const key of ['type', 'verified_status']) {
    const t = v.text(key);
    if (t) d.notes.push(`Google Admin ${key.replace('_', ' ')}: ${t} (cell ${v.ref(key)})`);
  }
  const users = v.cell('users');
  if (users && users.text.trim()) d.notes.push(`Google Admin: ${users.text.trim()} users (a count, cell ${v.ref('users')})`);
  finish(d, v, true);
  return { draft: d };
}

const LIST_FIELDS: Record<string, [string, Kind]> = {
  vendor: ['vendor', 'text'],
  category: ['category', 'category'],
  status: ['status', 'status'],
  seats: ['cost.seats', 'count'],
  renewal_on: ['cost.renewal_on', 'date'],
  dpa_expires_on: ['privacy.dpa.expires_on', 'date'],
  wcag: ['accessibility.wcag_version', 'wcag'],
  essa_tier: ['evidence.essa_tier', 'essa'],
  reviewed_on: ['reviewed_on', 'date'],
};

function listRow(v: RowView): RowResult {
  const name = v.text('name');
  if (!name) return { skip: 'no name' };
  const d = new Draft(name, { file: v.sheet.file, row: v.row.row, layout: 'edvet-list', sheet: v.sheet.sheetName });
  d.set('name', name);
  const id = v.text('id');
  if (/^[a-z0-9][a-z0-9-]*$/.test(id)) d.id = id;
  for (const [col, [path, kind]] of Object.entries(LIST_FIELDS)) if (v.has(col)) applyKind(d, v, col, path, kind);
  const derived = ['verdict', 'annual_cost', 'cost_per_student', 'decide_by']
    .filter((k) => v.has(k) && v.text(k) !== '')
    .map((k) => `${k} ${v.text(k)}`);
  if (derived.length) d.notes.push(`figures of the list (derived, not imported): ${derived.join(', ')}`);
  finish(d, v, true);
  return { draft: d };
}

function genericRow(v: RowView, maps: Map<string, string>): RowResult {
  const name = v.text(maps.get('name')!);
  if (!name) return { skip: 'no name' };
  const d = new Draft(name, { file: v.sheet.file, row: v.row.row, layout: 'generic', sheet: v.sheet.sheetName });
  d.set('name', name);
  if (maps.has('id')) {
    const id = v.text(maps.get('id')!);
    if (/^[a-z0-9][a-z0-9-]*$/.test(id)) d.id = id;
  }
  for (const [path, col] of maps) {
    if (path === 'name' || path === 'id') continue;
    if (!applyKind(d, v, col, path, MAP_TARGETS[path])) return { skip: 'inactive', name };
  }
  finish(d, v, true);
  return { draft: d };
}

/** Convert one data row with the chosen layout. */
export function convertRow(sheet: Sheet, header: HeaderChoice, row: SheetRow, maps: Map<string, string>): RowResult {
  const v = new RowView(sheet, header, row, header.layout === 'edvet-list');
  switch (header.layout) {
    case 'sas-digital-toolkit':
      return sasRow(v);
    case 'google-accessed-apps':
      return googleRow(v);
    case 'edvet-list':
      return listRow(v);
    case 'generic':
      return genericRow(v, maps);
  }
}

/** A draft for an app of the sign-in exports that matches no product (`--from-usage`): counts only. */
export function usageDraft(app: string, appIds: string[], rows: number, users: number, files: string): Draft {
  const d = new Draft(app, { file: files, row: null, layout: 'from-usage' });
  d.set('name', app);
  d.set('status', 'proposed', 'in use, never vetted');
  const aliases = [app, ...appIds.filter((i) => i.trim().toLowerCase() !== app.trim().toLowerCase())];
  d.set('usage.aliases', aliases);
  d.notes.push(`in the sign-in exports: ${rows.toLocaleString('en-US')} rows, ${users.toLocaleString('en-US')} distinct users; no product of the catalog matches it`);
  finish(d, null, false);
  return d;
}
