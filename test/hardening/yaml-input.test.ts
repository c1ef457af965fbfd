/**
 * Issue 16 class 9 (YAML): messages that misled, now clear or accepted —
 * deep nesting, `%YAML 1.1`, a collection as a key (no Node warning on
 * stderr), byte-order marks before keys, CR-only line ends (right lines),
 * UTF-16 with a BOM.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYamlFile } from '../../src/load/yaml.js';
import { EdvetError } from '../../src/model/errors.js';
import { edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

const MANIFEST = readFileSync(join(ROOT, 'fixtures/demo-district/catalog/atlasworks.yaml'), 'utf8');
const LINES = MANIFEST.split('\n');
const CATEGORY_LINE = LINES.findIndex((l) => l.startsWith('category:')) + 1;

/** The problems of reading `text` with the full parser and the fast one (both must agree). */
function problems(bytes: Buffer): { line?: number; column?: number; message: string }[][] {
  return [true, false].map((plain) => {
    try {
      return readYamlFile('m.yaml', bytes, 'a product manifest', plain).problems;
    } catch (e) {
      if (e instanceof EdvetError) return e.problems;
      throw e;
    }
  });
}

const value = (bytes: Buffer, plain = false) => readYamlFile('m.yaml', bytes, 'x', plain).docs[0]?.value as Record<string, unknown>;

describe('readYamlFile', () => {
  it('refuses flow nesting 100,000 deep with a located message, not a stack overflow', () => {
    for (const ps of problems(Buffer.from(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`))) {
      expect(ps).toHaveLength(1);
      expect(ps[0]).toMatchObject({ line: 1, column: 104 });
      expect(ps[0].message).toMatch(/nests deeper than 100 levels/);
    }
  });

  it('refuses block nesting thousands deep with the same message', () => {
    let s = 'a:\n';
    for (let i = 0; i < 3000; i++) s += `${'  '.repeat(i + 1)}k:\n`;
    for (const ps of problems(Buffer.from(s))) expect(ps.map((p) => p.message).join()).toMatch(/nests deeper than 100 levels/);
  });

  it('reads dates as text under %YAML 1.1', () => {
    const v = value(Buffer.from(`%YAML 1.1\n---\n${MANIFEST}`));
    expect(v.deployed_on).toBe('2024-08-19');
  });

  it('reports a collection used as a key at the key, without a process warning', () => {
    const warnings: string[] = [];
    const onWarn = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarn);
    try {
      for (const ps of problems(Buffer.from(`${MANIFEST}? [a, b]\n: 1\n`))) {
        expect(ps).toHaveLength(1);
        expect(ps[0]).toMatchObject({ line: LINES.length, column: 3 });
        expect(ps[0].message).toMatch(/a key here is a list/);
      }
    } finally {
      process.off('warning', onWarn);
    }
    expect(warnings).toEqual([]);
  });

  it('drops a byte-order mark at the start of the file and before a key', () => {
    const text = `\ufeff${LINES.slice(0, 3).join('\n')}\n\ufeff${LINES.slice(3).join('\n')}`;
    for (const plain of [true, false]) expect(Object.keys(value(Buffer.from(text), plain))).toEqual(Object.keys(value(Buffer.from(MANIFEST))));
  });

  it('reads CR-only line ends and locates errors on their own lines', () => {
    const bad = MANIFEST.replace(/^category: .*$/m, 'category: "toys').replace(/\n/g, '\r');
    for (const ps of problems(Buffer.from(bad))) expect(ps[0]?.line).toBeGreaterThanOrEqual(CATEGORY_LINE);
    expect(value(Buffer.from(MANIFEST.replace(/\n/g, '\r'))).id).toBe('atlasworks');
  });

  it.each(['utf-16le', 'utf-16be'] as const)('reads %s with a BOM', (enc) => {
    const body = Buffer.from(MANIFEST, 'utf16le');
    if (enc === 'utf-16be') body.swap16();
    const bom = enc === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    expect(value(Buffer.concat([Buffer.from(bom), body])).id).toBe('atlasworks');
  });
});

describe('the same files through the binary', () => {
  let dir: string;
  beforeAll(async () => {
    await ensureBinary();
    dir = tempDir('edvet-yaml-');
  });
  afterAll(() => {
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it('a collection key: exit 2, located, and stderr has no Node warning', async () => {
    writeFileSync(join(dir, 'k.yaml'), `${MANIFEST}? [a, b]\n: 1\n`);
    const r = await edvetAsync(['vet', join(dir, 'k.yaml'), '--as-of', '2026-01-01']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\(node:\d+\)|Warning:/);
    expect(r.stderr).toMatch(new RegExp(`k\\.yaml:${LINES.length}:3: a key here is a list`));
  });

  it('a CR-only manifest with a bad category names its line', async () => {
    writeFileSync(join(dir, 'cr.yaml'), MANIFEST.replace(/^category: .*$/m, 'category: toys').replace(/\n/g, '\r'));
    const r = await edvetAsync(['validate', join(dir, 'cr.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`cr\\.yaml:${CATEGORY_LINE}:11: \`category\``));
    expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a UTF-16 manifest with a BOM is read', async () => {
    writeFileSync(join(dir, 'u16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MANIFEST, 'utf16le')]));
    const r = await edvetAsync(['validate', join(dir, 'u16.yaml')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
