/**
 * The fast reader of plainly written YAML (src/load/yaml-plain.ts) must give
 * exactly what the full parser gives whenever it reads a file at all: the
 * same value (key order included) and the same file:line:col for every key,
 * value and list item, and for paths that are absent. Where it declines, the
 * full parser is used, so a decline is always acceptable; a different answer
 * never is. Checked on every YAML file the project knows and on generated
 * and mutated documents.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/load/files.js';
import { readPlainYaml } from '../../src/load/yaml-plain.js';
import { readYamlFile, type YamlDoc } from '../../src/load/yaml.js';
import { needsShared, ROOT, sharedPath } from '../shared-dir.js';
import { runs as caseCount } from '../property.js';

type Path = (string | number)[];

const yamlFiles = (dir: string) => walkFiles(dir, (n) => /\.ya?ml$/.test(n));

/** Every path to a key, value or item, plus absent paths beside and below them. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [[...prefix, 'no_such_key'], [...prefix, 7]];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i], ...paths(v, [...prefix, i]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  }
  return out;
}

function where(doc: YamlDoc, path: Path) {
  return { path, value: doc.posOf(path), key: doc.keyPosOf(path) };
}

/** 'declined' when the fast reader declines; otherwise asserts it equals the full parse and returns 'read'. */
function compare(text: string, file = 'doc.yaml'): 'declined' | 'read' {
  const bytes = Buffer.from(text, 'utf8');
  const plain = readPlainYaml(text.replace(/^\uFEFF/, ''));
  if (plain === null) return 'declined';
  const full = readYamlFile(file, bytes, 'a mapping', false);
  expect(full.problems, `the fast reader read a document the full parser rejects:\n${text}`).toEqual([]);
  const fast = readYamlFile(file, bytes, 'a mapping');
  expect(fast.docs.length).toBe(full.docs.length);
  expect(fast.empty).toBe(full.empty);
  full.docs.forEach((f, i) => {
    const s = fast.docs[i];
    expect(s.index).toBe(f.index);
    expect(s.value).toEqual(f.value);
    expect(JSON.stringify(s.value)).toBe(JSON.stringify(f.value)); // key order
    expect(s.start).toEqual(f.start);
    for (const p of paths(f.value)) expect(where(s, p)).toEqual(where(f, p));
  });
  return 'read';
}

/** Every YAML file of the repository. */
const known = [...yamlFiles(resolve(ROOT, 'fixtures')), ...yamlFiles(resolve(ROOT, 'rules')), ...yamlFiles(resolve(ROOT, 'test/fixtures'))];

/** Reads each file, expecting the same answer as the full parser or a decline; returns the declined ones. */
function compareAll(files: string[]): string[] {
  const declined: string[] = [];
  for (const file of files) if (compare(readFileSync(file, 'utf8'), file) === 'declined') declined.push(file);
  return declined;
}

describe('plain YAML reader on every YAML file of the repository', () => {
  it('finds the files', () => {
    expect(known.length).toBeGreaterThan(50);
  });

  it('reads each exactly as the full parser does, or declines; it reads every file of the demo catalog', () => {
    const declined = compareAll(known);
    // The fast path must actually be taken for ordinary files.
    expect(declined.length).toBeLessThan(known.length / 2);
    const demo = known.filter((f) => f.startsWith(resolve(ROOT, 'fixtures/demo-district/catalog')));
    expect(demo.length).toBeGreaterThan(20);
    expect(declined.filter((f) => demo.includes(f))).toEqual([]);
  });
});

describe.skipIf(needsShared('test/load/yaml-plain.test.ts, the plain YAML reader on the public samples'))('plain YAML reader on the public samples and worked examples of ../shared', () => {
  it('reads each exactly as the full parser does, or declines; it reads every real OpenACR sample', () => {
    const files = [...yamlFiles(sharedPath('samples')), ...yamlFiles(sharedPath('conformance'))];
    expect(files.length).toBeGreaterThan(50);
    const declined = compareAll(files);
    const acr = files.filter((f) => f.startsWith(sharedPath('samples/openacr')));
    expect(acr.length).toBeGreaterThan(0);
    expect(declined.filter((f) => acr.includes(f))).toEqual([]);
  });
});

