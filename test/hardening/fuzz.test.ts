/**
 * Random bytes never crash a loader: random byte strings, CSV/YAML-flavoured
 * random text, and real fixtures mutated byte by byte (flip, insert, delete,
 * duplicate a range) go through the manifest, policy, OpenACR, roster and
 * usage loaders. Each either succeeds or throws an EdvetError of kind
 * `input`, never anything else (a TypeError, a RangeError, a zod error...).
 */
import fc from 'fast-check';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/load/catalog.js';
import { loadOpenAcr } from '../../src/load/openacr.js';
import { loadPolicy } from '../../src/load/policy.js';
import { loadRoster } from '../../src/load/roster/index.js';
import { readUsageFile } from '../../src/load/usage/read.js';
import type { InternedUsageSink, ReadUsageOptions, UsageSink } from '../../src/load/usage/types.js';
import { EdvetError } from '../../src/model/errors.js';
import type { InputReport, Role } from '../../src/model/types.js';
import { CHECK_NAMES, RULE_IDS } from '../../src/rules/index.js';
import { runs } from '../property.js';
import { ROOT, tempDir } from './helpers.js';

/** A third of the slow suite's cases in `npm test`; the seed is the suite's (test/property.ts). */
const params = (slow = 150) => ({ numRuns: runs(Math.ceil(slow / 3), slow), endOnFailure: true });

let tmp: string;
beforeAll(() => {
  tmp = tempDir('edvet-fuzz-');
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const seedFile = (p: string) => new Uint8Array(readFileSync(join(ROOT, p)));

type Mutation = { op: 'flip' | 'insert' | 'delete' | 'dup'; at: number; byte: number; len: number };
const mutation = fc.record({
  op: fc.constantFrom<Mutation['op']>('flip', 'insert', 'delete', 'dup'),
  at: fc.nat(),
  byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x0a, 0x0d, 0x22, 0x2c, 0x3a, 0x2d, 0x26, 0x2a, 0x09, 0x3b, 0x7c, 0x23, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3)),
  len: fc.integer({ min: 1, max: 64 }),
});

/** Apply mutations to a copy of `bytes`. */
function mutate(bytes: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === 'flip' && b.length) b[at] = b[at] ^ (1 << (m.byte & 7)) ^ (m.byte & 0x80 ? m.byte : 0);
    else if (m.op === 'insert') b.splice(at, 0, m.byte);
    else if (m.op === 'delete') b.splice(at, m.len);
    else if (m.op === 'dup') b.splice(at, 0, ...b.slice(at, at + m.len));
  }
  return Uint8Array.from(b);
}

/** Random input for a loader: raw bytes, text of the format's own characters, or a mutated fixture. */
function inputs(seeds: Uint8Array[], alphabet: string): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.constantFrom(...alphabet.split('')), { maxLength: 600 }).map((cs) => new Uint8Array(Buffer.from(cs.join(''), 'utf8'))),
    },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([s, ms]) => mutate(s, ms)) },
  );
}

/** The property: fn succeeds or throws EdvetError of kind input. */
function acceptable(e: unknown): boolean {
  return e instanceof EdvetError && e.kind === 'input';
}
function describeError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}${e instanceof EdvetError ? `(${e.kind})` : ''}: ${e.message.slice(0, 300)}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e);
}
function expectAcceptable(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!acceptable(e)) throw new Error(`not an input error: ${describeError(e)}`);
  }
}
async function expectAcceptableAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!acceptable(e)) throw new Error(`not an input error: ${describeError(e)}`);
  }
}

const YAML_CHARS = 'abcdefgz019_- :\n\n\n  \t"\'[]{},&*!|>#%@`?.~=\\';
const CSV_CHARS = 'abcz019-_ ,,,;\t"""\n\n\r:/@.TZ+';

describe('manifest loader (loadCatalog)', () => {
  it('never throws anything but an input error', () => {
    const seeds = [
      seedFile('fixtures/demo-district/catalog/brightline.yaml'),
      seedFile('fixtures/privacy/catalog/quillwork.yaml'),
      seedFile('fixtures/bad/many-errors/a.yaml'),
    ].filter((s) => s.length > 0);
    const dir = join(tmp, 'catalog');
    mkdirSync(dir, { recursive: true });
    fc.assert(
      fc.property(inputs(seeds, YAML_CHARS), (bytes) => {
        writeFileSync(join(dir, 'product.yaml'), bytes);
        expectAcceptable(() => loadCatalog([dir], tmp));
      }),
      params(),
    );
  });
});

describe('policy loader (loadPolicy)', () => {
  it('never throws anything but an input error', () => {
    const seeds = [seedFile('fixtures/demo-district/catalog/edvet.policy.yaml'), seedFile('fixtures/privacy/edvet.policy.yaml')];
    const file = join(tmp, 'edvet.policy.yaml');
    fc.assert(
      fc.property(inputs(seeds, YAML_CHARS), (bytes) => {
        writeFileSync(file, bytes);
        expectAcceptable(() => loadPolicy(file, tmp, RULE_IDS, CHECK_NAMES));
      }),
      params(),
    );
  });
});

