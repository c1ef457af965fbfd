/**
 * A fast reader for plainly written YAML: documents whose top is a block
 * mapping of plain keys, holding block mappings and sequences, plain and
 * one-line quoted scalars, `|`/`>` block scalars, one-line flow lists and
 * mappings, and comments, several documents separated by `---` lines. That
 * is how product manifests, policies and OpenACR reports are written, and
 * reading them line by line is many times faster than the full `yaml`
 * parser, whose cost dominated `edvet vet`.
 *
 * Anything else (anchors, aliases, tags, directives, flow collections or
 * quoted scalars over several lines, multi-line plain scalars, indentation
 * indicators, tabs, duplicate or forbidden keys, keys that are not strings,
 * anything malformed) returns null, and the caller reads the file with the
 * full parser, which also reports every error with its position. So the fast
 * reader never has to explain a problem, only to recognise what it can read
 * exactly. A property test holds it to that: whenever it returns a value, the
 * full parser gives the same value and the same position for every key and
 * item (test/load/yaml-plain.test.ts).
 *
 * It builds the value as it reads (no node tree in between) and keeps each
 * document's positions as a small table of integers (PositionTable): a
 * catalog of thousands of products keeps every product's positions for its
 * findings' file:line:col.
 */

export interface PlainDoc {
  /** The document's value, as the full parser's `toJS()` gives it. */
  value: Record<string, unknown>;
  /** Offset of the document's content (its first key). */
  start: number;
  /**
   * Offset of the value (or, with `wantKey`, of the key) at `path`; when it is
   * absent, of the nearest key or item above it that is present; null when
   * not even the first segment is present.
   */
  locate(path: readonly (string | number)[], wantKey: boolean): number | null;
}

export interface PlainYaml {
  /** The file's documents, in order (a file may hold several, separated by `---`). */
  docs: PlainDoc[];
  /** Offset where each line starts (positions are numbered as the full parser's LineCounter numbers them: see linePos). */
  lineStarts: Int32Array;
}

/**
 * 1-based line and column of `offset`, as yaml's LineCounter.linePos gives
 * them from the same line starts (a binary search for the last start at or
 * before the offset).
 */
export function linePos(lineStarts: Int32Array, offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid] < offset) low = mid + 1;
    else high = mid;
  }
  if (low < lineStarts.length && lineStarts[low] === offset) return { line: low + 1, col: 1 };
  if (low === 0) return { line: 0, col: offset };
  return { line: low, col: offset - lineStarts[low - 1] + 1 };
}

/*
 * Positions are kept as a compact table, not as a tree of node objects: a
 * catalog of thousands of products keeps every document's positions for its
 * findings, and a node tree per document was most of `edvet vet`'s memory.
 * One row per node, in document order (a collection's row, then its
 * children's rows), ROW_SIZE integers each.
 */
const ROW_SIZE = 5;
/** The node's kind: SCALAR, SEQ or MAP. */
const KIND = 0;
/** For a mapping's value, the id of its key (keyIds); -1 for a list item and for the root. */
const KEY = 1;
/** Offset of the node (a collection: of its first key or dash, or of its opening bracket). */
const AT = 2;
/** For a mapping's value, the offset of its key; otherwise the node's own offset. */
const KEY_AT = 3;
/** Index of the row after the node's subtree (its next sibling's row). */
const END = 4;
const SCALAR = 0;
const SEQ = 1;
const MAP = 2;

/**
 * Every key the reader has met, numbered: a row holds the number, and keys
 * repeat across a catalog's documents. A key is checked once, when first
 * met, and each document's objects get the one copy of its name.
 */
const keyIds = new Map<string, number>();
const keyNames: string[] = [];

/** The number of a key that may be read here; -1 for a forbidden key or one that is not a string (`1:`, `true:`). */
function keyIdOf(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    if (FORBIDDEN_KEYS.has(key) || typeof resolvePlain(key) !== 'string') return -1;
    id = keyNames.length;
    keyIds.set(key, id);
    keyNames.push(key);
  }
  return id;
}

/** The rows of one document: what locate() walks. */
class PositionTable {
  constructor(private readonly rows: Int32Array) {}

