import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EdvetError } from '../../../src/model/errors.js';
import { looksLikeBomlessUtf16, readTextChunks } from '../../../src/load/csv/source.js';

const dir = mkdtempSync(join(tmpdir(), 'edvet-source-'));
function file(name: string, bytes: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
async function text(path: string, chunkSize?: number): Promise<{ text: string; encoding: string; gzip: boolean }> {
  const chunks: Buffer[] = [];
  const info = await readTextChunks(path, { file: 'x.csv', chunkSize, onChunk: (c) => chunks.push(Buffer.from(c)) });
  return { text: Buffer.concat(chunks).toString('utf8'), encoding: info.encoding, gzip: info.gzip };
}
async function refusal(path: string): Promise<EdvetError> {
  try {
    await text(path);
  } catch (e) {
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    return e as EdvetError;
  }
  throw new Error('expected a refusal');
}

const SAMPLE = 'a,b\nCafé,漢字 🎒\n';

describe('readTextChunks', () => {
  it('passes UTF-8 through and drops a UTF-8 BOM', async () => {
    expect(await text(file('plain.csv', SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8', gzip: false });
    expect(await text(file('bom.csv', `\uFEFF${SAMPLE}`))).toEqual({ text: SAMPLE, encoding: 'utf-8-bom', gzip: false });
  });

  it('decodes UTF-16 LE and BE with a BOM, whatever the chunk size', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE.repeat(500), 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const size of [1, 3, 4096, 65536]) {
      expect(await text(file('le.csv', le), size)).toEqual({ text: SAMPLE.repeat(500), encoding: 'utf-16le', gzip: false });
      expect(await text(file('be.csv', be), size)).toEqual({ text: SAMPLE.repeat(500), encoding: 'utf-16be', gzip: false });
    }
  });

  it('decompresses gzip as a stream, by its magic bytes', async () => {
    const big = SAMPLE.repeat(20_000);
    expect(await text(file('g.csv.gz', gzipSync(big)))).toEqual({ text: big, encoding: 'utf-8', gzip: true });
    expect(await text(file('g-no-ext.csv', gzipSync(`\uFEFF${SAMPLE}`)))).toEqual({ text: SAMPLE, encoding: 'utf-8-bom', gzip: true });
  });

  it('leaves invalid UTF-8 to the record reader', async () => {
    const latin1 = Buffer.from('a,b\n1,\xa9\n', 'latin1');
    const chunks: Buffer[] = [];
    await readTextChunks(file('latin1.csv', latin1), { file: 'x', onChunk: (c) => chunks.push(Buffer.from(c)) });
    expect(Buffer.concat(chunks)).toEqual(latin1);
  });

  it('reports progress up to the file size', async () => {
    const p = file('progress.csv', 'x'.repeat(300_000));
    const seen: number[] = [];
    await readTextChunks(p, { file: 'x', chunkSize: 65536, onChunk: () => {}, onProgress: (read, total) => seen.push(read, total) });
    expect(seen.at(-2)).toBe(300_000);
    expect(seen.at(-1)).toBe(300_000);
  });

  it('refuses UTF-16 without a BOM', async () => {
    const err = await refusal(file('nobom.csv', Buffer.from(SAMPLE.repeat(3), 'utf16le')));
    expect(err.message).toMatch(/^x\.csv: looks like UTF-16 text without a byte-order mark/);
    const be = Buffer.from(SAMPLE.repeat(3), 'utf16le');
    be.swap16();
    await refusal(file('nobom-be.csv', be));
  });

  it('tells a stray NUL from UTF-16', () => {
    expect(looksLikeBomlessUtf16(Buffer.from('a,b,c\n\u0000,2,3\n'))).toBe(false);
    expect(looksLikeBomlessUtf16(Buffer.from('a,b,c\n', 'utf16le'))).toBe(true);
  });

  it('a zero-filled tail is no evidence of UTF-16: the text before it decides', async () => {
    // A valid export whose last 64 KiB are zeros (a padded disk block, a copy cut short).
    const tail = Buffer.concat([Buffer.from(SAMPLE), Buffer.alloc(64 * 1024)]);
    expect(looksLikeBomlessUtf16(tail.subarray(0, 4096))).toBe(false);
    expect(looksLikeBomlessUtf16(Buffer.alloc(4096))).toBe(false);
    // UTF-16 text followed by zeros is still UTF-16.
    expect(looksLikeBomlessUtf16(Buffer.concat([Buffer.from(SAMPLE.repeat(3), 'utf16le'), Buffer.alloc(4096)]))).toBe(true);
    const read = await text(file('tail.csv', tail));
    expect(read.encoding).toBe('utf-8');
    expect(read.text).toBe(tail.toString('utf8'));
  });

  it('refuses a ZIP (an Excel workbook), a corrupt gzip, a missing file, a folder', async () => {
    expect((await refusal(file('book.xlsx.csv', Buffer.from('PK\u0003\u0004rest of a zip file')))).message).toContain('ZIP');
    const gz = gzipSync(SAMPLE.repeat(1000));
    expect((await refusal(file('cut.csv.gz', gz.subarray(0, gz.length - 30)))).message).toContain('gzip');
    expect((await refusal(join(dir, 'missing.csv'))).message).toBe('x.csv: no such file');
    expect((await refusal(dir)).message).toBe('x.csv: is a folder, not a file');
  });
});

describe('readTextChunks on a source that cannot seek (a FIFO, process substitution, /dev/stdin)', () => {
  /** A FIFO fed by a child process writing `bytes`, as `<(cat x)` is. */
  function fifoOf(name: string, bytes: Buffer): string {
    const src = file(`${name}.src`, bytes);
    const fifo = join(dir, name);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', src, fifo], { stdio: 'ignore' });
    return fifo;
  }

  it('streams plain text, gzip and UTF-16 with a BOM from a FIFO (no positioned read: no ESPIPE)', async () => {
    const big = SAMPLE.repeat(20_000);
    expect(await text(fifoOf('plain.fifo', Buffer.from(big)), 4096)).toEqual({ text: big, encoding: 'utf-8', gzip: false });
    expect(await text(fifoOf('gz.fifo', gzipSync(big)))).toEqual({ text: big, encoding: 'utf-8', gzip: true });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    expect(await text(fifoOf('le.fifo', le), 1)).toEqual({ text: SAMPLE, encoding: 'utf-16le', gzip: false });
  });

  it('an empty pipe gives no text; a cut gzip stream and UTF-16 without a BOM are refused as from a file', async () => {
    expect(await text(fifoOf('empty.fifo', Buffer.alloc(0)))).toEqual({ text: '', encoding: 'utf-8', gzip: false });
    const gz = gzipSync(SAMPLE.repeat(1000));
    expect((await refusal(fifoOf('cut.fifo', gz.subarray(0, gz.length - 30)))).message).toContain('not a valid gzip file');
    expect((await refusal(fifoOf('nobom.fifo', Buffer.from(SAMPLE.repeat(3), 'utf16le')))).message).toMatch(/UTF-16 text without a byte-order mark/);
  });

  it('refuses a socket by name', async () => {
    const sock = join(dir, 's.sock');
    const server = createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    try {
      expect((await refusal(sock)).message).toMatch(/^x\.csv: this is a socket; edvet reads a usage export from a file, a named pipe \(FIFO\) or a device/);
    } finally {
      server.close();
    }
  });
});
