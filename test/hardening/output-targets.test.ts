/**
 * Where a report goes (quality.md "Bad input": nothing lost; issue 16 items 1 and 2):
 * - a failed or short write, or a failing fsync or rename, is exit 2 naming the file and the cause, the old
 *   file stays byte for byte, and no temp file is left (injected between the write and the rename, in process);
 * - on a really full disk (a 64 KiB tmpfs, root only) the same holds end to end;
 * - `--output` onto a character device (/dev/null), a FIFO or /dev/stdout writes to it directly and never
 *   replaces it; a symbolic link is followed and its target replaced in the target's folder, the link kept;
 * - a socket, a symlink to an input, a FIFO or a planted link at a letter's path are handled without harm.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setWriteFs, writeAtomic, writeOutputFile } from '../../src/commands/write.js';
import { EdvetError } from '../../src/model/errors.js';
import { edvetAsync, ensureBinary, ROOT, tempDir } from './helpers.js';

const AUDIT = ['audit', '--demo', '--format', 'json', '--as-of', '2026-11-23', '--quiet'];
const OLD = '{"old": "the complete previous report"}\n';
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeAll(async () => {
  await ensureBinary();
  dir = tempDir('edvet-outputs-');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh folder holding an old report `r.json`. */
function withOld(name: string): { d: string; file: string } {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  const file = join(d, 'r.json');
  writeFileSync(file, OLD);
  return { d, file };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code, syscall: 'write' });
}

/** The input error `fn` throws (fails the test when it throws nothing or something else). */
function inputErrorOf(fn: () => void): EdvetError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return e as EdvetError;
  }
  throw new Error('expected an input error');
}

describe('a failure between the write and the rename (injected): exit-2 error, old file kept, no temp file', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  const cases: { name: string; over: Parameters<typeof setWriteFs>[0]; code: RegExp }[] = [
    { name: 'the disk fills up during the write (ENOSPC)', over: { writeSync: () => { throw errno('ENOSPC'); } }, code: /ENOSPC/ },
    { name: 'a short write (the system writes part and then nothing)', over: { writeSync: (_fd, _b, off) => (off === 0 ? 100 : 0) }, code: /stopped after 100 of \d+ bytes/ },
    { name: 'fsync fails (EIO)', over: { fsyncSync: () => { throw errno('EIO'); } }, code: /EIO/ },
    { name: 'close fails (EDQUOT, as NFS reports a quota late)', over: { closeSync: () => { throw errno('EDQUOT'); } }, code: /EDQUOT/ },
    { name: 'the rename fails (EROFS)', over: { renameSync: () => { throw errno('EROFS'); } }, code: /EROFS/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { d, file } = withOld(`inject-${cases.indexOf(c)}`);
      let wrote = 0;
      const realWrite = c.over.writeSync;
      restore = setWriteFs({
        ...c.over,
        ...(realWrite ? { writeSync: (fd, b, o, l) => { wrote++; return realWrite(fd, b, o, l); } } : {}),
      });
      const err = inputErrorOf(() => writeOutputFile('r.json', 'x'.repeat(5000), d));
      expect(err.problems).toHaveLength(1);
      expect(err.problems[0].file).toBe('r.json');
      expect(err.problems[0].message).toMatch(c.code);
      expect(err.problems[0].message).toMatch(/old report is unchanged/);
      expect(readFileSync(file, 'utf8')).toBe(OLD);
      expect(readdirSync(d)).toEqual(['r.json']);
      if (realWrite) expect(wrote).toBeGreaterThan(0);
    });
  }

  it('a letter or starter file fails the same way (and names the letter)', () => {
    const d = join(dir, 'inject-letter');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'v--p.md'), 'old letter');
    restore = setWriteFs({ fsyncSync: () => { throw errno('ENOSPC'); } });
    const err = inputErrorOf(() => writeAtomic('v--p.md', 'new letter', d, 'letter'));
    expect(err.problems[0].message).toMatch(/cannot write the letter: .*ENOSPC.*old letter is unchanged/);
    expect(readFileSync(join(d, 'v--p.md'), 'utf8')).toBe('old letter');
    expect(readdirSync(d)).toEqual(['v--p.md']);
  });

  it('with the real calls the same write succeeds, fsynced and renamed, keeping the old file mode', () => {
    const { d, file } = withOld('inject-none');
    chmodSync(file, 0o600);
    const synced: number[] = [];
    restore = setWriteFs({ fsyncSync: (fd) => synced.push(fd) });
    writeOutputFile('r.json', 'new', d);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(synced).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['r.json']);
  });
});

