/**
 * YAML documents with source positions. `parseDocument`/`parseAllDocuments`
 * with a LineCounter keep every node's range, so a key path (from a zod issue
 * or a rule's evidence) leads back to file:line:col.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node, type Pair } from 'yaml';
import { inputError, type Problem } from '../model/errors.js';
import type { SourcePos } from '../model/types.js';
import { linePos, readPlainYaml, type PlainYaml } from './yaml-plain.js';

/** Keys that must never reach an object's prototype chain. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Cap on alias expansion: a "billion laughs" document is refused, not expanded. */
const MAX_ALIAS_COUNT = 100;

/** One YAML document of a file, its plain value and a way back to positions. */
export interface YamlDoc {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  /** Position of the value at `path`; when absent, of the nearest key above it that is present. */
  posOf(path: readonly (string | number)[]): SourcePos;
  /** Position of the key itself at `path` (for unknown-field errors); falls back like posOf. */
  keyPosOf(path: readonly (string | number)[]): SourcePos;
  /** The document's first line. */
  start: SourcePos;
}

export interface YamlFile {
  docs: YamlDoc[];
  /** Problems of documents that could not be read (the other documents are still in `docs`). */
  problems: Problem[];
  /** True when the file holds no document with content. */
  empty: boolean;
}

/** True when the bytes look like a binary file rather than text. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).indexOf(0) >= 0;
}

/** Parse every document of a YAML file, throwing all problems together (see readYamlFile). */
export function parseYamlFile(file: string, bytes: Buffer, what = 'a mapping of fields'): YamlFile {
  const y = readYamlFile(file, bytes, what);
  if (y.problems.length > 0) throw inputError(y.problems);
  return y;
}

/**
 * Parse every document of a YAML file. Syntax errors, duplicate keys, tabs,
 * undefined aliases, alias bombs, forbidden keys and non-mapping documents
 * are collected as problems beside the documents that could be read; binary
 * or non-UTF-8 content is thrown at once. Plainly written files are read by
 * the fast reader (yaml-plain.ts) unless `plainReader` is false (the tests
 * compare both readings).
 */
export function readYamlFile(file: string, bytes: Buffer, what = 'a mapping of fields', plainReader = true): YamlFile {
  try {
    return readYamlText(file, yamlText(file, bytes), what, plainReader);
  } catch (e) {
    // Why: the parser and the walks over its tree recurse; a document nested thousands deep must be an error, not a crash.
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw inputError({ file, message: TOO_DEEP });
    throw e;
  }
}

/** The most nested flow collections (`[`, `{`) a YAML document may open; a manifest needs three or four. */
export const MAX_YAML_DEPTH = 100;

const TOO_DEEP = `the YAML nests deeper than ${MAX_YAML_DEPTH} levels; a manifest or policy needs only a few (is this a generated or hostile file?)`;

/**
 * The file's text: UTF-8 (a BOM dropped) or UTF-16 with a BOM; a byte-order
 * mark at the start of any line (files joined with `cat`) dropped; CR-only
 * line ends made LF (same length, so offsets keep their lines).
 */
function yamlText(file: string, bytes: Buffer): string {
  let text: string;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    if (bytes.length % 2 !== 0) throw inputError({ file, message: 'this UTF-16 file has an odd number of bytes (cut short?); expected YAML text' });
    const le = bytes[0] === 0xff;
    text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    if (text.includes('\u0000')) throw inputError({ file, message: 'this is not a text file (it holds binary bytes); expected YAML text' });
  } else {
    if (looksBinary(bytes)) {
      throw inputError({ file, message: 'this is not a text file (it holds binary bytes); expected YAML text' });
    }
    text = bytes.toString('utf8');
    if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) {
      throw inputError({ file, ...firstInvalidUtf8(bytes), message: NOT_UTF8 });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFEFF')) text = text.replace(/(^|\n|\r)\uFEFF/g, '$1');
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return text;
}

const NOT_UTF8 =
  'this file is not valid UTF-8 text: the first character here is not UTF-8 (an accented letter, a curly quote or a dash saved as Windows-1252 or Latin-1?); save the file as UTF-8 (Notepad, Excel or VS Code: Save As, Encoding UTF-8), or as UTF-16 with a byte-order mark';