describe('plain YAML reader on hand-written forms', () => {
  const read = [
    'a: 1\nb: two\n',
    '---\n# comment\na: 1 # trailing\n\nb:\n',
    'a:\n  - x\n  - 2\n  -\n  - "q"\nb: end\n',
    'a:\n- x\n- y\nb: 1\n',
    'list:\n  - id: 1\n    name: n\n  - id: 2\n    tags: [a, "b c", \'d\']\n',
    'text: |\n  line one\n\n  line three\nfold: >-\n  one\n  two\n\n  three\nafter: 1\n',
    'empty: |\nnext: 1\n',
    'keep: |+\n  x\n\n\nnext: >+\n  y\n\n# c\nlast: |\n  z',
    'policy: "@riverside\\\\.example$"\nesc: "tab\\there \\u00e9 \\x41 \\U0001F600 \\"q\\""\n',
    'crlf: 1\r\nlist:\r\n  - a\r\n  - b\r\n',
    "quote: 'it''s'\nurl: http://example.org/a#b\nnums: [1, 2.5, -3, 1e3, 0x1F, 0o17, .inf, .nan]\nbools: [true, False, ~, null]\n",
    'a: -5\nb: .5\nc: 1.\nd: 2026-01-01\ne: 010\n',
    'a:\n  b:\n    c: deep\n  d: [ ]\n  e: {}\n',
    'terms:\n  - { name: Fall 2025, start: 2025-08-18, end: "2025-12-19" }\n  - {name: Spring, n: 2}\nskip_when: { column: "Result", not_in: ["Success", [x, {y: z}]] }\n',
    'a: 1\n---\nb: 2\n--- # third\nc: [x]\n',
    'nbsp: 1\u00a0\nideographic: \u3000\nlist: [b\u00a0, c]\nmap: {b: c\u2000}\n...: dots are a key here\n',
    '- not: a map at the top\n',
  ];
  for (const text of read) {
    it(`agrees on ${JSON.stringify(text).slice(0, 60)}`, () => {
      compare(text);
    });
  }

  it('reads the common forms (the fast path is taken)', () => {
    for (const text of read.slice(0, -1)) expect([text, compare(text)]).toEqual([text, 'read']);
  });

  const declined = [
    'a: &x 1\nb: *x\n',
    'a: !tag 1\n',
    'a: {b: [c: 1]}\n',
    'a: {b: 1, b: 2}\n',
    'a: [x, ]\n',
    'a: "bad \\q escape"\n',
    'a: "\\x4"\n',
    'a: multi\n  line\n',
    'a: 1\na: 2\n',
    '__proto__: 1\n',
    '1: one\n',
    'a:\tb\n',
    'a: 1\n...\n',
    'a: 1\n---\n# nothing\n',
    "a: 'open\n  quote'\n",
    'a: [1,\n  2]\n',
    'a: |2\n   x\n',
    'a: b: c\n',
    '  a: 1\nb: 2\n',
    'plain scalar\n',
    '%YAML 1.2\n---\na: 1\n',
    'a: >\n  x\n    more\n',
    '... : 1\n',
    'a: 1\n... x: 2\n',
    `${'k'.repeat(1024)} : 1\n`,
    `a: {${'k'.repeat(1030)}: 1}\n`,
    `a: ${'['.repeat(1000)}${']'.repeat(1000)}\n`,
    `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
    Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n',
  ];
  for (const text of declined) {
    it(`declines ${JSON.stringify(text).slice(0, 60)}`, () => {
      expect(readPlainYaml(text)).toBeNull();
    });
  }
});

// Generated documents: a random tree written in a random mix of the plain forms.
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((w) => !['true', 'false', 'null', 'constructor', 'prototype'].includes(w));
const plainText = fc.oneof(
  word,
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,/()-]{0,20}[A-Za-z0-9.)]$/),
  fc.integer({ min: -1000, max: 100000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((d) => d.toString()),
  fc.constantFrom('true', 'False', 'null', '~', '2026-09-01', '.inf', '-.inf', '.NaN', '0x1F', '0o17', '1e3', 'a#b', 'a:b', 'http://x.org/p?q=1'),
);
interface Tree {
  [k: string]: unknown;
}
const leaf = fc.oneof(
  plainText.map((t) => ({ t: 'plain', v: t })),
  fc.string({ maxLength: 15, unit: fc.oneof(fc.constantFrom('\\', '"', '\n', '\t', '\x07', '\x1b', '\u00e9', '\u2028', '\u{1f600}', ' ', '#'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })) }).map((s) => ({ t: 'dq', v: s })),
  fc.string({ maxLength: 15 }).filter((s) => !/[\n\r\t\x00-\x1f\x7f\ufeff\u2028\u2029\u0085]/.test(s)).map((s) => ({ t: 'sq', v: s })),
  fc.array(fc.oneof(plainText.filter((t) => !/[:#,]/.test(t)), fc.string({ maxLength: 6 }).map((s) => `"${escapeDouble(s)}"`)), { maxLength: 5 }).map((v) => ({ t: 'flow', v })),
  fc.uniqueArray(fc.tuple(word, plainText.filter((t) => !/[:#,]/.test(t))), { maxLength: 4, selector: (e) => e[0] }).map((v) => ({ t: 'flowmap', v })),
  fc
    .record({ lines: fc.array(fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z#][A-Za-z0-9 #:.-]{0,20}$/)), { minLength: 0, maxLength: 5 }).map((ls) => [...ls, 'end']), style: fc.constantFrom('|', '|-', '|+', '>', '>-', '>+') })
    .map((b) => ({ t: 'block', v: b })),
  fc.constant({ t: 'null', v: null }),
);
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('seq')),
  map: fc.uniqueArray(fc.tuple(word, tie('node')), { minLength: 1, maxLength: 4, selector: (e) => e[0] }).map((es) => ({ t: 'map', v: es })),
  seq: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((v) => ({ t: 'seq', v })),
})).map;

interface Style {
  indent: number;
  compact: boolean;
  comments: boolean;
  crlf: boolean;
  finalBreak: boolean;
}

/** A double-quoted body: escapes for what must be escaped, and for some printable characters too. */
function escapeDouble(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += c % 2 ? '\\t' : '\\x09';
    else if (c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c > 0xffff) out += '\\U' + c.toString(16).padStart(8, '0');
    else if (ch === 'é') out += '\\xe9';
    else out += ch;
  }
  return out;
}

function scalarText(n: { t: string; v: unknown }, ind: string, style: Style): string[] {
  switch (n.t) {
    case 'plain':
      return [String(n.v) + (style.comments ? ' # note' : '')];
    case 'dq':
      return [`"${escapeDouble(String(n.v))}"`];
    case 'sq':
      return [`'${String(n.v).replace(/'/g, "''")}'`];
    case 'flow':
      return [`[${(n.v as string[]).join(', ')}]`];
    case 'flowmap':
      return [`{${(n.v as [string, string][]).map(([k, v]) => `${k}: ${v}`).join(', ')}}`];
    case 'null':
      return [''];
    case 'block': {
      const b = n.v as { lines: string[]; style: string };
      return [b.style, ...b.lines.map((l) => (l === '' ? '' : ind + l))];
    }
  }
  throw new Error(n.t);
}