  locate(path: readonly (string | number)[], wantKey: boolean): number | null {
    const rows = this.rows;
    let node = 0;
    let nearest: number | null = null;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const kind = rows[node * ROW_SIZE + KIND];
      const end = rows[node * ROW_SIZE + END];
      let child = node + 1;
      if (kind === MAP) {
        const id = keyIds.get(String(seg));
        if (id === undefined) break;
        while (child < end && rows[child * ROW_SIZE + KEY] !== id) child = rows[child * ROW_SIZE + END];
        if (child >= end) break;
        if (i === path.length - 1) return wantKey ? rows[child * ROW_SIZE + KEY_AT] : rows[child * ROW_SIZE + AT];
        nearest = rows[child * ROW_SIZE + KEY_AT];
      } else if (kind === SEQ && typeof seg === 'number') {
        for (let k = 0; k < seg && child < end; k++) child = rows[child * ROW_SIZE + END];
        if (!(seg >= 0 && Number.isInteger(seg)) || child >= end) break;
        if (i === path.length - 1) return rows[child * ROW_SIZE + AT];
        nearest = rows[child * ROW_SIZE + AT];
      } else {
        break;
      }
      node = child;
    }
    return nearest;
  }
}

/** Thrown inside the reader when the text needs the full parser. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
function giveUp(): never {
  throw NOT_PLAIN;
}

// Characters the fast reader never handles: tabs, control characters, Unicode line separators, a byte-order mark inside; and a lone CR.
const UNUSUAL = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/;
const LONE_CR = /\r(?!\n)/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Where a plain key starting at column `n` of `line` has its `:` (followed by
 * a space or the end of the line), or -1: what the pattern
 * `^([A-Za-z0-9_$/.(][^:#'"[\]{},]*?) *:(?= |$)` finds, scanned by hand (it
 * runs once for every key of a catalog).
 */
function keyColon(line: string, n: number): number {
  const c0 = line.charCodeAt(n);
  // A-Z a-z 0-9 _ $ / . (
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || (c0 >= 48 && c0 <= 57) || c0 === 95 || c0 === 36 || c0 === 47 || c0 === 46 || c0 === 40)) return -1;
  for (let j = n + 1; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 58) return j + 1 === line.length || line.charCodeAt(j + 1) === 32 ? j : -1; // :
    // # ' " [ ] { } ,
    if (c === 35 || c === 39 || c === 34 || c === 91 || c === 93 || c === 123 || c === 125 || c === 44) return -1;
  }
  return -1;
}
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// What may follow a closed quote or flow list on its line: spaces, then a comment after at least one space.
const LINE_REST = /^(?: +#.*| *)$/;
const SINGLE = /^'((?:[^']|'')*)'/;
const DOUBLE = /^"((?:[^"\\]|\\.)*)"/;
/** The one-character escapes of a double-quoted scalar (YAML 1.2, 5.7). */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE = { x: 2, u: 4, U: 8 } as Record<string, number>;

/** The single- or double-quoted scalar opening at column `i` and closing on the same line: its text and the column after it. */
function quoted(line: string, i: number): [string, number] {
  const single = line[i] === "'";
  const m = (single ? SINGLE : DOUBLE).exec(line.slice(i));
  if (!m) giveUp();
  return [single ? m[1].replace(/''/g, "'") : unescape(m[1]), i + m[0].length];
}

