/**
 * Hostile input (quality.md "Hostile input"): nothing runs, nothing leaks,
 * nothing blows up. Fixtures in fixtures/hostile/; the big and binary files
 * are generated into a temp folder at run time (never committed).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/load/catalog.js';
import { loadOpenAcr } from '../../src/load/openacr.js';
import { loadPolicy } from '../../src/load/policy.js';
import { EdvetError } from '../../src/model/errors.js';
import { CHECK_NAMES, RULE_IDS } from '../../src/rules/index.js';
import { allFiles, edvetAsync, ensureBinary, pool, ROOT, STACK_FRAME, tempDir, type Run } from './helpers.js';

const H = 'fixtures/hostile';
let tmp: string;

beforeAll(async () => {
  await ensureBinary();
  tmp = tempDir('edvet-hostile-');
});

afterAll(() => {
  if (tmp && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
});

/** Exit 2, one readable error naming `file`, no stack trace, no internal error. */
function expectCleanError(r: Run, mentions?: RegExp): void {
  expect(r.status, `${r.args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).toMatch(/^edvet: error: /m);
  if (mentions) expect(r.stderr).toMatch(mentions);
}

/** Sync throw → the thrown value (or undefined). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

function heapMB(): number {
  return process.memoryUsage().heapUsed / 1e6;
}

// ---------------------------------------------------------------------------
describe('YAML alias bombs ("billion laughs") are refused, in bounded memory', () => {
  const cli: [string, string[]][] = [
    ['a manifest', ['vet', `${H}/alias-bomb/catalog-manifest.yaml`]],
    ['an OpenACR report a manifest names', ['vet', `${H}/alias-bomb/acr-catalog`]],
    ['the policy', ['vet', 'fixtures/privacy/catalog', '--policy', `${H}/alias-bomb/policy.yaml`]],
    ['one big string aliased 500 times', ['vet', `${H}/alias-bomb/quadratic.yaml`]],
    ['validate of a manifest', ['validate', `${H}/alias-bomb/catalog-manifest.yaml`]],
  ];
  it.each(cli)('the CLI refuses %s with exit 2 and a clear message', async (_name, args) => {
    const r = await edvetAsync(args);
    // `validate` prints its error list on stdout (it is the report) and a summary on stderr.
    if (args[0] === 'validate') {
      expect(r.status).toBe(2);
      expect(r.stdout).toMatch(/catalog-manifest\.yaml:\d+:\d+: too many YAML aliases .*alias bomb/);
      expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
    } else expectCleanError(r, /too many YAML aliases .*alias bomb/);
  });

  it('in process: loadCatalog refuses the manifest bomb under 64 MB of heap', () => {
    global.gc?.();
    const heap0 = heapMB();
    const e = thrown(() => loadCatalog([`${H}/alias-bomb/catalog-manifest.yaml`], ROOT));
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    expect((e as EdvetError).message).toMatch(/too many YAML aliases/);
    expect(heapMB() - heap0).toBeLessThan(64);
  });

  it('in process: loadPolicy and loadOpenAcr refuse their bombs under 64 MB of heap', () => {
    const heap0 = heapMB();
    const e1 = thrown(() => loadPolicy(`${H}/alias-bomb/policy.yaml`, ROOT, RULE_IDS, CHECK_NAMES));
    const e2 = thrown(() => loadOpenAcr(join(ROOT, `${H}/alias-bomb/bomb-acr.yaml`), 'bomb-acr.yaml'));
    expect(heapMB() - heap0).toBeLessThan(64);
    for (const e of [e1, e2]) {
      expect(e).toBeInstanceOf(EdvetError);
      expect((e as EdvetError).kind).toBe('input');
      expect((e as EdvetError).message).toMatch(/too many YAML aliases/);
    }
  });
});

// ---------------------------------------------------------------------------
describe('prototype pollution: __proto__, constructor, prototype keys are unknown fields', () => {
  it('every manifest variant is rejected, all errors in one run, each naming the key', async () => {
    const r = await edvetAsync(['validate', `${H}/proto/catalog`]);
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).not.toMatch(STACK_FRAME);
    const out = r.stdout;
    const expected: [string, RegExp][] = [
      ['top-proto.yaml', /top-proto\.yaml:\d+:\d+: unknown field `__proto__`/],
      ['quoted-proto.yaml', /quoted-proto\.yaml:\d+:\d+: unknown field `__proto__`/],
      ['nested-constructor.yaml', /nested-constructor\.yaml:\d+:\d+: unknown field `privacy\.constructor`/],
      ['nested-constructor.yaml', /nested-constructor\.yaml:\d+:\d+: unknown field `privacy\.constructor\.prototype`/],
      ['nested-prototype.yaml', /nested-prototype\.yaml:\d+:\d+: unknown field `mobile\.prototype`/],
      ['tagged-key.yaml', /tagged-key\.yaml:\d+:\d+: unknown field `constructor`/],
      ['in-list.yaml', /in-list\.yaml:\d+:\d+: unknown field `standards\.1\.__proto__`/],
      ['alias-key.yaml', /alias-key\.yaml:\d+:\d+: unknown field `__proto__`/],
    ];
    for (const [, re] of expected) expect(out).toMatch(re);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A `__proto__` key written as an alias (`owner: &k __proto__` then `*k : {...}`) is found by the forbidden-key scan at the key.
  it('the alias-key variant is located at the key', async () => {
    const r = await edvetAsync(['validate', `${H}/proto/catalog/alias-key.yaml`]);
    expect(r.stdout).toMatch(/alias-key\.yaml:40:1: unknown field `__proto__`/);
  });

  it.each(['top-proto.yaml', 'nested.yaml', 'waiver-proto.yaml', 'usage-format-proto.yaml'])('policy %s is rejected naming the key', async (f) => {
    const r = await edvetAsync(['validate', 'fixtures/privacy/catalog', '--policy', `${H}/proto/policy/${f}`]);
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/unknown field `([a-z_]+\.)*(\d+\.)?(__proto__|constructor|prototype)`/);
  });

  it('in process: the loaders throw input errors and Object.prototype stays clean', () => {
    const e = thrown(() => loadCatalog([`${H}/proto/catalog`], ROOT));
    expect(e).toBeInstanceOf(EdvetError);
    expect((e as EdvetError).kind).toBe('input');
    expect((e as EdvetError).problems.length).toBeGreaterThanOrEqual(8);
    for (const f of ['top-proto.yaml', 'nested.yaml', 'waiver-proto.yaml', 'usage-format-proto.yaml']) {
      const pe = thrown(() => loadPolicy(`${H}/proto/policy/${f}`, ROOT, RULE_IDS, CHECK_NAMES));
      expect(pe, f).toBeInstanceOf(EdvetError);
      expect((pe as EdvetError).kind).toBe('input');
    }
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});

// ---------------------------------------------------------------------------
/**
 * Formula, HTML, Markdown and terminal payloads in product and vendor names,
 * the vendor contact, the policy's district name, and in usage-export app
 * names (the unmatched-apps list): inert in every format of every command.
 */
describe('injection through names and app names is inert in every format', () => {
  const INJ = [`${H}/inject/catalog`];
  const POL = ['--policy', `${H}/inject/edvet.policy.yaml`, '--as-of', '2026-11-23'];
  const USE = ['--usage', `${H}/inject/usage`];
  const FORMATS: Record<string, string[]> = {
    vet: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
    audit: ['table', 'json', 'markdown', 'csv', 'junit', 'sarif', 'github', 'html'],
    usage: ['table', 'json', 'markdown', 'csv', 'html'],
    sunset: ['table', 'json', 'markdown', 'csv', 'html'],
  };
  const runs = new Map<string, Run>();
  const jobs: { key: string; args: string[] }[] = [];
  for (const [cmd, fmts] of Object.entries(FORMATS)) {
    for (const f of fmts) {
      const args = cmd === 'vet' ? ['vet', ...INJ, ...POL, '--format', f] : [cmd, '--catalog', ...INJ, ...POL, ...USE, '--format', f];
      jobs.push({ key: `${cmd} ${f}`, args });
    }
  }

  beforeAll(async () => {
    const out = await pool(jobs, 3, (j) => edvetAsync(j.args));
    jobs.forEach((j, i) => runs.set(j.key, out[i]));
  }, 120_000);

  const NEVER_RAW = /[\u0000\u0007\u001b\u009b]/;

  function findingsCount(cmd: string): number {
    const j = JSON.parse(runs.get(`${cmd} json`)!.stdout) as { products: { findings: { status: string }[] }[] };
    return j.products.flatMap((p) => p.findings).filter((f) => f.status === 'warn' || f.status === 'fail').length;
  }

  function checkMarkdownTables(text: string, where: string): void {
    const lines = text.split('\n');
    let cols = -1;
    for (const l of lines) {
      if (!l.startsWith('|')) {
        cols = -1;
        continue;
      }
      const n = l.replace(/\\\|/g, '').split('|').length;
      if (cols < 0) cols = n;
      else expect(n, `${where}: a table row with a different column count:\n${l}`).toBe(cols);
    }
  }

  for (const { key } of jobs) {
    const [cmd, fmt] = key.split(' ');
    it(`${cmd} --format ${fmt}`, () => {
      const r = runs.get(key)!;
      expect([0, 1], r.stderr).toContain(r.status);
      expect(r.stdout, 'no raw NUL, BEL or ESC').not.toMatch(NEVER_RAW);
      expect(r.stderr).not.toMatch(NEVER_RAW);
      if (fmt !== 'csv') expect(r.stdout, 'no carriage return that could overwrite a line').not.toMatch(/\r/);
      const out = r.stdout;
      switch (fmt) {
        case 'html': {
          expect(out).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'none'/);
          expect(out).not.toMatch(/<script/i);
          expect(out).not.toMatch(/<img/i);
          expect(out).not.toMatch(/<[^>]*\son\w+\s*=/i);
          // No network request: nothing loaded from elsewhere (links to a VPAT are fine, they are not fetched).
          expect(out).not.toMatch(/\ssrc="(https?:)?\/\//i);
          expect(out).not.toMatch(/<link[^>]+href="(https?:)?\/\//i);
          expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
          if (cmd !== 'vet') expect(out).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
          break;
        }
        case 'markdown': {
          expect(out).not.toMatch(/<script/i);
          expect(out).not.toMatch(/<img/i);
          checkMarkdownTables(out, key);
          expect(out.split('\n').filter((l) => /^c \| d/.test(l) || /^::error::/.test(l))).toEqual([]);
          break;
        }
        case 'csv': {
          expect(out.startsWith('\ufeff')).toBe(true);
          const rows = parseCsv(out.slice(1), { relaxColumnCount: false }) as string[][];
          expect(rows.length).toBeGreaterThan(1);
          for (const row of rows) for (const cell of row) expect(cell, `${key}: a cell a spreadsheet would run`).not.toMatch(/^[=+\-@\t\r]/);
          expect(out).toContain(`'=HYPERLINK(`);
          break;
        }
        case 'json':
        case 'sarif': {
          const j = JSON.parse(out);
          expect(j).toBeTruthy();
          if (fmt === 'json') {
            const names = (j as { products: { name: string }[] }).products.map((p) => p.name);
            expect(names).toContain('<script>alert(1)</script>');
          }
          break;
        }
        case 'junit': {
          expect(out).toMatch(/^<\?xml /);
          expect(out).not.toMatch(/<script/i);
          expect(out).not.toMatch(/<img/i);
          // XML 1.0 forbids these characters even as character references.
          expect(out).not.toMatch(/&#(x0*(1b|7|0)|0*(27|7|0));/i);
          expect((out.match(/<testsuite /g) ?? []).length).toBe(6);
          break;
        }
        case 'github': {
          const ann = out.split('\n').filter((l) => l.startsWith('::'));
          expect(ann.length, 'one annotation per warn/fail finding, none injected by data').toBe(findingsCount(cmd));
          for (const l of ann) expect(l).toMatch(/^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[a-z.-]+::[^\n]+$/);
          break;
        }
        case 'table': {
          expect(out).not.toMatch(/<script>alert\(1\)<\/script>\n/);
          break;
        }
      }
    });
  }

  it('letters (markdown and html) keep every payload inert', async () => {
    const dir = join(tmp, 'inject-letters');
    for (const f of ['markdown', 'html']) {
      const r = await edvetAsync(['letters', '--catalog', ...INJ, ...POL, '--out-dir', dir, '--format', f]);
      expect(r.status, r.stderr).toBe(0);
    }
    const files = allFiles(dir);
    expect(files).toHaveLength(12);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(NEVER_RAW);
      expect(text, file).not.toMatch(/<script/i);
      expect(text, file).not.toMatch(/<img/i);
      expect(text, file).not.toMatch(/<[^>]*\son\w+\s*=/i);
      if (file.endsWith('.md')) {
        checkMarkdownTables(text, file);
        expect(text.split('\n').filter((l) => l === '# heading' || /^::error::/.test(l))).toEqual([]);
      } else {
        expect(text).toMatch(/script-src 'none'/);
      }
    }
  });
});

