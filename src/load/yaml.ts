/**
 * YAML documents with source positions. `parseDocument`/`parseAllDocuments`
 * with a LineCounter keep every node's range, so a key path (from a zod issue
 * or a rule's evidence) leads back to file:line:col.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node, type Pair } from 'yaml';
import { inputError, type Problem } from '../model/errors.js';
import type { SourcePos } from '../model/types.js';
import { readPlainYaml, type PlainYaml } from './yaml-plain.js';

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
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
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
      throw inputError({ file, message: 'this file is not valid UTF-8 text; expected YAML saved as UTF-8 (or UTF-16 with a byte-order mark)' });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFEFF')) text = text.replace(/(^|\n|\r)\uFEFF/g, '$1');
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  return text;
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
  if (plain) {
    for (const start of plain.lineStarts) lc.addNewLine(start);
    return plainFile(file, plain, pos);
  }
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
  parsed.forEach((doc, index) => {
    for (const err of doc.errors) {
      const at = err.linePos?.[0];
      const key = err.code === 'DUPLICATE_KEY' ? /^[^:\n]{1,60}/.exec(text.slice(err.pos[0]))?.[0].trim() : undefined;
      problems.push({ file, line: at?.line, column: at?.col, message: key ? `duplicate key \`${key}\`: each field may appear once` : yamlMessage(err.code, err.message) });
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
function plainFile(file: string, plain: PlainYaml, pos: (offset: number) => SourcePos): YamlFile {
  const docs = plain.docs.map((d, index): YamlDoc => {
    const start = pos(d.start);
    // The closures keep the node tree for positions, not the document's value (a product keeps only posOf).
    const locate = d.locate;
    const at = (path: readonly (string | number)[], wantKey: boolean): SourcePos => {
      const offset = locate(path, wantKey);
      return offset === null ? start : pos(offset);
    };
    return { file, index, value: d.value, start, posOf: (path) => at(path, false), keyPosOf: (path) => at(path, true) };
  });
  return { docs, problems: [], empty: false };
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
