/**
 * The install path from a packed tarball, as a district's IT colleague takes
 * it (product.md, "Set-up contract"): `npm pack`, `npm install -g` into an
 * empty prefix (no dev dependencies, no build at install; the dependencies
 * come from the local npm cache when it has them), then the installed binary:
 * `init d`, `vet d/catalog` from another folder (d/edvet.policy.yaml is used),
 * `audit --demo`; and the install line of the workflow `init` wrote, run as
 * written in the folder init scaffolded.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../rules/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'edvet-install-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The environment of a user's shell: no npm_* variables of the `npm test` that runs this file (they would redirect npm). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || /^npm_config_cache$/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', CI: '' };
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: cleanEnv(), timeout: 240_000 });
  if (r.error) throw r.error;
  return r;
}

const ok = (r: SpawnSyncReturns<string>) => expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);

/** Install `spec` (as npm install -g takes it) into a new empty prefix; returns the installed binary. */
function installInto(prefix: string, spec: string, cwd: string): string {
  ok(run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', spec], cwd));
  const bin = join(prefix, 'bin', 'edvet');
  expect(existsSync(bin)).toBe(true);
  return bin;
}

/** The file names of a .tgz, read with the standard library (ustar headers). */
function tarNames(file: string): string[] {
  const data = gunzipSync(readFileSync(file));
  const names: string[] = [];
  for (let at = 0; at + 512 <= data.length; ) {
    const h = data.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const str = (from: number, len: number) => h.subarray(from, from + len).toString('utf8').replace(/\0.*$/s, '');
    const prefix = str(345, 155);
    names.push(prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    const size = parseInt(str(124, 12).trim() || '0', 8);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names.sort();
}

let tarball = '';
let edvet = '';
const work = join(tmp, 'work');
const elsewhere = join(tmp, 'elsewhere');

beforeAll(() => {
  ensureBuilt();
  mkdirSync(work);
  mkdirSync(elsewhere);
  // The build ran above; --ignore-scripts keeps `npm pack` from rebuilding dist/ under the other test files.
  const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
  ok(pack);
  const packed = readdirSync(work).filter((f) => /^edvet-.*\.tgz$/.test(f));
  expect(packed).toHaveLength(1);
  tarball = join(work, packed[0]);
  edvet = installInto(join(tmp, 'prefix'), `./${packed[0]}`, work);
}, 300_000);

describe('npm pack', () => {
  it('ships the built bundle, the rules and only the demo district among the fixtures; no sources, no tests', () => {
    const names = tarNames(tarball).map((n) => n.replace(/^package\//, ''));
    for (const f of ['package.json', 'README.md', 'bin/edvet.js', 'dist/bundle/cli.js', 'dist/bundle/worker.js', 'dist/rules-data.json', 'rules/defaults.yaml', 'fixtures/demo-district/catalog/edvet.policy.yaml']) {
      expect(names).toContain(f);
    }
    expect(names.filter((n) => n.startsWith('fixtures/') && !n.startsWith('fixtures/demo-district/'))).toEqual([]);
    expect(names.filter((n) => /^(src|test|node_modules|\.ci)\//.test(n) || n.endsWith('.ts'))).toEqual([]);
  });
});

describe('the installed binary', () => {
  it('installed without a build: no dev dependencies, no TypeScript sources', () => {
    const pkg = join(tmp, 'prefix', 'lib', 'node_modules', 'edvet');
    expect(existsSync(join(pkg, 'dist', 'bundle', 'cli.js'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    const deps = existsSync(join(pkg, 'node_modules')) ? readdirSync(join(pkg, 'node_modules')) : [];
    const dev = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies as Record<string, string>);
    expect(deps.filter((d) => dev.some((x) => x === d || x.startsWith(`${d}/`)))).toEqual([]);
    const v = run(edvet, ['--version'], elsewhere);
    ok(v);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('init d, then vet d/catalog from another folder uses d/edvet.policy.yaml', () => {
    ok(run(edvet, ['init', 'd'], work));
    const r = run(edvet, ['vet', join(work, 'd', 'catalog'), '--as-of', '2026-11-23', '--format', 'json', '--fail-on', 'never'], elsewhere);
    ok(r);
    const json = JSON.parse(r.stdout) as { policy: { source: string }; products: { id: string; verdict: string }[] };
    expect(json.policy.source).toBe('../work/d/edvet.policy.yaml');
    expect(Object.fromEntries(json.products.map((p) => [p.id, p.verdict]))).toEqual({ 'example-quiz': 'rejected', 'example-reader': 'approved' });
    expect(r.stderr).not.toMatch(/default policy/);
  });

  it('audit --demo runs the sample district', () => {
    const r = run(edvet, ['audit', '--demo', '--format', 'json'], elsewhere);
    expect(r.status, r.stderr).toBe(1); // the demo district has rejected products
    const json = JSON.parse(r.stdout) as { products: unknown[]; summary: { products: number } };
    expect(json.summary.products).toBe(json.products.length);
    expect(json.products.length).toBeGreaterThan(10);
  });

  it("the install line of init's workflow works as written, from the scaffolded folder", () => {
    const d = join(work, 'd');
    const workflow = readFileSync(join(d, '.github', 'workflows', 'edvet.yml'), 'utf8');
    const installs = workflow.split('\n').filter((l) => /^\s*-\s*run:\s*npm install/.test(l));
    expect(installs).toHaveLength(1);
    const words = installs[0].replace(/^\s*-\s*run:\s*/, '').trim().split(/\s+/);
    expect(words.slice(0, 3)).toEqual(['npm', 'install', '-g']);
    const spec = words.slice(3);
    expect(spec).toHaveLength(1);
    // the package init wrote holds the same files as `npm pack`
    expect(tarNames(join(d, spec[0]))).toEqual(tarNames(tarball));
    const second = installInto(join(tmp, 'prefix-ci'), spec[0], d);
    const r = run(second, ['vet', 'catalog', '--as-of', '2026-11-23', '--format', 'github'], d);
    expect(r.status, r.stderr).toBe(1); // example-quiz is rejected: the workflow's vet step blocks the merge
    expect(r.stdout).toMatch(/^::error file=catalog\/example-quiz\.yaml,/m);
    expect(r.stdout).toMatch(/policy edvet\.policy\.yaml$/m);
  });
});