// ---------------------------------------------------------------------------
describe('path traversal through vendor names stays inside --out-dir', () => {
  it.each([
    ['the injection catalog', `${H}/inject/catalog`, 6],
    ['the traversal catalog (.., /, \\, ~, absolute, U+2025, full-width, NUL, 200 × ../, CON)', `${H}/traversal/catalog`, 10],
  ])('%s', async (_name, catalog, n) => {
    const root = join(tmp, `trav-${n}`);
    const out = join(root, 'a', 'b', 'out');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'sentinel'), 'x');
    for (const f of ['markdown', 'html']) {
      const r = await edvetAsync(['letters', '--catalog', catalog, '--out-dir', out, '--as-of', '2026-11-23', '--format', f]);
      expect(r.status, r.stderr).toBe(0);
    }
    const files = allFiles(root);
    const outside = files.filter((f) => relative(out, f).startsWith('..') && f !== join(root, 'sentinel'));
    expect(outside).toEqual([]);
    const letters = files.filter((f) => f.startsWith(out));
    expect(letters).toHaveLength(n * 2);
    for (const f of letters) expect(relative(out, f)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*--[a-z0-9]+(-[a-z0-9]+)*\.(md|html)$/);
    expect(existsSync('/tmp/evil')).toBe(false);
  });
});

