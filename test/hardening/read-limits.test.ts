/**
 * What edvet will not read (issue 16 item 6; docs/errors.md "Limits"): every file it reads whole must be a
 * regular file under the limit of its kind. FIFOs (never opened: a FIFO's open would wait for a writer for
 * ever), character devices (/dev/null stands in for /dev/zero: edvet decides from `stat`, before opening),
 * and oversized files (sparse, so the test writes nothing big) end at once with exit 2 naming the file and
 * the limit. SIGINT and SIGTERM end even a long synchronous step within a second.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSize, READ_LIMITS, readFileBytes } from '../../src/load/files.js';
import { EdvetError } from '../../src/model/errors.js';
import { BIN, edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

let d: string;
const P = ['--policy', 'edvet.policy.yaml'];
const USAGE = ['--usage', 'usage/edvet-signins.csv'];

function fifo(path: string): string {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}
/** A sparse file of `bytes` (no disk used): edvet must refuse it from its size alone. */
function sparse(path: string, bytes: number): string {
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
}

beforeAll(async () => {
  await ensureBinary();
  d = tempDir('edvet-reads-');
  cpSync(join(ROOT, 'fixtures/privacy'), d, { recursive: true });
  fifo(join(d, 'in.fifo'));
  mkdirSync(join(d, 'one-fifo'));
  cpSync(join(d, 'roster/oneroster'), join(d, 'one-fifo'), { recursive: true });
  rmSync(join(d, 'one-fifo/users.csv'));
  fifo(join(d, 'one-fifo/users.csv'));
}, 120_000);
afterAll(() => rmSync(d, { recursive: true, force: true }));

/** Run in the copied fixture; a hang is cut at 15 s and fails the status check. */
const run = (args: string[]) => edvetAsync(args, { cwd: d, timeoutMs: 15_000 });

function expectRefused(r: Awaited<ReturnType<typeof run>>, file: RegExp, what: RegExp): void {
  expect(r.signal, `hung: ${r.args.join(' ')}`).toBeNull();
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(file);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error/);
}

