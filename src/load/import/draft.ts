/**
 * A draft manifest (import.md "What it writes") and its YAML text: the fields
 * a row gave, in the manifest's order; every required field the row does not
 * give as an empty key with a `# TODO:` comment (so `edvet validate` points at
 * its line); every value that could not be converted as a `# TODO:` comment
 * quoting the sheet's text and cell; the sheet's other columns in one
 * `# from the sheet:` block. Pure: rendering does no I/O.
 */
import { clean } from '../../reporters/util.js';

/** A value a draft field can hold. */
export type DraftValue = string | number | boolean | (string | number)[];

/** One field of a draft: a value, or a TODO (required: written as an empty key). */
export interface DraftField {
  value?: DraftValue;
  /** The TODO text, without the `TODO:` prefix. */
  todo?: string;
  /** A required field: its TODO is written as `key:  # TODO: …` so validation names its line. */
  required?: boolean;
  /** A comment written after the value. */
  note?: string;
}

/** Where a draft came from. */
export interface DraftSource {
  /** The input file as shown. */
  file: string;
  /** Spreadsheet row, or null for an app of the sign-in exports. */
  row: number | null;
  layout: string;
  sheet?: string | null;
}

/** The order fields are written in (manifest.md); unknown paths go last. */
export const FIELD_ORDER = [
  'id', 'name', 'vendor', 'vendor_contact', 'category', 'status', 'audience', 'grades', 'subjects', 'schools', 'deployed_on', 'reviewed_on',
  'privacy.policy_url', 'privacy.dpa.signed', 'privacy.dpa.signed_on', 'privacy.dpa.expires_on',
  'sso.protocols', 'sso.providers',
  'accessibility.wcag_version', 'accessibility.conformance', 'accessibility.vpat_url',
  'evidence.essa_tier',
  'cost.model', 'cost.unit_price', 'cost.annual_total', 'cost.seats', 'cost.students_covered', 'cost.renewal_on', 'cost.notice_days', 'cost.auto_renews',
  'mobile.responsive', 'mobile.ios_app', 'mobile.android_app',
  'usage.aliases', 'usage.client_ids', 'usage.licensed_teachers',
];

/** A draft manifest being assembled from one row (or one app of the exports). */
export class Draft {
  readonly fields = new Map<string, DraftField>();
  /** Comment lines written after the fields. */
  readonly notes: string[] = [];
  /** The sheet's unmapped columns: header → text. */
  readonly fromSheet: [string, string][] = [];
  id = '';
  constructor(
    readonly name: string,
    readonly source: DraftSource,
  ) {}

  /** Set a field's value (with an optional comment after it). */
  set(path: string, value: DraftValue, note?: string): void {
    this.fields.set(path, { value, note });
  }

  /** A value that could not be converted, or an optional field left to fill: a comment at its place. */
  todo(path: string, text: string): void {
    if (this.fields.get(path)?.value !== undefined) return;
    this.fields.set(path, { todo: text });
  }

  /** A required field the row does not give: an empty key with its TODO. */
  required(path: string, text: string): void {
    const f = this.fields.get(path);
    if (f?.value !== undefined) return;
    this.fields.set(path, { todo: text, required: true });
  }

  has(path: string): boolean {
    return this.fields.get(path)?.value !== undefined;
  }

  /** The fields given a value (what the summary counts as filled). */
  filled(): string[] {
    return sortPaths([...this.fields].filter(([, f]) => f.value !== undefined).map(([p]) => p));
  }

  /** The fields left as TODOs. */
  todos(): string[] {
    return sortPaths([...this.fields].filter(([, f]) => f.value === undefined).map(([p]) => p));
  }
}

function rank(path: string): number {
  const i = FIELD_ORDER.indexOf(path);
  return i < 0 ? FIELD_ORDER.length : i;
}

function sortPaths(paths: string[]): string[] {
  return [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Text made safe for one YAML comment line: no control characters or line breaks. */
export function commentText(s: string): string {
  return clean(s).replace(/\s+/g, ' ').trim();
}

/** A sheet's text quoted for a comment: `"Math Tools"`. */
export function quoted(s: string): string {
  return JSON.stringify(commentText(s));
}

const AMBIGUOUS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  if (/^[\p{L}][\p{L}\p{N} ._()&'+/@!?-]*$/u.test(s) && !/[ ]$/.test(s) && !AMBIGUOUS.test(s)) return s;
  return JSON.stringify(s);
}

function yamlScalar(v: string | number | boolean): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  // An ISO date reads back as the same string in edvet's YAML (core schema): written plain, as manifests do.
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return yamlString(v);
}

function yamlValue(v: DraftValue): string {
  if (Array.isArray(v)) {
    // Flow context: a plain scalar may not hold , [ ] { } (yamlString already excludes them).
    return `[${v.map((x) => (typeof x === 'string' && /^[A-Z]{1,2}(-\d{1,2}|-[A-Z]{1,2})?$|^\d{1,2}-\d{1,2}$/.test(x) ? x : yamlScalar(x))).join(', ')}]`;
  }
  return yamlScalar(v);
}

interface Node {
  key: string;
  field?: DraftField;
  children: Node[];
}

function hasContent(n: Node): boolean {
  if (n.field) return n.field.value !== undefined || n.field.required === true;
  return n.children.some(hasContent);
}

/** The draft as YAML text with its comments. */
export function renderDraft(d: Draft, header: string[]): string {
  const root: Node = { key: '', children: [] };
  for (const path of sortPaths([...d.fields.keys()])) {
    let node = root;
    for (const seg of path.split('.')) {
      let child = node.children.find((c) => c.key === seg);
      if (!child) {
        child = { key: seg, children: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.field = d.fields.get(path);
  }
  const out: string[] = header.map((h) => `# ${commentText(h)}`);
  const orphanTodos: string[] = [];
  const emit = (n: Node, indent: string, prefix: string) => {
    const path = prefix ? `${prefix}.${n.key}` : n.key;
    if (n.field) {
      const f = n.field;
      if (f.value !== undefined) out.push(`${indent}${n.key}: ${yamlValue(f.value)}${f.note ? `  # ${commentText(f.note)}` : ''}`);
      else if (f.required) out.push(`${indent}${n.key}:  # TODO: ${commentText(f.todo ?? path)}`);
      else out.push(`${indent}# TODO: ${path}: ${commentText(f.todo ?? '')}`);
      return;
    }
    if (!hasContent(n)) {
      // Only comments below: no empty mapping, the TODOs go to the top level.
      const collect = (m: Node, pre: string) => {
        const p = pre ? `${pre}.${m.key}` : m.key;
        if (m.field) orphanTodos.push(`# TODO: ${p}: ${commentText(m.field.todo ?? '')}`);
        for (const c of m.children) collect(c, p);
      };
      collect(n, prefix);
      return;
    }
    out.push(`${indent}${n.key}:`);
    for (const c of n.children) emit(c, `${indent}  `, path);
  };
  for (const c of root.children) emit(c, '', '');
  out.push(...orphanTodos);
  for (const note of d.notes) out.push(`# ${commentText(note)}`);
  if (d.fromSheet.length) {
    out.push('# from the sheet:');
    for (const [col, text] of d.fromSheet) out.push(`#   ${commentText(col)}: ${commentText(text)}`);
  }
  return `${out.join('\n')}\n`;
}
