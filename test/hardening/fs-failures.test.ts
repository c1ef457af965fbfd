/**
 * Every file-system failure while writing is an input error naming the path (exit 2), never
 * "internal error" (issue 16 item 7, file-system half): `init` and `letters --out-dir` under a read-only
 * parent (EACCES as a non-root user; EROFS on a read-only tmpfs, which binds root too), `--output` there,
 * a file in the way of a folder, and a dangling symbolic link where `init` would write.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir, type Run } from './helpers.js';

const CAT = join(ROOT, 'fixtures/demo-district/catalog');
const isRoot = process.getuid?.() === 0;
let dir: string;

beforeAll(async () => {
  await ensureBinary();
  dir = tempDir('edvet-fsfail-');
  chmodSync(dir, 0o755);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectInputError(r: Run, path: RegExp, cause: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(path);
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_FRAME);
}

/** `node bin/edvet.js ARGS` as user nobody (root only, with setpriv); null when that is not possible here. */
function asNobody(args: string[], cwd: string): Run | null {
  if (!isRoot || spawnSync('setpriv', ['--version']).status !== 0) return null;
  const started = Date.now();
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: 60_000 });
  return { args, status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('a read-only parent folder, as a user without write permission (EACCES)', () => {
  let ro: string;
  beforeAll(() => {
    ro = join(dir, 'ro-parent');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
  });
  const run = async (args: string[]): Promise<Run | null> => (isRoot ? asNobody(args, dir) : edvetAsync(args, { cwd: dir }));

  it('init into a new folder under it', async () => {
    const r = await run(['init', 'ro-parent/starter']);
    if (r === null) return console.log('skipped: running as root without setpriv (permissions are not enforced for root)');
    expectInputError(r, /ro-parent\/starter: cannot create this folder: permission denied \(EACCES\)/, /error/);
    expect(existsSync(join(ro, 'starter'))).toBe(false);
  });

  it('letters --out-dir under it', async () => {
    const r = await run(['letters', '--catalog', CAT, '--as-of', '2026-11-23', '--out-dir', 'ro-parent/letters']);
    if (r === null) return console.log('skipped: running as root without setpriv');
    expectInputError(r, /ro-parent\/letters: cannot create this folder: permission denied/, /EACCES/);
  }, 30_000);

  it('import --out-dir under it: the folder is named, nothing is written', async () => {
    const r = await run(['import', join(ROOT, 'fixtures/import/sas-extended.csv'), '--out-dir', 'ro-parent/drafts']);
    if (r === null) return console.log('skipped: running as root without setpriv');
    expectInputError(r, /ro-parent\/drafts: cannot create this folder: permission denied \(EACCES\)/, /EACCES/);
    expect(readdirSync(ro)).toEqual([]);
  }, 30_000);

  it('import into an existing folder it may not write: the draft is named, no temp file left', async () => {
    if (isRoot && spawnSync('setpriv', ['--version']).status !== 0) return console.log('skipped: running as root without setpriv');
    const locked = join(dir, 'locked-drafts');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    const r = await run(['import', join(ROOT, 'fixtures/import/sas-extended.csv'), '--out-dir', 'locked-drafts']);
    if (r === null) return;
    expectInputError(r, /locked-drafts\/[a-z0-9-]+\.yaml: cannot write the draft: permission denied \(EACCES\); nothing was written/, /EACCES/);
    expect(readdirSync(locked)).toEqual([]);
  }, 30_000);

  it('--output into it', async () => {
    const r = await run(['vet', CAT, '--as-of', '2026-11-23', '--format', 'json', '--output', 'ro-parent/r.json']);
    if (r === null) return console.log('skipped: running as root without setpriv');
    expectInputError(r, /ro-parent\/r\.json: cannot write the report: permission denied \(EACCES\); nothing was written/, /EACCES/);
    expect(readdirSync(ro)).toEqual([]);
  }, 30_000);
});

describe('a read-only file system (EROFS, root only: a read-only tmpfs)', () => {
  let m = '';
  let mounted = false;
  beforeAll(() => {
    if (!isRoot) return;
    m = join(dir, 'rofs');
    mkdirSync(m);
    mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', m]).status === 0;
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [m]);
  });

  it('init, letters and --output each fail with exit 2 naming the path and EROFS', async () => {
    if (!mounted) return console.log('skipped: not root, or no tmpfs mount here');
    const init = await edvetAsync(['init', join(m, 'starter')], { cwd: dir });
    expectInputError(init, /rofs\/starter: cannot create this folder: the file system is read-only \(EROFS\)/, /EROFS/);
    const letters = await edvetAsync(['letters', '--catalog', CAT, '--as-of', '2026-11-23', '--out-dir', join(m, 'letters')], { cwd: dir });
    expectInputError(letters, /rofs\/letters: cannot create this folder/, /EROFS/);
    const out = await edvetAsync(['vet', CAT, '--as-of', '2026-11-23', '--format', 'json', '--output', join(m, 'r.json')], { cwd: dir });
    expectInputError(out, /rofs\/r\.json: cannot write the report/, /EROFS/);
    expect(readdirSync(m)).toEqual([]);
  }, 60_000);
});

describe('other file-system shapes', () => {
  it('letters --out-dir whose parent is a file: exit 2 naming the path', async () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    const r = await edvetAsync(['letters', '--catalog', CAT, '--as-of', '2026-11-23', '--out-dir', 'plain-file/letters'], { cwd: dir });
    expectInputError(r, /plain-file/, /a part of this path is a file|a file is in the way/);
  }, 30_000);

  it('import --out-dir whose parent is a file: exit 2 naming the path', async () => {
    writeFileSync(join(dir, 'plain-file-2'), 'x');
    const r = await edvetAsync(['import', join(ROOT, 'fixtures/import/sas-extended.csv'), '--out-dir', 'plain-file-2/drafts'], { cwd: dir });
    expectInputError(r, /plain-file-2(\/drafts)?: a file is in the way: cannot create a folder here/, /error/);
  }, 30_000);

  it('init where a dangling symbolic link sits: "already exists", the link untouched', async () => {
    const d = join(dir, 'init-link');
    mkdirSync(d);
    symlinkSync('/nonexistent/edvet-target', join(d, 'edvet.policy.yaml'));
    const r = await edvetAsync(['init', d], { cwd: dir });
    expectInputError(r, /init-link\/edvet\.policy\.yaml: already exists/, /never overwrites/);
    expect(readdirSync(d)).toEqual(['edvet.policy.yaml']);
  });

  it('init into a fresh folder still works', async () => {
    const r = await edvetAsync(['init', 'fresh'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'fresh')).sort()).toEqual(['.github', 'catalog', 'edvet.policy.yaml']);
  });
});