describe('FIFOs are refused without being opened', () => {
  const FIFO = /this is a named pipe \(FIFO\), not a regular file/;
  it('--policy', async () => expectRefused(await run(['vet', 'catalog', '--policy', 'in.fifo']), /in\.fifo/, FIFO));
  it('--baseline', async () => expectRefused(await run(['vet', 'catalog', ...P, '--baseline', 'in.fifo']), /in\.fifo/, FIFO));
  it('--roster (a simple roster)', async () => expectRefused(await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', 'in.fifo']), /in\.fifo/, FIFO));
  it('users.csv in a OneRoster folder', async () => expectRefused(await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', 'one-fifo']), /users\.csv/, FIFO));
  it('a manifest given as a path', async () => expectRefused(await run(['vet', 'in.fifo', ...P]), /in\.fifo/, FIFO));
  it('a symlink in the catalog folder to a FIFO', async () => {
    const cat = join(d, 'cat-link');
    cpSync(join(d, 'catalog'), cat, { recursive: true });
    symlinkSync('../in.fifo', join(cat, 'zz.yaml'));
    expectRefused(await run(['vet', 'cat-link', ...P]), /zz\.yaml/, FIFO);
  });
  it('accessibility.openacr naming a FIFO', async () => {
    const cat = join(d, 'cat-acr');
    mkdirSync(cat);
    fifo(join(cat, 'acr.fifo'));
    writeFileSync(join(cat, 'a.yaml'), 'id: a\nname: A\nvendor: V\ncategory: core\naccessibility:\n  openacr: acr.fifo\n');
    expectRefused(await run(['vet', 'cat-acr', ...P]), /acr\.fifo/, FIFO);
  });
});

describe('character devices are refused from stat alone (/dev/null as the stand-in for /dev/zero)', () => {
  const DEV = /this is a character device, not a regular file/;
  it('--policy', async () => expectRefused(await run(['vet', 'catalog', '--policy', '/dev/null']), /dev\/null/, DEV));
  it('--baseline', async () => expectRefused(await run(['vet', 'catalog', ...P, '--baseline', '/dev/null']), /dev\/null/, DEV));
  it('--roster', async () => expectRefused(await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', '/dev/null']), /dev\/null/, DEV));
  it('a manifest', async () => expectRefused(await run(['vet', '/dev/null', ...P]), /dev\/null/, DEV));
});

describe('files over the limit of their kind: exit 2 naming the file and the limit', () => {
  const TOO = (limit: number) => new RegExp(`too large .*edvet reads at most ${formatSize(limit).replace('.', '\\.')}`);
  it('a manifest', async () => {
    const cat = join(d, 'cat-big');
    mkdirSync(cat);
    sparse(join(cat, 'big.yaml'), READ_LIMITS.manifest + 1);
    expectRefused(await run(['vet', 'cat-big', ...P]), /big\.yaml/, TOO(READ_LIMITS.manifest));
  });
  it('the policy', async () => expectRefused(await run(['vet', 'catalog', '--policy', sparse(join(d, 'big-policy.yaml'), READ_LIMITS.policy + 1)]), /big-policy\.yaml/, TOO(READ_LIMITS.policy)));
  it('an OpenACR report', async () => {
    const cat = join(d, 'cat-bigacr');
    mkdirSync(cat);
    sparse(join(cat, 'acr.yaml'), READ_LIMITS.acr + 1);
    writeFileSync(join(cat, 'a.yaml'), 'id: a\nname: A\nvendor: V\ncategory: core\naccessibility:\n  openacr: acr.yaml\n');
    expectRefused(await run(['vet', 'cat-bigacr', ...P]), /acr\.yaml/, TOO(READ_LIMITS.acr));
  });
  it('a baseline', async () => expectRefused(await run(['vet', 'catalog', ...P, '--baseline', sparse(join(d, 'big.json'), READ_LIMITS.baseline + 1)]), /big\.json/, TOO(READ_LIMITS.baseline)));
  it('a roster file', async () => expectRefused(await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', sparse(join(d, 'big-roster.csv'), READ_LIMITS.roster + 1)]), /big-roster\.csv/, TOO(READ_LIMITS.roster)));
  it('a roster line over the line limit (one 2 MiB line of commas)', async () => {
    writeFileSync(join(d, 'long-line.csv'), `user_id,role\n${','.repeat(2 * 1024 * 1024)}\nu1,student\n`);
    const r = await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', 'long-line.csv']);
    expectRefused(r, /long-line\.csv:2:/, /longer than 1 MiB/);
  });
  it('a quoted roster record running past the line limit', async () => {
    writeFileSync(join(d, 'long-quote.csv'), `user_id,role\n"${'a\n'.repeat(700 * 1024)}",student\n`);
    const r = await run(['audit', '--catalog', 'catalog', ...P, ...USAGE, '--roster', 'long-quote.csv']);
    expectRefused(r, /long-quote\.csv/, /longer than 1 MiB|more than 1 MiB/);
  });
});

describe('in process', () => {
  it('readFileBytes reads a file at the limit and refuses one byte more', () => {
    const f = join(d, 'exact.bin');
    writeFileSync(f, Buffer.alloc(1000, 0x61));
    expect(readFileBytes(f, 'exact.bin', 'a test file', 1000).length).toBe(1000);
    try {
      readFileBytes(f, 'exact.bin', 'a test file', 999);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EdvetError);
      expect((e as EdvetError).problems[0].file).toBe('exact.bin');
    }
  });
});

describe('SIGINT and SIGTERM end a long synchronous step within a second', () => {
  beforeAll(() => {
    // ~1.9 MB under the manifest limit whose 88,000 wrong aliases keep validation busy for seconds.
    const lines = ['id: slow', 'name: Slow', 'vendor: V', 'category: core', 'usage:', '  aliases:'];
    for (let i = 0; i < 88_000; i++) lines.push(`    - {a: alias${i}}`);
    writeFileSync(join(d, 'slow.yaml'), `${lines.join('\n')}\n`);
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    it(sig, async () => {
      const child = spawn(process.execPath, [BIN, 'validate', 'slow.yaml'], { cwd: d, stdio: 'ignore' });
      let exited = false;
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((ok) =>
        child.on('exit', (code, signal) => {
          exited = true;
          ok({ code, signal, at: Date.now() });
        }),
      );
      await new Promise((ok) => setTimeout(ok, 1500));
      expect(exited, 'the run finished before the signal: the test proves nothing').toBe(false);
      const sent = Date.now();
      child.kill(sig);
      const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const r = await done;
      clearTimeout(guard);
      expect(r.signal === sig || r.code === (sig === 'SIGINT' ? 130 : 143), JSON.stringify(r)).toBe(true);
      expect(r.at - sent).toBeLessThan(1000);
    }, 20_000);
  }
});