function write(n: { t: string; v: unknown }, depth: number, style: Style): string[] {
  const ind = ' '.repeat(depth * style.indent);
  const child = ' '.repeat((depth + 1) * style.indent);
  if (n.t === 'map') {
    const out: string[] = [];
    for (const [k, v] of n.v as [string, { t: string; v: unknown }][]) {
      if (v.t === 'map') out.push(`${ind}${k}:${style.comments ? '  # section' : ''}`, ...write(v, depth + 1, style));
      else if (v.t === 'seq') out.push(`${ind}${k}:`, ...write(v, style.compact ? depth : depth + 1, style));
      else {
        const [first, ...rest] = scalarText(v, child, style);
        out.push(`${ind}${k}:${first === '' ? '' : ' ' + first}`, ...rest);
      }
    }
    return out;
  }
  if (n.t === 'seq') {
    const out: string[] = [];
    for (const v of n.v as { t: string; v: unknown }[]) {
      if (v.t === 'map' || v.t === 'seq') {
        out.push(`${ind}-`, ...write(v, depth + 1, style));
      } else {
        const [first, ...rest] = scalarText(v, child, style);
        out.push(`${ind}-${first === '' ? '' : ' ' + first}`, ...rest);
      }
    }
    return out;
  }
  return scalarText(n, child, style);
}

const styles = fc.record({ indent: fc.constantFrom(2, 4), compact: fc.boolean(), comments: fc.boolean(), crlf: fc.boolean(), finalBreak: fc.boolean() });
const documents = fc
  .tuple(fc.uniqueArray(fc.tuple(word, tree), { minLength: 1, maxLength: 5, selector: (e) => e[0] }), styles, fc.boolean())
  .map(([entries, style, marker]) => {
    const lines = write({ t: 'map', v: entries }, 0, style);
    const text = (marker ? '---\n' : '') + lines.join('\n') + (style.finalBreak ? '\n' : '');
    return style.crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('plain YAML reader on generated documents', () => {
  it('agrees with the full parser whenever it reads, and reads most documents', () => {
    let reads = 0;
    let runs = 0;
    fc.assert(
      fc.property(documents, (text) => {
        runs++;
        if (compare(text) === 'read') reads++;
      }),
      { numRuns: caseCount(100, 600) },
    );
    expect(reads).toBeGreaterThan(runs / 2);
  });

  it('agrees with the full parser on mutated documents (one character inserted, deleted or replaced)', () => {
    const edits = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom(' ', ':', '#', '-', '\n', '"', "'", '|', '[', ']', ',', 'x', '  ', '\t', '&', '*', '>', '{'));
    fc.assert(
      fc.property(documents, edits, (text, [at, op, ch]) => {
        const i = at % (text.length + 1);
        const mutated = op === 'delete' ? text.slice(0, i) + text.slice(i + 1) : op === 'insert' ? text.slice(0, i) + ch + text.slice(i) : text.slice(0, i) + ch + text.slice(i + 1);
        compare(mutated);
      }),
      { numRuns: caseCount(200, 3000) },
    );
  });
});
