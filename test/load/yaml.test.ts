/**
 * The YAML layer under manifests and policies (quality.md "Bad input" and
 * "Hostile input"): every broken document is a located problem, never a raw
 * exception; the good documents of a file survive a bad one.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlFile, readYamlFile } from '../../src/load/yaml.js';
import { EdvetError } from '../../src/model/errors.js';

const read = (text: string | Buffer) => readYamlFile('f.yaml', typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
const thrown = (fn: () => unknown): EdvetError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    return e as EdvetError;
  }
  throw new Error('expected an EdvetError');
};

describe('readYamlFile', () => {
  it('reads a mapping with positions of values and keys', () => {
    const y = read('id: a\nprivacy:\n  dpa:\n    signed: true\n');
    expect(y.problems).toEqual([]);
    expect(y.empty).toBe(false);
    const d = y.docs[0];
    expect(d.value).toEqual({ id: 'a', privacy: { dpa: { signed: true } } });
    expect(d.start).toEqual({ file: 'f.yaml', line: 1, column: 1 });
    expect(d.posOf(['privacy', 'dpa', 'signed'])).toEqual({ file: 'f.yaml', line: 4, column: 13 });
    expect(d.keyPosOf(['privacy', 'dpa', 'signed'])).toEqual({ file: 'f.yaml', line: 4, column: 5 });
  });

  it('a missing path falls back to the nearest present key above it, else the document start', () => {
    const d = read('id: a\nprivacy:\n  sells_data: false\n').docs[0];
    expect(d.posOf(['privacy', 'dpa', 'signed'])).toMatchObject({ line: 2, column: 1 });
    expect(d.posOf(['sso', 'providers'])).toMatchObject({ line: 1, column: 1 });
  });

  it('several documents: each has its own start line, list items are located', () => {
    const y = read('id: a\n---\nid: b\ngrades: [K, 1]\n');
    expect(y.docs.map((d) => d.index)).toEqual([0, 1]);
    expect(y.docs[1].start.line).toBe(3);
    expect(y.docs[1].posOf(['grades', 1])).toMatchObject({ line: 4, column: 13 });
  });

  it('a syntax error is a located problem', () => {
    const y = read('id: a\nprivacy:\n  dpa: { signed: true\nsso: {}\n');
    expect(y.problems.length).toBeGreaterThan(0);
    expect(y.problems[0]).toMatchObject({ file: 'f.yaml' });
    expect(y.problems[0].line).toBeGreaterThanOrEqual(3);
    expect(y.problems[0].message).toMatch(/syntax/i);
  });

  it('tabs for indentation', () => {
    const y = read('id: a\nprivacy:\n\tsells_data: false\n');
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(y.problems[0].message).toMatch(/tab/i);
  });

  it('duplicate keys', () => {
    const y = read('id: a\nname: x\nname: y\n');
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0]).toMatchObject({ line: 3 });
    expect(y.problems[0].message).toMatch(/duplicate/i);
    expect(y.docs).toHaveLength(0);
  });

  it('an alias to an undefined anchor', () => {
    const y = read('id: a\ngrades: *lower\n');
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0].message).toMatch(/alias/i);
    expect(y.problems[0].line).toBeGreaterThanOrEqual(1);
  });

  it('a list document and a scalar document are not mappings', () => {
    const l = read('- a\n- b\n');
    expect(l.problems[0]).toMatchObject({ line: 1, column: 1 });
    expect(l.problems[0].message).toMatch(/list/);
    const s = read('hello\n');
    expect(s.problems[0].message).toMatch(/single value/);
    expect(read('42\n').problems).toHaveLength(1);
  });

  it('binary bytes are refused at once, quoting none of the content', () => {
    const e = thrown(() => read(Buffer.from([0x69, 0x64, 0x3a, 0x00, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54])));
    expect(e.kind).toBe('input');
    expect(e.problems[0]).toMatchObject({ file: 'f.yaml' });
    expect(e.message).toMatch(/binary/);
    expect(e.message).not.toContain('SECRET');
  });

  it('invalid UTF-8 is refused', () => {
    const e = thrown(() => read(Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a])));
    expect(e.message).toMatch(/UTF-8/);
  });

  it('a UTF-8 BOM is skipped', () => {
    const y = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id: a\n')]));
    expect(y.problems).toEqual([]);
    expect(y.docs[0].value).toEqual({ id: 'a' });
  });

  it('an empty file, a comment-only file and a bare `---` are empty, not errors', () => {
    for (const t of ['', '# nothing here\n', '---\n', '\n\n']) {
      const y = read(t);
      expect(y.problems, JSON.stringify(t)).toEqual([]);
      expect(y.empty, JSON.stringify(t)).toBe(true);
      expect(y.docs).toEqual([]);
    }
  });

  it('a bad document does not lose the good ones beside it', () => {
    const y = read('id: a\n---\n- not a mapping\n---\nid: c\n');
    expect(y.docs.map((d) => (d.value as { id: string }).id)).toEqual(['a', 'c']);
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0].line).toBe(3);
  });

  it('an alias bomb ("billion laughs") is refused, not expanded', () => {
    let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    let prev = 'a';
    for (const l of 'bcdefghi') {
      text += `${l}: &${l} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      prev = l;
    }
    const y = read(text);
    expect(y.docs).toHaveLength(0);
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0].message).toMatch(/alias/i);
  });

  it('a few ordinary aliases are fine', () => {
    const y = read('base: &b [K, 1]\ngrades: *b\n');
    expect(y.problems).toEqual([]);
    expect(y.docs[0].value).toEqual({ base: ['K', 1], grades: ['K', 1] });
  });

  it('__proto__, constructor and prototype keys are rejected, at any depth, and never reach Object.prototype', () => {
    const y = read('__proto__:\n  polluted: yes\nprivacy:\n  constructor: 1\nlist:\n  - prototype: { polluted: true }\n');
    expect(y.docs).toHaveLength(0);
    expect(y.problems.map((p) => p.line)).toEqual([1, 4, 6]);
    for (const p of y.problems) expect(p.message).toMatch(/unknown field/);
    expect(y.problems.map((p) => p.message).join('\n')).toContain('list.0.prototype');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a YAML 1.1 merge key is not expanded (it stays an ordinary key `<<`)', () => {
    const y = read('base: &b { x: 1 }\nthing:\n  <<: *b\n  y: 2\n');
    expect(y.problems).toEqual([]);
    expect((y.docs[0].value as Record<string, Record<string, unknown>>).thing.y).toBe(2);
  });
});

describe('parseYamlFile', () => {
  it('throws every problem of the file together', () => {
    const e = thrown(() => parseYamlFile('f.yaml', Buffer.from('a: 1\na: 2\n---\n- x\n---\nb:\n\tc: 1\n')));
    expect(e.kind).toBe('input');
    expect(e.problems.length).toBe(3);
    for (const p of e.problems) expect(p.file).toBe('f.yaml');
    expect(e.message.split('\n')[0]).toMatch(/^f\.yaml:\d+:\d+: /);
  });

  it('returns the documents when all is well', () => {
    expect(parseYamlFile('f.yaml', Buffer.from('a: 1\n')).docs).toHaveLength(1);
  });
});
