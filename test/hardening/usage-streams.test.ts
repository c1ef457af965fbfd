/**
 * Usage exports that are not plain regular files (issue 16 items 6 and 9):
 * - a valid export whose tail is 64 KiB of zeros (a padded disk block, a copy
 *   cut short) keeps its good rows and counts the tail as a bad row ("NUL
 *   byte"), never "UTF-16 without a BOM";
 * - a usage export given as a FIFO, through process substitution
 *   (`--usage <(zcat x.gz)`) or as /dev/stdin is streamed once from its start
 *   (no positioned read, so no ESPIPE), plain or gzip, with the same figures
 *   as the file itself; a socket is refused by name.
 * FIFOs and sockets are made in a temp folder; nothing under the real /dev is
 * touched except reading the test's own /dev/stdin and /dev/fd.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

const POLICY = ['--policy', join(ROOT, 'fixtures/privacy/edvet.policy.yaml'), '--as-of', '2026-11-23'];
const CAT = ['--catalog', join(ROOT, 'fixtures/privacy/catalog'), ...POLICY, '--format', 'json'];
const EXPORT = join(ROOT, 'fixtures/privacy/usage/edvet-signins.csv');

let d = '';
const writers: ReturnType<typeof spawn>[] = [];
beforeAll(async () => {
  await ensureBinary();
  d = tempDir('edvet-streams-');
}, 120_000);
afterAll(() => {
  for (const w of writers) if (w.exitCode === null) w.kill();
  rmSync(d, { recursive: true, force: true });
});

interface InputJson {
  path: string;
  format: string;
  rows: number;
  used: number;
  bad: Record<string, number>;
  firstBad: { line: number; reason: string }[];
}
function inputsOf(stdout: string): InputJson[] {
  return (JSON.parse(stdout) as { inputs: InputJson[] }).inputs;
}
function clean(r: { status: number | null; signal: string | null; stderr: string }, status: number): void {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error|ESPIPE/);
}

/** What the export gives when read as a plain file: the figures every other source must equal. */
async function reference(): Promise<InputJson> {
  const r = await edvetAsync(['usage', ...CAT, '--usage', EXPORT]);
  clean(r, 1);
  return inputsOf(r.stdout)[0];
}

describe('a zero-filled tail', () => {
  it('is counted as a bad row; the good rows before it are used', async () => {
    const ref = await reference();
    const p = join(d, 'tail.csv');
    const text = readFileSync(EXPORT);
    writeFileSync(p, Buffer.concat([text, Buffer.alloc(64 * 1024)]));
    const r = await edvetAsync(['usage', ...CAT, '--usage', p]);
    clean(r, 1);
    expect(r.stderr).not.toMatch(/UTF-16/);
    const [input] = inputsOf(r.stdout);
    expect(input.format).toBe('edvet');
    expect(input.used).toBe(ref.used);
    expect(input.rows).toBe(ref.rows + 1);
    expect(input.bad['NUL byte']).toBe(1);
    const lines = text.toString('utf8').split('\n').length; // the tail starts on the line after the last line feed
    expect(input.firstBad.at(-1)).toEqual({ line: lines, reason: 'NUL byte' });
    expect(r.stderr).toMatch(/tail\.csv: \d+ rows could not be read \(.*NUL byte: 1\)/);
  });

  it('also without a final line feed before the zeros, and also when the tail is most of the first 4 KiB', async () => {
    const ref = await reference();
    const text = readFileSync(EXPORT).toString('utf8').trimEnd();
    const p = join(d, 'tail-no-lf.csv');
    writeFileSync(p, Buffer.concat([Buffer.from(text), Buffer.alloc(64 * 1024)]));
    const r = await edvetAsync(['usage', ...CAT, '--usage', p]);
    clean(r, 1);
    const [input] = inputsOf(r.stdout);
    // The last row and the zeros are one line now: that row is lost to the NUL bytes, counted.
    expect(input.rows).toBe(ref.rows);
    expect(input.bad['NUL byte']).toBe(1);
  });

  it('a file of zeros alone is not called UTF-16: its header row cannot be read', async () => {
    const p = join(d, 'zeros.csv');
    writeFileSync(p, Buffer.alloc(64 * 1024));
    const r = await edvetAsync(['usage', ...CAT, '--usage', p]);
    clean(r, 2);
    expect(r.stderr).toMatch(/zeros\.csv:1: the header row cannot be read \(NUL byte\): is this a CSV text file\?/);
  });
});

