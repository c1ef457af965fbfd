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
 */

/** A node of the document: where it starts (offset) and what it holds. */
type PNode =
  | { kind: 'scalar'; at: number; value: unknown }
  | { kind: 'seq'; at: number; items: PNode[] }
  | { kind: 'map'; at: number; keys: string[]; keyAt: number[]; values: PNode[] };

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
  /** Offset where each line starts (for the full parser's LineCounter, so positions are numbered alike). */
  lineStarts: readonly number[];
}

/** Thrown inside the reader when the text needs the full parser. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
function giveUp(): never {
  throw NOT_PLAIN;
}

// Characters the fast reader never handles: tabs, control characters, a lone CR, Unicode line separators, a byte-order mark inside.
const UNUSUAL = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]|\r(?!\n)/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A plain key followed by `:` and a space or the end of the line.
const KEY = /^([A-Za-z0-9_$/.(][^:#'"[\]{},]*?) *:(?= |$)/;
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
  if (UNUSUAL.test(text)) return null;
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
      const [root, after] = this.map(li, 0);
      docs.push({ value: toJS(root) as Record<string, unknown>, start: root.at, locate: (path, wantKey) => locate(root, path, wantKey) });
      li = this.nextContent(after);
      if (li >= this.count) break;
      if (!DOC_START.test(this.lines[li])) giveUp();
    }
    return { docs, lineStarts: this.starts };
  }

  /** The first line at or after `li` with content (not blank, not a comment). */
  private nextContent(li: number): number {
    while (li < this.count && this.skip[li]) li++;
    return li;
  }

  private isDash(line: string, col: number): boolean {
    return line.charCodeAt(col) === 45 && (col + 1 === line.length || line.charCodeAt(col + 1) === 32);
  }

  /** A block mapping whose keys sit at column `n`, the first on line `li` (possibly after `- `). Returns the node and the next line. */
  private map(li: number, n: number): [PNode, number] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const keys: string[] = [];
    const keyAt: number[] = [];
    const values: PNode[] = [];
    const seen = new Set<string>();
    for (;;) {
      const line = this.lines[li];
      if (n === 0 && DOC_END.test(line)) giveUp(); // `...` ends a document; `... x:` is not a key
      const m = KEY.exec(line.slice(n));
      // An implicit key's `:` must be within 1024 characters of its start.
      if (!m || m[0].length > MAX_KEY) giveUp();
      const key = m[1];
      if (FORBIDDEN_KEYS.has(key) || seen.has(key) || typeof resolvePlain(key) !== 'string') giveUp();
      seen.add(key);
      keys.push(key);
      keyAt.push(this.starts[li] + n);
      let v = n + m[0].length;
      while (line.charCodeAt(v) === 32) v++;
      let value: PNode;
      let next: number;
      if (v === line.length || line.charCodeAt(v) === 35) {
        [value, next] = this.valueBelow(li, n, v, true);
      } else {
        [value, next] = this.inline(li, v, n);
      }
      values.push(value);
      next = this.nextContent(next);
      if (next >= this.count || this.indents[next] < n || (n === 0 && DOC_START.test(this.lines[next]))) {
        this.depth--;
        return [{ kind: 'map', at: keyAt[0], keys, keyAt, values }, next];
      }
      if (this.indents[next] > n) giveUp();
      li = next;
    }
  }

  /** A block sequence whose dashes sit at column `n`, the first on line `li`. */
  private seq(li: number, n: number): [PNode, number] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const items: PNode[] = [];
    let at = -1;
    for (;;) {
      const line = this.lines[li];
      if (at < 0) at = this.starts[li] + n;
      let v = n + 1;
      while (line.charCodeAt(v) === 32) v++;
      let item: PNode;
      let next: number;
      if (v === line.length || line.charCodeAt(v) === 35) {
        [item, next] = this.valueBelow(li, n, v, false);
      } else if (this.isDash(line, v)) {
        giveUp();
      } else if (KEY.test(line.slice(v))) {
        [item, next] = this.map(li, v);
      } else {
        [item, next] = this.inline(li, v, n);
      }
      items.push(item);
      next = this.nextContent(next);
      // A line at the dashes' column that is not an item ends a sequence written under a key at the same column.
      if (next >= this.count || this.indents[next] < n || !this.isDash(this.lines[next], n)) {
        if (this.indents[next] > n) giveUp();
        this.depth--;
        return [{ kind: 'seq', at, items }, next];
      }
      li = next;
    }
  }

  /**
   * The value of a key or dash with nothing after it on its line: a
   * collection on the lines below, more indented (or, under a key, a sequence
   * at the key's own column), else null, placed after the indicator's spaces.
   */
  private valueBelow(li: number, n: number, v: number, underKey: boolean): [PNode, number] {
    const next = this.nextContent(li + 1);
    if (next < this.count) {
      const ind = this.indents[next];
      const line = this.lines[next];
      if (ind > n) {
        if (this.isDash(line, ind)) return this.seq(next, ind);
        if (KEY.test(line.slice(ind))) return this.map(next, ind);
        giveUp(); // a scalar on the next line (a multi-line plain scalar, or an error)
      }
      if (underKey && ind === n && this.isDash(line, n)) return this.seq(next, n);
    }
    return [{ kind: 'scalar', at: this.starts[li] + v, value: null }, li + 1];
  }

  /** A value starting at column `v` of line `li`, in a collection at column `n`. */
  private inline(li: number, v: number, n: number): [PNode, number] {
    const line = this.lines[li];
    const at = this.starts[li] + v;
    const c = line[v];
    let value: unknown;
    switch (c) {
      case '|':
      case '>':
        return this.blockScalar(li, v, n);
      case '[':
      case '{':
        return [this.flowLine(line, v, at), li + 1];
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
    return [{ kind: 'scalar', at, value }, li + 1];
  }

  /** A one-line plain scalar in block context starting at column `v`, without its comment. */
  private plainText(line: string, v: number): string {
    const c = line[v];
    if (',[]{}#&*!|>\'"%@`'.includes(c)) giveUp();
    if ('-?:'.includes(c) && (v + 1 === line.length || line[v + 1] === ' ')) giveUp();
    let s = line.slice(v);
    const hash = s.indexOf(' #');
    if (hash >= 0) s = s.slice(0, hash);
    s = s.replace(TRAILING_SPACES, ''); // spaces only: YAML does not trim other Unicode white space
    if (s.includes(': ') || s.endsWith(':')) giveUp();
    return s;
  }

  /** `[a, 'b', "c"]` or `{ k: v, k2: [w] }` on one line, with the rest of the line only a comment. */
  private flowLine(line: string, v: number, at: number): PNode {
    const [node, end] = this.flow(line, v, at - v);
    if (!LINE_REST.test(line.slice(end))) giveUp();
    return node;
  }

  /** A flow list or mapping of plain or quoted scalars and such collections, opening at column `v`; returns it and the column after it. */
  private flow(line: string, v: number, base: number): [PNode, number] {
    if (++this.depth > MAX_DEPTH) giveUp();
    const at = base + v;
    const isMap = line[v] === '{';
    const close = isMap ? '}' : ']';
    const items: PNode[] = [];
    const keys: string[] = [];
    const keyAt: number[] = [];
    let i = v + 1;
    const spaces = () => {
      while (line.charCodeAt(i) === 32) i++;
    };
    /** A scalar at `i` ending before `,`, the closing bracket, or (for a key) `: `. */
    const scalar = (isKey: boolean): PNode => {
      const c = line[i];
      const start = i;
      if (!isKey && (c === '[' || c === '{')) {
        const [node, end] = this.flow(line, i, base);
        i = end;
        return node;
      }
      if (c === "'" || c === '"') {
        if (isKey) giveUp();
        const [text, end] = quoted(line, i);
        i = end;
        return { kind: 'scalar', at: base + start, value: text };
      }
      if (c === undefined || ',[]{}#&*!|>\'"%@`'.includes(c)) giveUp();
      if ('-?:'.includes(c) && (i + 1 === line.length || ' ,]}'.includes(line[i + 1]))) giveUp();
      let j = i;
      while (j < line.length && !',[]{}#:'.includes(line[j])) j++;
      const text = line.slice(i, j).replace(TRAILING_SPACES, '');
      if (isKey && text.length > MAX_KEY) giveUp();
      if (text.length === 0) giveUp();
      i = j;
      return { kind: 'scalar', at: base + start, value: isKey ? text : resolvePlain(text) };
    };
    spaces();
    if (line[i] === close) {
      i++;
    } else {
      for (;;) {
        spaces();
        if (isMap) {
          const key = scalar(true);
          const k = key.kind === 'scalar' ? (key.value as string) : giveUp();
          if (line[i] !== ':' || line[i + 1] !== ' ' || FORBIDDEN_KEYS.has(k) || keys.includes(k) || typeof resolvePlain(k) !== 'string') giveUp();
          keys.push(k);
          keyAt.push(key.at);
          i += 2;
          spaces();
        }
        items.push(scalar(false));
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
    return [isMap ? { kind: 'map', at, keys, keyAt, values: items } : { kind: 'seq', at, items }, i];
  }

  /** A `|` or `>` block scalar (clip, strip or keep chomping; no indentation indicator) whose parent sits at column `n`. */
  private blockScalar(li: number, v: number, n: number): [PNode, number] {
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
      return [{ kind: 'scalar', at: this.starts[li] + v, value: '' }, li + 1];
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
    return [{ kind: 'scalar', at: this.starts[li] + v, value }, li + 1 + (chomp === '+' ? body.length : lastContent)];
  }
}

function toJS(node: PNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toJS);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < node.keys.length; i++) out[node.keys[i]] = toJS(node.values[i]);
      return out;
    }
  }
}

function locate(root: PNode, path: readonly (string | number)[], wantKey: boolean): number | null {
  let node = root;
  let nearest: number | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (node.kind === 'map') {
      const k = node.keys.indexOf(String(seg));
      if (k < 0) break;
      if (i === path.length - 1) return wantKey ? node.keyAt[k] : node.values[k].at;
      nearest = node.keyAt[k];
      node = node.values[k];
    } else if (node.kind === 'seq' && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) break;
      if (i === path.length - 1) return item.at;
      nearest = item.at;
      node = item;
    } else {
      break;
    }
  }
  return nearest;
}
