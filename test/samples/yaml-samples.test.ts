/**
 * YAML edge cases from ../shared/samples/yaml-edge (yaml-test-suite and
 * js-yaml samples, see their SOURCE.txt): every file goes through the
 * manifest loader's YAML layer and either loads, with the values the suite
 * expects for its mapping documents, or gives located problems / a clean
 * EdvetError — never a raw exception. Inputs a conforming parser must reject
 * are never loaded silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFiles } from '../../src/load/files.js';
import { readYamlFile, type YamlFile } from '../../src/load/yaml.js';
import { EdvetError } from '../../src/model/errors.js';
import { needsShared, ROOT, sharedPath } from '../shared-dir.js';

const SKIP = needsShared('test/samples/yaml-samples.test.ts, the public YAML edge-case samples');

const DIR = sharedPath('samples/yaml-edge');

const yamlFiles = (dir: string) => walkFiles(dir, (n) => /\.ya?ml$/.test(n));

/** in.json holds one JSON value per document, concatenated on separate lines. */
function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  let buf = '';
  for (const line of text.split('\n')) {
    buf += `${line}\n`;
    if (buf.trim() === '') {
      buf = '';
      continue;
    }
    try {
      out.push(JSON.parse(buf));
      buf = '';
    } catch {
      /* the value goes on */
    }
  }
  expect(buf.trim(), 'in.json fully parsed').toBe('');
  return out;
}

function load(file: string): { y: YamlFile | null; error: EdvetError | null } {
  try {
    return { y: readYamlFile(relative(ROOT, file), readFileSync(file)), error: null };
  } catch (e) {
    expect(e, file).toBeInstanceOf(EdvetError);
    return { y: null, error: e as EdvetError };
  }
}

const isMapping = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
const files = SKIP ? [] : yamlFiles(DIR);

describe.skipIf(SKIP)('yaml-edge samples through readYamlFile', () => {
  it('finds the samples', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  for (const file of files) {
    const name = relative(DIR, file);
    const dir = join(file, '..');
    const mustFail = existsSync(join(dir, 'error'));
    const expected = existsSync(join(dir, 'in.json')) && !mustFail ? jsonValues(readFileSync(join(dir, 'in.json'), 'utf8')) : null;

    it(`${name}${mustFail ? ' (must be rejected)' : ''}`, () => {
      const { y, error } = load(file);
      const problems = error ? error.problems : y!.problems;
      for (const p of problems) {
        expect(p.file).toBe(relative(ROOT, file));
        expect(p.message.length).toBeGreaterThan(0);
        if (!error) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
        }
      }
      if (mustFail) {
        expect(problems.length).toBeGreaterThan(0);
        return;
      }
      if (!y) return;
      if (expected) {
        // every mapping document loads with the suite's value; every list or scalar document is a problem
        const nonEmpty = expected.filter((v) => v !== null);
        const mappings = nonEmpty.filter(isMapping);
        expect(y.docs.map((d) => d.value)).toEqual(mappings);
        expect(y.problems.length).toBe(nonEmpty.length - mappings.length);
        expect(y.empty).toBe(nonEmpty.length === 0);
      }
    });
  }
});

describe.skipIf(SKIP)('js-yaml merge-key samples (YAML 1.1 `<<` is not a YAML 1.2 feature)', () => {
  const js = (p: string) => load(join(DIR, 'js-yaml', p));

  it('construct-merge: a list document, refused as not a mapping', () => {
    const { y } = js('valid/construct-merge.yml');
    expect(y!.docs).toHaveLength(0);
    expect(y!.problems[0].message).toMatch(/list/);
  });

  it('duplicate-merge-key: two `<<` keys are duplicate keys under YAML 1.2', () => {
    const { y } = js('valid/duplicate-merge-key.yml');
    expect(y!.problems[0].message).toMatch(/duplicate/i);
  });

  it('invalid-merge-1/2: `<<` is read as an ordinary key (the schema then names it as an unknown field)', () => {
    expect(js('load-errors/invalid-merge-1.yml').y!.docs[0].value).toEqual({ foo: 'bar', '<<': 'baz' });
    expect(Object.keys(js('load-errors/invalid-merge-2.yml').y!.docs[0].value as object)).toEqual(['foo', '<<']);
  });

  it('undefined-anchor and invalid-anchor-2 give problems', () => {
    expect(js('load-errors/undefined-anchor.yml').y!.problems.length).toBeGreaterThan(0);
    expect(js('load-errors/invalid-anchor-2.yml').y!.problems.length).toBeGreaterThan(0);
  });

  it('an alias to an undefined anchor inside a mapping document is a problem, not an exception', () => {
    const y = readYamlFile('x.yaml', Buffer.from('a: 1\nb: *bat\n'));
    expect(y.docs).toHaveLength(0);
    expect(y.problems[0].message).toMatch(/alias/);
  });
});
