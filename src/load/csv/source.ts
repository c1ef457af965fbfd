/**
 * Opens a text file as a stream of UTF-8 chunks (usage.md "Reading rules"):
 * gzip is decompressed as a stream (recognised by its magic bytes), a UTF-8
 * BOM is dropped, UTF-16 LE/BE with a BOM is decoded to UTF-8, UTF-16 without
 * a BOM (text full of NUL bytes) is refused with a clear error. Anything else
 * is passed through as UTF-8; invalid bytes are left for the record reader to
 * count as bad rows.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { inputError } from '../../model/errors.js';

/** The encoding a file was read with. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** What {@link readTextChunks} found out about a file. */
export interface TextSourceInfo {
  encoding: TextEncodingName;
  gzip: boolean;
  /** Size of the file on disk (compressed size for gzip). */
  totalBytes: number;
}

/** Options of {@link readTextChunks}. */
export interface TextChunkOptions {
  /** How the file is named in errors. */
  file: string;
  /** Receives UTF-8 bytes, in order. */
  onChunk(chunk: Buffer): void;
  /** Called after each chunk with bytes read from disk so far and the file size. */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Read size (default 1 MiB). */
  chunkSize?: number;
}

const SNIFF_BYTES = 4096;

function fsMessage(err: unknown): string {
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot read the file (${code ?? 'I/O error'})`;
  }
}

/**
 * True when `head` looks like UTF-16 text without a byte-order mark: most
 * two-byte units that hold a character have a NUL in the same half (ASCII
 * text in UTF-16 is one NUL and one letter per unit). A unit of two NULs is
 * no evidence either way, so a valid export followed by a zero-filled tail
 * (a disk block padded with zeros, a copy cut short) is UTF-8 whose NUL run
 * the record reader counts as a bad row; a file of NULs alone is not UTF-16
 * either (its header row "cannot be read (NUL byte)").
 */
export function looksLikeBomlessUtf16(head: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  let units = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    const a = head[i];
    const b = head[i + 1];
    if (a === 0 && b === 0) continue;
    units++;
    if (a === 0) even++;
    else if (b === 0) odd++;
  }
  const most = Math.max(even, odd);
  return most >= 2 && most >= units * 0.4;
}

/** Converts raw chunks to UTF-8 chunks once the encoding is known. */
class Decoder {
  encoding: TextEncodingName = 'utf-8';
  private head: Buffer | null = Buffer.alloc(0);
  private utf16: TextDecoder | null = null;
  constructor(
    private readonly file: string,
    private readonly out: (chunk: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.head !== null) {
      this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
      if (this.head.length < SNIFF_BYTES) return;
      this.sniff();
      return;
    }
    this.emit(chunk);
  }

  end(): void {
    if (this.head !== null) this.sniff();
    if (this.utf16 !== null) {
      const rest = this.utf16.decode();
      if (rest.length > 0) this.out(Buffer.from(rest, 'utf8'));
    }
  }

  private emit(chunk: Buffer): void {
    if (this.utf16 !== null) {
      const text = this.utf16.decode(chunk, { stream: true });
      if (text.length > 0) this.out(Buffer.from(text, 'utf8'));
    } else if (chunk.length > 0) {
      this.out(chunk);
    }
  }

  private sniff(): void {
    const head = this.head!;
    this.head = null;
    if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      this.encoding = 'utf-8-bom';
      this.emit(head.subarray(3));
      return;
    }
    if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
      this.encoding = 'utf-16le';
      this.utf16 = new TextDecoder('utf-16le');
      this.emit(head);
      return;
    }
    if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) {
      this.encoding = 'utf-16be';
      this.utf16 = new TextDecoder('utf-16be');
      this.emit(head);
      return;
    }
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4) {
      throw inputError({ file: this.file, message: 'this is a ZIP archive (an Excel workbook?), not CSV text: export it as CSV' });
    }
    if (looksLikeBomlessUtf16(head.subarray(0, SNIFF_BYTES))) {
      throw inputError({
        file: this.file,
        message: 'looks like UTF-16 text without a byte-order mark (NUL bytes between the characters): save it as UTF-8, or as UTF-16 with a BOM',
      });
    }
    this.emit(head);
  }
}

/**
 * The chunks of a stream with the first `head` bytes put back in front: the
 * gzip magic of a pipe is learnt by reading it, and a pipe cannot be re-read.
 */
async function* withHead(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

/**
 * Streams `path` as UTF-8 chunks to `opts.onChunk`, in one pass and constant
 * memory. A regular file is sniffed for gzip by a positioned read and then
 * streamed; anything else edvet may stream (a FIFO such as `--usage <(zcat
 * x.gz)`, `/dev/stdin`, a character device) is read once from its start, the
 * gzip magic taken from its first bytes, since such a source cannot seek
 * (a positioned read fails with ESPIPE). Memory stays bounded either way: the
 * record reader holds at most one line or quoted field (its own limits).
 * Errors (missing file, bad gzip, UTF-16 without BOM) are input errors naming
 * `opts.file`.
 */
export async function readTextChunks(path: string, opts: TextChunkOptions): Promise<TextSourceInfo> {
  const file = opts.file;
  let totalBytes: number;
  let seekable: boolean;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw inputError({ file, message: 'is a folder, not a file' });
    if (st.isSocket()) throw inputError({ file, message: 'this is a socket; edvet reads a usage export from a file, a named pipe (FIFO) or a device: save it to a file first' });
    seekable = st.isFile();
    totalBytes = seekable ? st.size : 0;
  } catch (err) {
    if ((err as { kind?: string }).kind !== undefined) throw err;
    throw inputError({ file, message: fsMessage(err) });
  }
  let gzip = false;
  if (seekable) {
    try {
      const fh = await open(path, 'r');
      try {
        const magic = Buffer.alloc(2);
        const { bytesRead } = await fh.read(magic, 0, 2, 0);
        gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
      } finally {
        await fh.close();
      }
    } catch (err) {
      throw inputError({ file, message: fsMessage(err) });
    }
  }

  const chunkSize = opts.chunkSize ?? 1024 * 1024;
  const raw = createReadStream(path, { highWaterMark: chunkSize });
  let plain: AsyncIterable<Buffer> = raw;
  if (!seekable) {
    // Learn the magic from the stream itself, then hand on every byte read.
    const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let head: Buffer = Buffer.alloc(0);
    try {
      while (head.length < 2) {
        const r = await it.next();
        if (r.done) break;
        head = head.length === 0 ? r.value : Buffer.concat([head, r.value]);
      }
    } catch (err) {
      raw.destroy();
      throw inputError({ file, message: fsMessage(err) });
    }
    gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    plain = withHead(head, it);
  }
  let source: AsyncIterable<Buffer> = plain;
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: Math.max(64 * 1024, Math.min(chunkSize, 1024 * 1024)) });
    raw.on('error', (e) => gunzip.destroy(e));
    if (seekable) raw.pipe(gunzip);
    else Readable.from(plain).on('error', (e) => gunzip.destroy(e)).pipe(gunzip);
    source = gunzip;
  }
  const decoder = new Decoder(file, opts.onChunk);
  try {
    for await (const chunk of source) {
      decoder.push(chunk as Buffer);
      if (opts.onProgress) opts.onProgress(raw.bytesRead, seekable ? totalBytes : raw.bytesRead);
    }
  } catch (err) {
    raw.destroy();
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || (err as { kind?: string }).kind !== undefined) throw err;
    if (gzip && code.startsWith('Z_')) throw inputError({ file, message: 'not a valid gzip file (corrupt or truncated)' });
    throw inputError({ file, message: fsMessage(err) });
  }
  decoder.end();
  return { encoding: decoder.encoding, gzip, totalBytes: seekable ? totalBytes : raw.bytesRead };
}