describe('a really full disk (64 KiB tmpfs)', () => {
  const canMount = isRoot && spawnSync('mount', ['--version']).status === 0;
  it.skipIf(!canMount)('every format: exit 2 naming the file and ENOSPC, the old report unchanged, no temp file', async () => {
    const m = join(dir, 'tmpfs');
    mkdirSync(m, { recursive: true });
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', m]);
    if (mounted.status !== 0) {
      console.log(`skipped: cannot mount a tmpfs here (${mounted.stderr.toString().trim()})`);
      return;
    }
    try {
      writeFileSync(join(m, 'filler'), Buffer.alloc(40 * 1024, 1));
      writeFileSync(join(m, 'r.json'), OLD);
      for (const format of ['json', 'html', 'sarif']) {
        const r = await edvetAsync(['audit', '--demo', '--format', format, '--as-of', '2026-11-23', '--quiet', '--output', join(m, 'r.json')]);
        expect(r.status, `${format}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/r\.json: cannot write the report: the disk is full \(ENOSPC\)/);
        expect(readFileSync(join(m, 'r.json'), 'utf8')).toBe(OLD);
        expect(readdirSync(m).sort()).toEqual(['filler', 'r.json']);
      }
    } finally {
      spawnSync('umount', [m]);
    }
  }, 120_000);
});

describe('--output onto devices, FIFOs, stdout and symbolic links', () => {
  let fresh = '';
  beforeAll(async () => {
    const r = await edvetAsync(AUDIT);
    expect([0, 1], r.stderr).toContain(r.status);
    fresh = r.stdout;
    expect(fresh.length).toBeGreaterThan(10_000);
  }, 60_000);

  it('/dev/null stays the character device it was', async () => {
    const before = statSync('/dev/null');
    expect(before.isCharacterDevice()).toBe(true);
    const r = await edvetAsync([...AUDIT, '--output', '/dev/null']);
    expect([0, 1], r.stderr).toContain(r.status);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
  });

  it('/dev/stdout (and a symlink to /proc/self/fd/1) into a pipe: the whole report on stdout', async () => {
    const r = await edvetAsync([...AUDIT, '--output', '/dev/stdout']);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stdout).toBe(fresh);
    const d = join(dir, 'fd-link');
    mkdirSync(d, { recursive: true });
    symlinkSync('/proc/self/fd/1', join(d, 'out.json'));
    const r2 = await edvetAsync([...AUDIT, '--output', join(d, 'out.json')]);
    expect([0, 1], r2.stderr).toContain(r2.status);
    expect(r2.stdout).toBe(fresh);
    expect(lstatSync(join(d, 'out.json')).isSymbolicLink()).toBe(true);
  });

  it('a FIFO gets the whole report and stays a FIFO', async () => {
    const d = join(dir, 'fifo');
    mkdirSync(d, { recursive: true });
    const fifo = join(d, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader (cat) opens the FIFO; edvet's open waits for it, as the shell's `>` does.
    const cat = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const got: Buffer[] = [];
    cat.stdout.on('data', (b: Buffer) => got.push(b));
    const catDone = new Promise((ok) => cat.on('close', ok));
    // A hang guard, not a timing: the demo audit takes seconds, more on a loaded machine.
    const r = await edvetAsync([...AUDIT, '--output', fifo], { timeoutMs: 90_000 });
    // An edvet that ended without opening the FIFO would leave cat waiting for a writer for ever.
    const release = setTimeout(() => cat.kill(), 10_000);
    await catDone;
    clearTimeout(release);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(Buffer.concat(got).toString('utf8')).toBe(fresh);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['report.fifo']);
  });

  it('a FIFO whose reader stops early: the run ends quietly, like `| head`', async () => {
    const d = join(dir, 'fifo-head');
    mkdirSync(d, { recursive: true });
    const fifo = join(d, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const head = spawn('head', ['-c', '10', fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const r = await edvetAsync([...AUDIT, '--output', fifo], { timeoutMs: 90_000 });
    head.kill();
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stderr).not.toMatch(/error/);
  });

  it('a symbolic link is followed: its target is replaced in its own folder, the link stays a link', async () => {
    const d = join(dir, 'link');
    mkdirSync(join(d, 'real'), { recursive: true });
    writeFileSync(join(d, 'real', 'r.json'), OLD);
    symlinkSync('real/r.json', join(d, 'link.json'));
    symlinkSync('link.json', join(d, 'link2.json'));
    const r = await edvetAsync([...AUDIT, '--output', join(d, 'link2.json')]);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(readlinkSync(join(d, 'link2.json'))).toBe('link.json');
    expect(readlinkSync(join(d, 'link.json'))).toBe('real/r.json');
    expect(readFileSync(join(d, 'real', 'r.json'), 'utf8')).toBe(fresh);
    expect(readdirSync(join(d, 'real'))).toEqual(['r.json']);
  });

  it('a dangling symbolic link: the report is created at its target, the link kept', async () => {
    const d = join(dir, 'dangling');
    mkdirSync(d, { recursive: true });
    symlinkSync('new.json', join(d, 'link.json'));
    const r = await edvetAsync([...AUDIT, '--output', join(d, 'link.json')]);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'new.json'), 'utf8')).toBe(fresh);
  });

  it('a symbolic link loop is exit 2 naming the path', async () => {
    const d = join(dir, 'loop');
    mkdirSync(d, { recursive: true });
    symlinkSync('b', join(d, 'a'));
    symlinkSync('a', join(d, 'b'));
    const r = await edvetAsync([...AUDIT, '--output', join(d, 'a')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a: too many symbolic links/);
  });

  it('a socket is refused (exit 2) and left in place', async () => {
    const d = join(dir, 'socket');
    mkdirSync(d, { recursive: true });
    const sock = join(d, 's.sock');
    const server = createServer();
    await new Promise<void>((ok) => server.listen(sock, ok));
    try {
      const r = await edvetAsync([...AUDIT, '--output', sock]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/s\.sock: this is a socket/);
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  it('a symbolic link whose target is an input is refused, the input untouched', async () => {
    const d = join(dir, 'link-input');
    mkdirSync(d, { recursive: true });
    const policy = join(d, 'policy.yaml');
    writeFileSync(policy, 'district: { name: Test }\n');
    symlinkSync(policy, join(d, 'out.json'));
    const r = await edvetAsync(['vet', join(ROOT, 'fixtures/privacy/catalog'), '--policy', policy, '--format', 'json', '--output', join(d, 'out.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--output would overwrite an input/);
    expect(readFileSync(policy, 'utf8')).toBe('district: { name: Test }\n');
  });
});

describe('letters: what is already at a letter path', () => {
  const CAT = join(ROOT, 'fixtures/demo-district/catalog');
  const run = (out: string, force = true) => edvetAsync(['letters', '--catalog', CAT, '--as-of', '2026-11-23', '--out-dir', out, ...(force ? ['--force'] : [])]);

  it('a planted symbolic link is replaced by the letter, never written through', async () => {
    const out = join(dir, 'letters-link');
    const first = await run(out, false);
    expect(first.status, first.stderr).toBe(0);
    const name = readdirSync(out).sort()[0];
    const victim = join(dir, 'letters-victim.txt');
    writeFileSync(victim, 'not a letter');
    rmSync(join(out, name));
    symlinkSync(victim, join(out, name));
    const r = await run(out);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('not a letter');
    expect(lstatSync(join(out, name)).isFile()).toBe(true);
  });

  it('a FIFO at a letter path is exit 2 and stays a FIFO (never opened)', async () => {
    const out = join(dir, 'letters-fifo');
    const first = await run(out, false);
    expect(first.status, first.stderr).toBe(0);
    const name = readdirSync(out).sort()[0];
    rmSync(join(out, name));
    expect(spawnSync('mkfifo', [join(out, name)]).status).toBe(0);
    const r = await run(out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${name}: this is a named pipe (FIFO)`);
    expect(lstatSync(join(out, name)).isFIFO()).toBe(true);
  }, 30_000);
});