/**
 * Line and column (1-based, columns in characters) of the first byte of
 * `bytes` that does not start a valid UTF-8 sequence. Line ends are LF, CRLF
 * or CR alone, as the YAML reader counts them.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let n = 0;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = 2;
    else if (b >= 0xe0 && b <= 0xef) n = 3;
    else if (b >= 0xf0 && b <= 0xf4) n = 4;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok && n === 3) {
      const c = bytes[i + 1];
      ok = !(b === 0xe0 && c < 0xa0) && !(b === 0xed && c >= 0xa0);
    }
    if (ok && n === 4) {
      const c = bytes[i + 1];
      ok = !(b === 0xf0 && c < 0x90) && !(b === 0xf4 && c >= 0x90);
    }
    if (!ok) return { line, column };
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else if (b !== 0x0d) {
      column += n === 4 ? 2 : 1; // as the YAML reader counts columns: UTF-16 units
    }
    i += n;
  }
  return { line, column };
}

/** Offset of the first flow collection opened deeper than MAX_YAML_DEPTH (quotes and comments skipped), or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    }
  }
  return -1;
}

function readYamlText(file: string, text: string, what: string, plainReader: boolean): YamlFile {
  const lc = new LineCounter();
  const pos = (offset: number): SourcePos => {
    const p = lc.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const plain = plainReader ? readPlainYaml(text) : null;
  if (plain) return plainFile(file, plain);
  const problems: Problem[] = [];
  const docs: YamlDoc[] = [];
  const deep = text.length > 2 * MAX_YAML_DEPTH ? tooDeepAt(text) : -1;
  if (deep >= 0) {
    lc.addNewLine(0);
    for (let i = 0; i < deep; i++) if (text.charCodeAt(i) === 10) lc.addNewLine(i + 1);
    throw inputError({ ...pos(deep), message: TOO_DEEP });
  }
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, {
      lineCounter: lc,
      uniqueKeys: true,
      prettyErrors: true,
      strict: true,
      // Why: a `%YAML 1.1` directive would switch to the 1.1 schema, where 2026-01-31 is a timestamp, not text.
      schema: 'core',
      // Why: the parser's warnings (a collection as a key) would go to stderr as a Node warning; they are problems here.
      logLevel: 'error',
    }) as Document.Parsed[];
  } catch (e) {
    throw inputError({ file, message: `cannot parse YAML: ${(e as Error).message}` });
  }
  if (!Array.isArray(parsed)) parsed = [parsed as unknown as Document.Parsed];
  let lines: string[] | null = null;
  parsed.forEach((doc, index) => {
    const seen = new Set<string>();
    const docProblems: { problem: Problem; words: boolean }[] = [];
    for (const err of doc.errors) {
      const at = err.linePos?.[0];
      const key = err.code === 'DUPLICATE_KEY' ? /^[^:\n]{1,60}/.exec(text.slice(err.pos[0]))?.[0].trim() : undefined;
      lines ??= text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      const words = key || !at ? null : layoutProblem(lines, err.code, err.message, at.line, at.col);
      const problem: Problem = words
        ? { file, ...words }
        : { file, line: at?.line, column: at?.col, message: key ? `duplicate key \`${key}\`: each field may appear once` : yamlMessage(err.code, err.message) };
      // Why: one mis-indented line makes the parser report two or three errors at one place; say it once.
      const id = `${problem.line}:${problem.column}:${problem.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      docProblems.push({ problem, words: words !== null });
    }
    const explained = new Set(docProblems.filter((p) => p.words).map((p) => p.problem.line));
    const kept = new Set<number>();
    for (const p of docProblems) {
      if (explained.has(p.problem.line)) {
        // A line whose layout is explained gets that explanation alone.
        if (!p.words || kept.has(p.problem.line!)) continue;
        kept.add(p.problem.line!);
      }
      problems.push(p.problem);
    }
    if (doc.errors.length > 0) return;
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && contents.value === null)) return;
    const startOffset = contents.range?.[0] ?? 0;
    if (!isMap(contents)) {
      const kind = isSeq(contents) ? 'a list' : 'a single value';
      problems.push({ ...pos(startOffset), message: `this document is ${kind}; expected ${what}` });
      return;
    }
    const forbidden = findForbiddenKeys(doc, contents, []);
    for (const f of forbidden) {
      problems.push({
        ...pos(f.offset),
        message: f.collection
          ? `a key here is a ${f.collection}; keys must be plain names (write \`name: value\`)`
          : `unknown field \`${f.path.join('.')}\` (keys named __proto__, constructor or prototype are never accepted)`,
      });
    }
    if (forbidden.length > 0) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const msg = (e as Error).message;
      const unresolved = /unresolved alias/i.test(msg) ? aliasOffset(doc, /:\s*(\S+)\s*$/.exec(msg.split('\n')[0])?.[1]) : null;
      problems.push({
        ...pos(unresolved ?? startOffset),
        message: /excessive alias count/i.test(msg)
          ? `too many YAML aliases (more than ${MAX_ALIAS_COUNT}): refusing a document that expands like an alias bomb`
          : /alias/i.test(msg)
            ? 'an alias (*name) refers to an anchor (&name) that is not defined above it'
            : `cannot read this YAML document: ${msg.split('\n')[0]}`,
      });
      return;
    }
    const start = pos(startOffset);
    docs.push({
      file,
      index,
      value,
      start,
      posOf: (path) => locate(doc, path, false, pos, start),
      keyPosOf: (path) => locate(doc, path, true, pos, start),
    });
  });
  return { docs, problems, empty: docs.length === 0 && problems.length === 0 };
}

/** A plainly written file read by the fast reader (yaml-plain.ts): mapping documents, no problems. */
function plainFile(file: string, plain: PlainYaml): YamlFile {
  const starts = plain.lineStarts;
  const pos = (offset: number): SourcePos => {
    const p = linePos(starts, offset);
    return { file, line: p.line, column: p.col };
  };
  const docs = plain.docs.map((d, index): YamlDoc => {
    const start = pos(d.start);
    // The closures keep the compact position table, not the document's value (a product keeps only posOf).
    const locate = d.locate;
    const at = (path: readonly (string | number)[], wantKey: boolean): SourcePos => {
      const offset = locate(path, wantKey);
      return offset === null ? start : pos(offset);
    };
    return { file, index, value: d.value, start, posOf: (path) => at(path, false), keyPosOf: (path) => at(path, true) };
  });
  return { docs, problems: [], empty: false };
}

