/**
 * Which policy (policy.md): --policy, else edvet.policy.yaml in the current
 * folder, else the nearest one at or above the first catalog folder (up to
 * the folder holding .git), else the defaults with one line on stderr. The
 * built binary on `edvet init`'s layout, run from several folders.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edvet, edvetJson, ensureBuilt } from '../rules/helpers.js';

interface VetJson {
  policy: { source: string };
  products: { id: string; verdict: string; checks: Record<string, string> }[];
}

const tmp = mkdtempSync(join(tmpdir(), 'edvet-discovery-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// A district layout from `edvet init`, its policy tightened so that it changes a verdict:
// example-reader costs $4.00 a student, under the default cap of $5.00 but over this policy's $1.00.
const district = join(tmp, 'district');
const elsewhere = join(tmp, 'elsewhere');
const DEFAULTS_LINE = /^warning: using edvet's default policy: no edvet\.policy\.yaml /m;

beforeAll(() => {
  ensureBuilt();
  mkdirSync(elsewhere);
  const r = edvet(['init', district]);
  expect(r.status, r.stderr).toBe(0);
  const file = join(district, 'edvet.policy.yaml');
  const policy = readFileSync(file, 'utf8').replace('max_per_student: 5.00', 'max_per_student: 1.00');
  expect(policy).toContain('max_per_student: 1.00');
  writeFileSync(file, policy);
});

const readerCost = (j: VetJson) => j.products.find((p) => p.id === 'example-reader')!.checks.cost;
const vet = (args: string[], cwd: string) => edvetJson<VetJson>(['vet', ...args, '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never'], { cwd });

describe("edvet init's layout gives the same verdicts from any folder", () => {
  it('from the district folder: edvet.policy.yaml in the current folder', () => {
    const r = vet(['catalog'], district);
    expect(r.json.policy.source).toBe('edvet.policy.yaml');
    expect(readerCost(r.json)).toBe('fail');
    expect(r.stderr).not.toMatch(DEFAULTS_LINE);
  });

  it('cd catalog && edvet vet . (and with no path): found one folder up', () => {
    for (const args of [['.'], []]) {
      const r = vet(args, join(district, 'catalog'));
      expect(r.json.policy.source).toBe('../edvet.policy.yaml');
      expect(readerCost(r.json)).toBe('fail');
      expect(r.stderr).not.toMatch(DEFAULTS_LINE);
    }
  });

  it('from another folder, the catalog named by an absolute or a relative path', () => {
    for (const path of [join(district, 'catalog'), '../district/catalog']) {
      const r = vet([path], elsewhere);
      expect(r.json.policy.source).toBe('../district/edvet.policy.yaml');
      expect(readerCost(r.json)).toBe('fail');
    }
  });

  it('from another folder, a manifest file: the search starts at its folder', () => {
    const r = vet(['../district/catalog/example-reader.yaml'], elsewhere);
    expect(r.json.policy.source).toBe('../district/edvet.policy.yaml');
    expect(r.json.products.map((p) => p.id)).toEqual(['example-reader']);
  });

  it('the usage-reading commands find it from --catalog too', () => {
    const r = edvetJson<VetJson>(['audit', '--catalog', '../district/catalog', '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never'], { cwd: elsewhere });
    expect(r.status, r.stderr).toBe(0);
    expect(r.json.policy.source).toBe('../district/edvet.policy.yaml');
    expect(readerCost(r.json)).toBe('fail');
  });

  it('--policy wins over the file found; no defaults line', () => {
    const own = join(elsewhere, 'other.yaml');
    writeFileSync(own, 'cost:\n  max_per_student: 9.00\n');
    const r = vet(['../district/catalog', '--policy', 'other.yaml'], elsewhere);
    expect(r.json.policy.source).toBe('other.yaml');
    expect(readerCost(r.json)).toBe('pass');
    expect(r.stderr).not.toMatch(DEFAULTS_LINE);
  });
});

describe('the search stops at the repository root', () => {
  it('a catalog in a repository nested under a folder with a policy: the outer policy is not used, and stderr says so once', () => {
    const outer = join(tmp, 'outer');
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'catalog'));
    writeFileSync(join(outer, 'edvet.policy.yaml'), readFileSync(join(district, 'edvet.policy.yaml')));
    writeFileSync(join(repo, 'catalog', 'example-reader.yaml'), readFileSync(join(district, 'catalog', 'example-reader.yaml')));
    const r = vet(['catalog'], repo);
    expect(r.json.policy.source).toBe('defaults');
    expect(readerCost(r.json)).toBe('pass');
    expect(r.stderr.match(new RegExp(DEFAULTS_LINE.source, 'gm'))).toHaveLength(1);
    // the same catalog without .git: the search goes on up and finds the outer policy
    rmSync(join(repo, '.git'), { recursive: true });
    const walked = vet(['catalog'], repo);
    expect(walked.json.policy.source).toBe('../edvet.policy.yaml');
    expect(readerCost(walked.json)).toBe('fail');
  });

  it('the repository root itself is searched', () => {
    const repo = join(tmp, 'rooted');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'a', 'catalog'), { recursive: true });
    writeFileSync(join(repo, 'edvet.policy.yaml'), 'cost:\n  max_per_student: 1.00\n');
    writeFileSync(join(repo, 'a', 'catalog', 'example-reader.yaml'), readFileSync(join(district, 'catalog', 'example-reader.yaml')));
    const r = vet([join(repo, 'a', 'catalog')], elsewhere);
    expect(r.json.policy.source).toBe('../rooted/edvet.policy.yaml');
    expect(readerCost(r.json)).toBe('fail');
  });
});

describe('the report names the policy used in every format that has a header', () => {
  const args = ['vet', '../district/catalog', '--as-of', '2026-11-23', '--fail-on', 'never'];
  const shown = '../district/edvet.policy.yaml';
  it.each(['table', 'markdown', 'html', 'json', 'sarif', 'junit', 'github'])('%s', (format) => {
    const r = edvet([...args, '--format', format], { cwd: elsewhere });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(shown);
  });

  it('validate names it too', () => {
    const r = edvetJson<{ policy: { source: string } }>(['validate', '../district/catalog', '--format', 'json'], { cwd: elsewhere });
    expect(r.json.policy.source).toBe(shown);
    expect(edvet(['validate', '../district/catalog'], { cwd: elsewhere }).stdout).toContain(shown);
  });
});