describe('usage exports that cannot seek', () => {
  /** A FIFO that `sh` fills with `bytes` once edvet opens it. */
  function fifoWith(name: string, bytes: Buffer): string {
    const src = join(d, `${name}.src`);
    writeFileSync(src, bytes);
    const fifo = join(d, name);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', src, fifo], { stdio: 'ignore' });
    writers.push(writer);
    return fifo;
  }

  it('a FIFO, plain and gzip: the same figures as the file', async () => {
    const ref = await reference();
    for (const [name, bytes] of [
      ['plain.fifo', readFileSync(EXPORT)],
      ['gzip.fifo', gzipSync(readFileSync(EXPORT))],
    ] as const) {
      const r = await edvetAsync(['usage', ...CAT, '--usage', fifoWith(name, bytes)], { timeoutMs: 20_000 });
      clean(r, 1);
      const [input] = inputsOf(r.stdout);
      expect({ ...input, path: '' }).toEqual({ ...ref, path: '' });
    }
  });

  it('process substitution `--usage <(gzip -c x)`, as a shell user writes it', async () => {
    const ref = await reference();
    const cmd = `"${process.execPath}" "${BIN}" usage ${CAT.map((a) => `'${a}'`).join(' ')} --usage <(gzip -c '${EXPORT}')`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
    expect(r.stderr).not.toMatch(/ESPIPE|internal error/);
    expect(r.status, r.stderr).toBe(1);
    const [input] = inputsOf(r.stdout);
    expect(input.used).toBe(ref.used);
    expect(input.bad).toEqual(ref.bad);
  });

  it('/dev/stdin fed by a shell pipe (`zcat x.gz | edvet usage … --usage /dev/stdin`)', async () => {
    const ref = await reference();
    const gz = join(d, 'stdin.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(EXPORT)));
    const cmd = `gzip -dc '${gz}' | "${process.execPath}" "${BIN}" usage ${CAT.map((a) => `'${a}'`).join(' ')} --usage /dev/stdin`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000 });
    expect(r.stderr).not.toMatch(/ESPIPE|internal error/);
    expect(r.status, r.stderr).toBe(1);
    expect(inputsOf(r.stdout)[0].used).toBe(ref.used);
  });

  it('an empty FIFO is an empty export; a cut gzip stream is not valid gzip', async () => {
    const empty = await edvetAsync(['usage', ...CAT, '--usage', fifoWith('empty.fifo', Buffer.alloc(0))], { timeoutMs: 20_000 });
    clean(empty, 2);
    expect(empty.stderr).toMatch(/empty\.fifo: the file is empty \(no header row\)/);
    const gz = gzipSync(readFileSync(EXPORT));
    const cut = await edvetAsync(['usage', ...CAT, '--usage', fifoWith('cut.fifo', gz.subarray(0, gz.length - 20))], { timeoutMs: 20_000 });
    clean(cut, 2);
    expect(cut.stderr).toMatch(/cut\.fifo: not a valid gzip file \(corrupt or truncated\)/);
  });

  it('a socket is refused by name', async () => {
    const sock = join(d, 'u.sock');
    const server = createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      const r = await edvetAsync(['usage', ...CAT, '--usage', sock], { timeoutMs: 20_000 });
      clean(r, 2);
      expect(r.stderr).toMatch(/u\.sock: this is a socket; edvet reads a usage export from a file, a named pipe \(FIFO\) or a device: save it to a file first/);
    } finally {
      server.close();
    }
  });
});