/** Spaces at the start of a line. */
function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** A line that holds YAML content (not blank, not only a comment, not a document marker). */
function isContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#') && t !== '---' && t !== '...';
}

/** How a message names what a line holds: `` `signed` (line 7) `` or `the list item on line 9`. */
function labelOf(line: string, n: number): string {
  const t = line.trim();
  if (t === '-' || t.startsWith('- ')) return `the list item on line ${n}`;
  const key = /^(?:"([^"]{1,40})"|'([^']{1,40})'|([^:#]{1,40}?))\s*:(?:\s|$)/.exec(t);
  const name = key ? (key[1] ?? key[2] ?? key[3]) : null;
  return name ? `\`${name}\` (line ${n})` : `line ${n}`;
}

function spaces(n: number): string {
  return n === 1 ? '1 space' : `${n} spaces`;
}

/**
 * The parser's layout errors in a person's words ("this line is indented
 * more than the key above it"), located on the line that needs the edit; null
 * for any other error. `lines` is the text split into lines, `line`/`col`
 * where the parser stopped (1-based).
 */
export function layoutProblem(lines: readonly string[], code: string, message: string, line: number, col: number): { line: number; column: number; message: string } | null {
  const at = (n: number) => lines[n - 1] ?? '';
  const prevContent = (n: number): number => {
    for (let k = n - 1; k >= 1; k--) if (isContent(at(k))) return k;
    return 0;
  };
  const nextContent = (n: number): number => {
    for (let k = n + 1; k <= lines.length; k++) if (isContent(at(k))) return k;
    return 0;
  };
  const nested = code === 'BLOCK_AS_IMPLICIT_KEY' && /^Nested mappings/.test(message);
  if (nested || code === 'MULTILINE_IMPLICIT_KEY') {
    // The parser stops at the value of `key: value`; the next line is indented under it.
    const next = nextContent(line);
    const here = at(line);
    if (next && indentOf(at(next)) > indentOf(here)) {
      const m = indentOf(here);
      const label = labelOf(here, line);
      return {
        line: next,
        column: indentOf(at(next)) + 1,
        message: `this line is indented more (${spaces(indentOf(at(next)))}) than the key above it, ${label}, which already has a value: to make it a field beside that key, indent it by ${spaces(m)}; to put it under that key, move the value after the colon away`,
      };
    }
    const rest = here.slice(col - 1);
    const second = /^(?:"([^"]{1,40})"|'([^']{1,40})'|([^:#'"]{1,40}?))\s*:(?:\s|$)/.exec(rest.trim());
    if (nested && second) {
      const name = second[1] ?? second[2] ?? second[3];
      return {
        line,
        column: col,
        message: `a second key on the same line: put \`${name}:\` on a line of its own, indented under the key before it, or put the value in quotes if its colon is part of the text`,
      };
    }
    return null;
  }
  const badIndent = code === 'BAD_INDENT' && /must start at the same column/.test(message);
  const seqAsKey = code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence may not be used as an implicit map key/.test(message);
  if (badIndent || seqAsKey) {
    const n = indentOf(at(line));
    const p = prevContent(line);
    if (!p) return null;
    const m = indentOf(at(p));
    const column = n + 1;
    if (n > m) {
      return { line, column, message: `this line is indented more (${spaces(n)}) than ${labelOf(at(p), p)} above it (${spaces(m)}); lines of one mapping or list start in the same column: indent it by ${spaces(m)}` };
    }
    // The enclosing lines above: each less indented than the one before. The line sits between two of them.
    let keep: { n: number; indent: number } = { n: p, indent: m };
    let beside: { n: number; indent: number } | null = null;
    let min = m;
    for (let k = p - 1; k >= 1 && beside === null; k--) {
      if (!isContent(at(k))) continue;
      const i = indentOf(at(k));
      if (i >= min) continue;
      min = i;
      if (i > n) keep = { n: k, indent: i };
      else if (i < n) beside = { n: k, indent: i };
      else {
        // A list item in the column of the key that holds the list: legal alone, but its list started deeper.
        const t = at(line).trim();
        if (t !== '-' && !t.startsWith('- ')) return null; // a key that lines up with an enclosing key: some other error
        return { line, column, message: `this line is indented less (${spaces(n)}) than ${labelOf(at(p), p)} above it (${spaces(m)}): the items of one list start in the same column; indent it by ${spaces(m)}` };
      }
    }
    const options = beside
      ? `indent it by ${spaces(keep.indent)} to keep it with ${labelOf(at(keep.n), keep.n)}, or by ${spaces(beside.indent)} to put it beside ${labelOf(at(beside.n), beside.n)}`
      : `indent it by ${spaces(keep.indent)}, like ${labelOf(at(keep.n), keep.n)}`;
    return {
      line,
      column,
      message: `this line is indented less (${spaces(n)}) than ${labelOf(at(p), p)} above it (${spaces(m)})${beside ? ` but more than ${labelOf(at(beside.n), beside.n)} (${spaces(beside.indent)})` : ''}: lines of one mapping or list start in the same column; ${options}`,
    };
  }
  if (code === 'MISSING_CHAR' && /Implicit map keys need to be followed by map values/.test(message)) {
    return { line, column: col, message: 'expected `key: value` here: a colon and a space after the field name are missing (or the line continues the one above and needs quotes there)' };
  }
  return null;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (/maximum call stack/i.test(first)) return TOO_DEEP;
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key: ${first}; each field may appear once`;
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML needs spaces';
    case 'BAD_ALIAS':
      return `${first} (an alias must name an anchor defined above it)`;
    default:
      return `YAML syntax error: ${first}`;
  }
}

/** Keys named __proto__, constructor or prototype, also when written as an alias (`*k :`), with the key's offset. */
function findForbiddenKeys(doc: Document.Parsed, node: unknown, path: (string | number)[]): { path: (string | number)[]; offset: number; collection?: string }[] {
  const out: { path: (string | number)[]; offset: number; collection?: string }[] = [];
  if (isMap(node)) {
    for (const pair of node.items as Pair[]) {
      const written = pair.key as Node | null;
      const resolved = isAlias(written) ? written.resolve(doc) : written;
      if (isMap(resolved) || isSeq(resolved)) {
        out.push({ path, offset: written?.range?.[0] ?? 0, collection: isMap(resolved) ? 'mapping' : 'list' });
        continue;
      }
      const key = isScalar(resolved) ? String(resolved.value) : String(resolved);
      if (FORBIDDEN_KEYS.has(key)) out.push({ path: [...path, key], offset: written?.range?.[0] ?? 0 });
      out.push(...findForbiddenKeys(doc, pair.value, [...path, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => out.push(...findForbiddenKeys(doc, item, [...path, i])));
  }
  return out;
}

function locate(
  doc: Document.Parsed,
  path: readonly (string | number)[],
  wantKey: boolean,
  pos: (offset: number) => SourcePos,
  start: SourcePos,
): SourcePos {
  let node: unknown = doc.contents;
  // The nearest present node above the path: a key, or a list item.
  let nearest: number | null = null;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (i === path.length - 1) {
        const valueNode = pair.value as Node | null;
        if (wantKey || !valueNode?.range) return pos(keyNode.range?.[0] ?? 0);
        return pos(valueNode.range[0]);
      }
      nearest = keyNode.range?.[0] ?? nearest;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (i === path.length - 1 && item.range) return pos(item.range[0]);
      nearest = item.range?.[0] ?? nearest;
      node = item;
    } else {
      break;
    }
  }
  if (nearest !== null) return pos(nearest);
  return start;
}

/** Offset of the first alias named `name` in a document, for an unresolved-alias error. */
function aliasOffset(doc: Document.Parsed, name: string | undefined): number | null {
  let found: number | null = null;
  visit(doc, {
    Alias(_, node) {
      if (found === null && (name === undefined || node.source === name)) found = node.range?.[0] ?? null;
    },
  });
  return found;
}