/** The text of a one-line double-quoted scalar, escapes resolved. */
function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const len = HEX_ESCAPE[e];
    const hex = body.slice(i + 1, i + 1 + (len ?? 0));
    if (len === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) giveUp();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) giveUp();
    out += String.fromCodePoint(code);
    i += len;
  }
  return out;
}
const DOC_START = /^---(?: +#.*| *)$/;
const DOC_END = /^\.\.\.(?: |$)/;
const TRAILING_SPACES = / +$/;
/** Longest implicit key read here (YAML allows 1024 characters up to the `:`). */
const MAX_KEY = 1000;
/** Deepest nesting read here; deeper documents go to the full parser. */
const MAX_DEPTH = 100;
const BLOCK_HEADER = /^[|>]([-+]?)(?: +#.*| *)$/;

/** A plain scalar's value under the YAML 1.2 core schema (the full parser's default), tag by tag in its order. */
function resolvePlain(s: string): unknown {
  // Why: most scalars are words; only these first characters can start a null, a boolean or a number.
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** Read `text` (without a byte-order mark) if it is plainly written YAML; null means "use the full parser". */
export function readPlainYaml(text: string): PlainYaml | null {
  if (UNUSUAL.test(text) || (text.includes('\r') && LONE_CR.test(text))) return null;
  try {
    return new Reader(text).document();
  } catch (e) {
    // Nesting too deep for the stack: the full parser reports it.
    if (e === NOT_PLAIN || e instanceof RangeError) return null;
    throw e;
  }
}

class Reader {
  private readonly text: string;
  /** Offset where each line starts. */
  private readonly starts: number[] = [];
  /** Each line's text without its line break. */
  private readonly lines: string[] = [];
  /** Leading spaces of each line. */
  private readonly indents: number[] = [];
  /** True for a line holding only spaces or a comment. */
  private readonly skip: boolean[] = [];
  /** Number of lines (the empty "line" after a final line break is not one). */
  private readonly count: number;
  /** Collections open around the current position. */
  private depth = 0;
  /** Where the value just read ends: the next line (block values) or the column after it (flow values). */
  private next = 0;
  private col = 0;
  /** The position rows of the document being read (see PositionTable), and how many there are. */
  private rows = new Int32Array(64 * ROW_SIZE);
  private rowCount = 0;

  constructor(text: string) {
    this.text = text;
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      const end = nl < 0 ? text.length : nl;
      const line = text.charCodeAt(end - 1) === 13 && nl >= 0 ? text.slice(from, end - 1) : text.slice(from, end);
      let ind = 0;
      while (line.charCodeAt(ind) === 32) ind++;
      this.starts.push(from);
      this.lines.push(line);
      this.indents.push(ind);
      this.skip.push(ind === line.length || line.charCodeAt(ind) === 35);
      if (nl < 0) break;
      from = nl + 1;
    }
    this.count = text.endsWith('\n') ? this.lines.length - 1 : this.lines.length;
  }

  document(): PlainYaml {
    const docs: PlainDoc[] = [];
    let li = this.nextContent(0);
    for (;;) {
      if (li < this.count && DOC_START.test(this.lines[li])) li = this.nextContent(li + 1);
      if (li >= this.count || this.indents[li] !== 0) giveUp();
      this.rowCount = 0;
      const value = this.map(li, 0, this.row(-1, -1));
      const table = new PositionTable(this.rows.slice(0, this.rowCount * ROW_SIZE));
      docs.push({ value, start: this.rows[AT], locate: (path, wantKey) => table.locate(path, wantKey) });
      li = this.nextContent(this.next);
      if (li >= this.count) break;
      if (!DOC_START.test(this.lines[li])) giveUp();
    }
    return { docs, lineStarts: Int32Array.from(this.starts) };
  }

  /** A new row for a node, after the rows so far: a mapping's value (its key's id and offset) or a list item (-1, -1). */
  private row(key: number, keyAt: number): number {
    if ((this.rowCount + 1) * ROW_SIZE > this.rows.length) {
      const grown = new Int32Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const r = this.rowCount++;
    const o = r * ROW_SIZE;
    this.rows[o + KEY] = key;
    this.rows[o + KEY_AT] = keyAt;
    return r;
  }

  /** The node of row `r` is read: its kind and offset, and the end of its subtree (the rows added since). */
  private done(r: number, kind: number, at: number): void {
    const o = r * ROW_SIZE;
    this.rows[o + KIND] = kind;
    this.rows[o + AT] = at;
    this.rows[o + END] = this.rowCount;
  }

  /** The first line at or after `li` with content (not blank, not a comment). */
  private nextContent(li: number): number {
    while (li < this.count && this.skip[li]) li++;
    return li;
  }

  private isDash(line: string, col: number): boolean {
    return line.charCodeAt(col) === 45 && (col + 1 === line.length || line.charCodeAt(col + 1) === 32);
  }

  /** Whether a plain key and its `:` start at column `col` of `line`. */
  private startsKey(line: string, col: number): boolean {
    return keyColon(line, col) >= 0;
  }

  /** A block mapping whose keys sit at column `n`, the first on line `li` (possibly after `- `), for row `r`. */
  private map(li: number, n: number, r: number): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) giveUp();
    const out: Record<string, unknown> = {};
    const ids: number[] = [];
    const at = this.starts[li] + n;
    for (;;) {
      const line = this.lines[li];
      if (n === 0 && line.charCodeAt(0) === 46 && DOC_END.test(line)) giveUp(); // `...` ends a document; `... x:` is not a key
      const colon = keyColon(line, n);
      // An implicit key's `:` must be within 1024 characters of its start.
      if (colon < 0 || colon + 1 - n > MAX_KEY) giveUp();
      let keyEnd = colon;
      while (line.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      const id = keyIdOf(line.slice(n, keyEnd));
      if (id < 0 || ids.includes(id)) giveUp();
      ids.push(id);
      const child = this.row(id, this.starts[li] + n);
      let v = colon + 1;
      while (line.charCodeAt(v) === 32) v++;
      out[keyNames[id]] = v === line.length || line.charCodeAt(v) === 35 ? this.valueBelow(li, n, v, true, child) : this.inline(li, v, n, child);
      const next = this.nextContent(this.next);
      if (next >= this.count || this.indents[next] < n || (n === 0 && DOC_START.test(this.lines[next]))) {
        this.depth--;
        this.done(r, MAP, at);
        this.next = next;
        return out;
      }
      if (this.indents[next] > n) giveUp();
      li = next;
    }
  }

  /** A block sequence whose dashes sit at column `n`, the first on line `li`, for row `r`. */
  private seq(li: number, n: number, r: number): unknown[] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const items: unknown[] = [];
    const at = this.starts[li] + n;
    for (;;) {
      const line = this.lines[li];
      let v = n + 1;
      while (line.charCodeAt(v) === 32) v++;
      const child = this.row(-1, -1);
      if (v === line.length || line.charCodeAt(v) === 35) {
        items.push(this.valueBelow(li, n, v, false, child));
      } else if (this.isDash(line, v)) {
        giveUp();
      } else if (this.startsKey(line, v)) {
        items.push(this.map(li, v, child));
      } else {
        items.push(this.inline(li, v, n, child));
      }
      const next = this.nextContent(this.next);
      // A line at the dashes' column that is not an item ends a sequence written under a key at the same column.
      if (next >= this.count || this.indents[next] < n || !this.isDash(this.lines[next], n)) {
        if (this.indents[next] > n) giveUp();
        this.depth--;
        this.done(r, SEQ, at);
        this.next = next;
        return items;
      }
      li = next;
    }
  }

  /**
   * The value of a key or dash with nothing after it on its line: a
   * collection on the lines below, more indented (or, under a key, a sequence
   * at the key's own column), else null, placed after the indicator's spaces.
   */
  private valueBelow(li: number, n: number, v: number, underKey: boolean, r: number): unknown {
    const next = this.nextContent(li + 1);
    if (next < this.count) {
      const ind = this.indents[next];
      const line = this.lines[next];
      if (ind > n) {
        if (this.isDash(line, ind)) return this.seq(next, ind, r);
        if (this.startsKey(line, ind)) return this.map(next, ind, r);
        giveUp(); // a scalar on the next line (a multi-line plain scalar, or an error)
      }
      if (underKey && ind === n && this.isDash(line, n)) return this.seq(next, n, r);
    }
    this.done(r, SCALAR, this.starts[li] + v);
    this.next = li + 1;
    return null;
  }

  /** A value starting at column `v` of line `li`, in a collection at column `n`, for row `r`. */
  private inline(li: number, v: number, n: number, r: number): unknown {
    const line = this.lines[li];
    const at = this.starts[li] + v;
    let value: unknown;
    switch (line[v]) {
      case '|':
      case '>':
        return this.blockScalar(li, v, n, r);
      case '[':
      case '{':
        value = this.flow(line, v, at - v, r);
        if (!LINE_REST.test(line.slice(this.col))) giveUp();
        this.next = li + 1;
        return value;
      case "'":
      case '"': {
        const [text, end] = quoted(line, v);
        if (!LINE_REST.test(line.slice(end))) giveUp();
        value = text;
        break;
      }
      default:
        value = resolvePlain(this.plainText(line, v));
    }
    this.done(r, SCALAR, at);
    this.next = li + 1;
    return value;
  }

  /** A one-line plain scalar in block context starting at column `v`, without its comment. */
  private plainText(line: string, v: number): string {
    const c = line[v];
    if (',[]{}#&*!|>\'"%@`'.includes(c)) giveUp();
    if ('-?:'.includes(c) && (v + 1 === line.length || line[v + 1] === ' ')) giveUp();
    let s = line.slice(v);
    const hash = s.indexOf(' #');
    if (hash >= 0) s = s.slice(0, hash);
    if (s.charCodeAt(s.length - 1) === 32) s = s.replace(TRAILING_SPACES, ''); // spaces only: YAML does not trim other Unicode white space
    if (s.includes(': ') || s.endsWith(':')) giveUp();
    return s;
  }

  /**
   * A flow list or mapping of plain or quoted scalars and such collections, opening at column `v` (offset `base + v`),
   * for row `r`; leaves the column after it in `col`.
   */
  private flow(line: string, v: number, base: number, r: number): Record<string, unknown> | unknown[] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const at = base + v;
    const isMap = line[v] === '{';
    const close = isMap ? '}' : ']';
    const map: Record<string, unknown> = {};
    const items: unknown[] = [];
    let i = v + 1;
    const spaces = () => {
      while (line.charCodeAt(i) === 32) i++;
    };
    /** The text of a plain scalar at `i` ending before `,`, the closing bracket, or (for a key) `: `. */
    const plain = (isKey: boolean): string => {
      const c = line[i];
      if (c === undefined || ',[]{}#&*!|>\'"%@`'.includes(c)) giveUp();
      if ('-?:'.includes(c) && (i + 1 === line.length || ' ,]}'.includes(line[i + 1]))) giveUp();
      let j = i;
      for (; j < line.length; j++) {
        const d = line.charCodeAt(j);
        // , [ ] { } # :
        if (d === 44 || d === 91 || d === 93 || d === 123 || d === 125 || d === 35 || d === 58) break;
      }
      const text = line.slice(i, j).replace(TRAILING_SPACES, '');
      if (isKey && text.length > MAX_KEY) giveUp();
      if (text.length === 0) giveUp();
      i = j;
      return text;
    };
    /** A value at `i`, for row `row`. */
    const value = (row: number): unknown => {
      const c = line[i];
      const start = i;
      if (c === '[' || c === '{') {
        const node = this.flow(line, i, base, row);
        i = this.col;
        return node;
      }
      let out: unknown;
      if (c === "'" || c === '"') {
        const [text, end] = quoted(line, i);
        i = end;
        out = text;
      } else {
        out = resolvePlain(plain(false));
      }
      this.done(row, SCALAR, base + start);
      return out;
    };
    spaces();
    if (line[i] === close) {
      i++;
    } else {
      for (;;) {
        spaces();
        if (isMap) {
          const keyAt = base + i;
          if (line[i] === "'" || line[i] === '"') giveUp();
          const k = plain(true);
          const id = line[i] === ':' && line[i + 1] === ' ' ? keyIdOf(k) : -1;
          if (id < 0 || Object.hasOwn(map, keyNames[id])) giveUp();
          const child = this.row(id, keyAt);
          i += 2;
          spaces();
          map[keyNames[id]] = value(child);
        } else {
          items.push(value(this.row(-1, -1)));
        }
        spaces();
        if (line[i] === ',') {
          i++;
          spaces();
          if (line[i] === close) giveUp(); // a trailing comma
          continue;
        }
        if (line[i] !== close) giveUp();
        i++;
        break;
      }
    }
    this.depth--;
    this.done(r, isMap ? MAP : SEQ, at);
    this.col = i;
    return isMap ? map : items;
  }

  /** A `|` or `>` block scalar (clip, strip or keep chomping; no indentation indicator) whose parent sits at column `n`. */
  private blockScalar(li: number, v: number, n: number, r: number): string {
    const line = this.lines[li];
    const h = BLOCK_HEADER.exec(line.slice(v));
    if (!h) giveUp();
    const literal = line[v] === '|';
    const chomp = h[1];
    // Lines of the scalar: blank lines, and lines indented like the first non-blank one.
    let j = li + 1;
    let indent = -1;
    let maxBlankBefore = 0;
    const body: string[] = [];
    let lastContent = -1;
    for (; j < this.count; j++) {
      const l = this.lines[j];
      const ind = this.indents[j];
      const blank = ind === l.length;
      if (indent < 0) {
        if (blank) {
          maxBlankBefore = Math.max(maxBlankBefore, l.length);
          body.push('');
          continue;
        }
        if (ind <= n) break;
        indent = ind;
        if (maxBlankBefore > indent) giveUp();
      } else if (!blank && ind < indent) {
        break;
      }
      if (blank) {
        if (l.length > indent) giveUp(); // spaces beyond the indentation are content
        body.push('');
      } else {
        if (!literal && ind > indent) giveUp(); // a more-indented line in a folded scalar
        body.push(l.slice(indent));
        lastContent = body.length;
      }
    }
    if (indent < 0) {
      // No content: an empty string.
      if (chomp === '+' || maxBlankBefore > n) giveUp();
      this.done(r, SCALAR, this.starts[li] + v);
      this.next = li + 1;
      return '';
    }
    // (Like the full parser, clip and keep end the text with a line break even at the end of a file without one.)
    if (chomp === '+' && li + body.length >= this.count - 1 && !this.text.endsWith('\n')) giveUp();
    const lines = body.slice(0, lastContent);
    let value: string;
    if (literal) {
      value = lines.join('\n');
    } else {
      value = '';
      let blanks = 0;
      let first = true;
      for (const l of lines) {
        if (l === '') {
          blanks++;
          continue;
        }
        if (!first) value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
        else if (blanks > 0) value += '\n'.repeat(blanks);
        value += l;
        blanks = 0;
        first = false;
      }
    }
    if (chomp !== '-') value += '\n';
    if (chomp === '+') value += '\n'.repeat(body.length - lastContent);
    this.done(r, SCALAR, this.starts[li] + v);
    this.next = li + 1 + (chomp === '+' ? body.length : lastContent);
    return value;
  }
}
