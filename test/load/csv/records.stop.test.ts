// CsvRecordReader's `stopAt` (what the parallel usage read relies on): reading up to the stop,
// then reading the rest from `stoppedAt` with a fresh reader, gives exactly the records and bad
// rows (with their true lines, once shifted) of one reader over everything, for any chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordReader, type Delimiter } from '../../../src/load/csv/records.js';
import { runs } from '../../property.js';

type Ev = { line: number; fields?: string[]; bad?: string };

function read(bytes: Buffer, delimiter: Delimiter, chunk: number, stopAt?: number): { events: Ev[]; reader: CsvRecordReader } {
  const events: Ev[] = [];
  const reader = new CsvRecordReader(
    {
      record(rec) {
        const fields: string[] = [];
        for (let i = 0; i < rec.count; i++) fields.push(rec.field(i));
        events.push({ line: rec.line, fields });
      },
      bad(line, reason) {
        events.push({ line, bad: reason });
      },
    },
    { delimiter, stopAt },
  );
  for (let p = 0; p < bytes.length; p += chunk) reader.push(bytes.subarray(p, Math.min(bytes.length, p + chunk)));
  reader.end();
  return { events, reader };
}

const piece = fc.constantFrom('a', 'b', ',', ';', '"', '""', '\n', '\r\n', '\r', ' ', 'é', '\n\n', '"x\ny"', '"q,r"');

describe('CsvRecordReader stopAt', () => {
  it('stops at the first record start at or after the offset; the rest read from there completes the file', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((a) => a.join('')),
        fc.constantFrom<Delimiter>(',', ';'),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(1, 3, 8, 64),
        (text, delimiter, at, chunk) => {
          const bytes = Buffer.from(text, 'utf8');
          const stopAt = Math.floor(at * bytes.length);
          const all = read(bytes, delimiter, chunk).events;
          const { events: head, reader } = read(bytes, delimiter, chunk, stopAt);
          if (reader.stoppedAt < 0) {
            expect(head).toEqual(all);
            return;
          }
          expect(reader.stoppedAt).toBeGreaterThanOrEqual(stopAt);
          const tail = read(bytes.subarray(reader.stoppedAt), delimiter, chunk).events;
          const shift = reader.line - 1;
          expect([...head, ...tail.map((e) => ({ ...e, line: e.line + shift }))]).toEqual(all);
        },
      ),
      { numRuns: runs(300, 3000) },
    );
  });
});