// ---------------------------------------------------------------------------
describe('files that are not what they should be', () => {
  const MARKER = 'SECRETMARKER-zq-student-7731';
  let rnd = 7;
  const byte = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff;
  /** Deterministic pseudo-random bytes with the marker sprinkled in (printable, so a message quoting content would show it). */
  function binary(len: number, noNul: boolean): Buffer {
    const parts: Buffer[] = [];
    let n = 0;
    while (n < len) {
      const chunk = Buffer.from(Array.from({ length: 64 }, () => (noNul ? byte() || 1 : byte())));
      parts.push(chunk, Buffer.from(MARKER));
      n += chunk.length + MARKER.length;
    }
    return Buffer.concat(parts);
  }

  beforeAll(() => {
    const d = join(tmp, 'binary');
    mkdirSync(d, { recursive: true });
    const manifest = readFileSync(join(ROOT, 'fixtures/privacy/catalog/quillwork.yaml'), 'utf8');
    for (const [name, noNul] of [
      ['acr-nul', false],
      ['acr-nonul', true],
    ] as const) {
      mkdirSync(join(d, name), { recursive: true });
      writeFileSync(join(d, name, 'product.yaml'), manifest.replace('  vpat_date: 2026-01-10\n', '  vpat_date: 2026-01-10\n  openacr: report.yaml\n'));
      writeFileSync(join(d, name, 'report.yaml'), binary(60_000, noNul));
    }
    // A PDF saved under the report's name: a printable first line, then binary.
    mkdirSync(join(d, 'acr-pdf'), { recursive: true });
    cpSync(join(d, 'acr-nul', 'product.yaml'), join(d, 'acr-pdf', 'product.yaml'));
    writeFileSync(join(d, 'acr-pdf', 'report.yaml'), Buffer.concat([Buffer.from(`%PDF-1.7\n%${MARKER}\n`), binary(20_000, true)]));
    writeFileSync(join(d, 'usage-nul.csv'), binary(60_000, false));
    writeFileSync(join(d, 'usage-nonul.csv'), binary(60_000, true));
    writeFileSync(join(d, 'usage-not-gzip.csv.gz'), binary(60_000, true));
    writeFileSync(join(d, 'manifest.yaml'), binary(10_000, false));
    const long = 10 * 1024 * 1024;
    writeFileSync(join(d, 'long-row.csv'), `timestamp,user_id,role,app\n2026-11-02T10:00:00Z,u1,student,${'Q'.repeat(long)}\n2026-11-03T10:00:00Z,u2,student,Quillwork\n`);
    writeFileSync(join(d, 'long-header.csv'), `timestamp,${'x'.repeat(long)}`);
    writeFileSync(join(d, 'long-quote.csv'), `timestamp,user_id,role,app\n2026-11-02T10:00:00Z,u1,student,"${'Q'.repeat(long)}\n`);
  });

  const B = () => join(tmp, 'binary');
  const U = ['--catalog', 'fixtures/privacy/catalog', '--policy', 'fixtures/privacy/edvet.policy.yaml', '--as-of', '2026-11-23'];

  function expectNoContent(r: Run): void {
    expect(r.stderr + r.stdout).not.toContain(MARKER);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
  }

  it.each(['acr-nul', 'acr-nonul', 'acr-pdf'])('a binary file named as an OpenACR report (%s): clear error, none of its content', async (name) => {
    const r = await edvetAsync(['vet', join(B(), name), '--as-of', '2026-11-23']);
    expectCleanError(r, /report\.yaml/);
    expectNoContent(r);
  });

  it('a binary file named as a manifest: clear error, none of its content', async () => {
    const r = await edvetAsync(['vet', join(B(), 'manifest.yaml')]);
    expectCleanError(r, /manifest\.yaml: this is not a text file/);
    expectNoContent(r);
  });

  it.each(['usage-nul.csv', 'usage-nonul.csv', 'usage-not-gzip.csv.gz'])('a binary file as a usage export (%s): clear error, none of its content', async (name) => {
    const r = await edvetAsync(['usage', ...U, '--usage', join(B(), name)]);
    expectCleanError(r, new RegExp(name.replace(/\./g, '\\.')));
    expectNoContent(r);
  });

  it('a 10 MB single data row is one bad row ("line too long"), the rest is read', async () => {
    const r = await edvetAsync(['usage', ...U, '--usage', join(B(), 'long-row.csv'), '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { inputs: { rows: number; used: number; bad: Record<string, number> }[] };
    expect(j.inputs[0].used).toBe(1);
    expect(Object.values(j.inputs[0].bad).reduce((a, b) => a + b, 0)).toBe(1);
    expect(r.stderr).not.toContain('QQQQQQQQ');
  });

  it('a 10 MB header line: exit 2, no content quoted', async () => {
    const r = await edvetAsync(['usage', ...U, '--usage', join(B(), 'long-header.csv')]);
    expectCleanError(r, /long-header\.csv:1: /);
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it('a 10 MB quoted field never closed: exit 2, no content quoted', async () => {
    const r = await edvetAsync(['usage', ...U, '--usage', join(B(), 'long-quote.csv')]);
    expectCleanError(r, /long-quote\.csv:2: .*quote/);
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it('NUL bytes in a data row: a counted bad row, the other rows used', async () => {
    const r = await edvetAsync(['usage', ...U, '--usage', `${H}/csv/nul-in-row.csv`, '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { inputs: { used: number; bad: Record<string, number>; firstBad: { line: number }[] }[] };
    expect(j.inputs[0].used).toBe(2);
    expect(j.inputs[0].bad).toEqual({ 'NUL byte': 1 });
    expect(j.inputs[0].firstBad[0].line).toBe(3);
  });

  it.each(['nul-in-header.csv', 'nul-only.csv'])('NUL bytes in the header (%s): exit 2', async (f) => {
    const r = await edvetAsync(['usage', ...U, '--usage', `${H}/csv/${f}`]);
    expectCleanError(r, new RegExp(f.replace('.', '\\.')));
  });
});

// Keep the helpers honest: the hostile fixture folder holds no generated big file.
it('fixtures/hostile holds only small files', () => {
  for (const f of allFiles(resolve(ROOT, H))) expect(readFileSync(f).length, f).toBeLessThan(200_000);
});