describe('OpenACR loader (loadOpenAcr)', () => {
  it('never throws anything but an input error', () => {
    const seeds = [seedFile('fixtures/demo-district/catalog/acr/labnotebook.yaml'), seedFile('fixtures/privacy/catalog/acr/lanternlab-acr.yaml')];
    const file = join(tmp, 'acr.yaml');
    fc.assert(
      fc.property(inputs(seeds, YAML_CHARS), (bytes) => {
        writeFileSync(file, bytes);
        expectAcceptable(() => loadOpenAcr(file, 'acr.yaml'));
      }),
      params(),
    );
  });
});

describe('roster loader (loadRoster)', () => {
  it('a simple roster CSV: never throws anything but an input error', async () => {
    const seeds = [seedFile('fixtures/roster/simple.csv'), seedFile('fixtures/privacy/roster/simple.csv')];
    const file = join(tmp, 'roster.csv');
    await fc.assert(
      fc.asyncProperty(inputs(seeds, CSV_CHARS), async (bytes) => {
        writeFileSync(file, bytes);
        await expectAcceptableAsync(() => loadRoster(file));
      }),
      params(),
    );
  });

  it('a OneRoster folder with a mutated users.csv or enrollments.csv: never throws anything but an input error', async () => {
    const src = join(ROOT, 'fixtures/privacy/roster/oneroster');
    const dir = join(tmp, 'oneroster');
    cpSync(src, dir, { recursive: true });
    const seeds = { 'users.csv': seedFile('fixtures/privacy/roster/oneroster/users.csv'), 'enrollments.csv': seedFile('fixtures/privacy/roster/oneroster/enrollments.csv') };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<keyof typeof seeds>('users.csv', 'enrollments.csv'),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        async (name, ms) => {
          cpSync(src, dir, { recursive: true });
          writeFileSync(join(dir, name), mutate(seeds[name], ms));
          await expectAcceptableAsync(() => loadRoster(dir));
        },
      ),
      params(80),
    );
  });
});

describe('usage reader (readUsageFile)', () => {
  const plainSink: UsageSink = { add() {} };
  /** A minimal interned sink (the aggregator's interface), recording what it is given. */
  function internedSink(): InternedUsageSink & { events: string[] } {
    const users: string[] = [];
    const apps: string[] = [];
    const events: string[] = [];
    return {
      events,
      userHandle: (u) => users.push(u) - 1,
      appHandle: (a, id) => apps.push(`${a}\u0000${id ?? ''}`) - 1,
      addInterned: (day: number, user: number, app: number, role: Role, rows: number) => {
        events.push(`${day}|${users[user]}|${apps[app]}|${role}|${rows}`);
      },
    };
  }
  const opts = (sink: ReadUsageOptions['sink'], parallel: ReadUsageOptions['parallel'] = false): ReadUsageOptions => ({
    customFormats: [],
    timezone: 'America/Chicago',
    dateOrder: 'mdy',
    asOfDay: 20_780, // 2026-11-23
    sink,
    displayPath: 'export.csv',
    parallel,
  });
  const seeds = ['edvet.csv', 'entra-signins.csv', 'moodle-log.csv', 'canvas-last-access.csv', 'canvas-access-tokens.csv', 'edvet-summary.csv', 'edvet-utf16le.csv', 'edvet-quoted-newlines.csv', 'edvet-semicolon.csv'].map((f) =>
    seedFile(`fixtures/usage/${f}`),
  );

  it('never throws anything but an input error', async () => {
    const file = join(tmp, 'export.csv');
    await fc.assert(
      fc.asyncProperty(inputs(seeds, CSV_CHARS), async (bytes) => {
        writeFileSync(file, bytes);
        await expectAcceptableAsync(() => readUsageFile(file, opts(plainSink)));
      }),
      params(),
    );
  });

  it('a mutated gzip export: never throws anything but an input error', async () => {
    const gz = seedFile('fixtures/usage/edvet-gzip.csv.gz');
    const file = join(tmp, 'export.csv.gz');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
        writeFileSync(file, mutate(gz, ms));
        await expectAcceptableAsync(() => readUsageFile(file, opts(plainSink)));
      }),
      params(80),
    );
  });

  it('split into ranges (the parallel path, run in-thread): never anything but an input error, and the same figures as one pass', async () => {
    const file = join(tmp, 'export-split.csv');
    const run = async (parallel: ReadUsageOptions['parallel']): Promise<{ report?: InputReport; events?: string[]; error?: string }> => {
      const sink = internedSink();
      try {
        const report = await readUsageFile(file, opts(sink, parallel));
        return { report, events: [...sink.events].sort() };
      } catch (e) {
        if (!acceptable(e)) throw new Error(`not an input error: ${describeError(e)}`);
        return { error: (e as EdvetError).message };
      }
    };
    await fc.assert(
      fc.asyncProperty(inputs(seeds, CSV_CHARS), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 16, max: 256 }), async (bytes, threads, chunkSize) => {
        writeFileSync(file, bytes);
        const one = await run(false);
        const split = await run({ minBytes: 0, threads, chunkSize, inThread: true });
        // Both fail, or both give the same accounting; the per-user events may be merged differently, so compare their multiset of users × apps.
        expect(Boolean(split.error), `split: ${split.error ?? 'ok'} / one pass: ${one.error ?? 'ok'}`).toBe(Boolean(one.error));
        if (one.report && split.report) {
          const { firstBad: fb1, ...r1 } = one.report;
          const { firstBad: fb2, ...r2 } = split.report;
          expect(r2).toEqual(r1);
          expect(fb2).toEqual(fb1);
        }
      }),
      params(100),
    );
  });
});
