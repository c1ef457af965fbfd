/**
 * Issue 16 class 9 (baseline half): a `--baseline` JSON report saved with a
 * byte-order mark (Windows editors, PowerShell's `Out-File`) is read as the
 * report it is, never called "not a JSON report"; what is really not an edvet
 * report still says so, naming the file.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

const VET = ['vet', join(ROOT, 'fixtures/privacy/catalog'), '--policy', join(ROOT, 'fixtures/privacy/edvet.policy.yaml'), '--as-of', '2026-11-23'];
let d = '';
let report = '';
beforeAll(async () => {
  await ensureBinary();
  d = tempDir('edvet-baseline-');
  const r = await edvetAsync([...VET, '--format', 'json']);
  expect(r.stderr).not.toMatch(/internal error/);
  report = r.stdout;
}, 120_000);
afterAll(() => rmSync(d, { recursive: true, force: true }));

describe('--baseline', () => {
  it('a report saved with a UTF-8 byte-order mark is read: every finding of the same run is known', async () => {
    const p = join(d, 'bom.json');
    writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(report)]));
    const r = await edvetAsync([...VET, '--format', 'json', '--baseline', p]);
    expect(r.stderr).not.toMatch(/not a JSON report|internal error/);
    expect(r.status, r.stderr).toBe(0); // nothing new: every fail is known
    const findings = (JSON.parse(r.stdout) as { products: { findings: { status: string; known: boolean }[] }[] }).products.flatMap((p) => p.findings);
    expect(findings.filter((f) => f.status === 'fail').length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.status === 'fail').every((f) => f.known)).toBe(true);
    expect(readFileSync(p).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // the input is untouched
  });

  it('a file that is not JSON, and JSON that is not an edvet report, are named and explained', async () => {
    const yaml = join(d, 'policy.yaml');
    writeFileSync(yaml, 'usage:\n  semester_days: 90\n');
    const notJson = await edvetAsync([...VET, '--baseline', yaml]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/policy\.yaml: not a JSON report; expected the output of `edvet vet --format json`/);
    const other = join(d, 'other.json');
    writeFileSync(other, '\ufeff{"hello": 1}');
    const notReport = await edvetAsync([...VET, '--baseline', other]);
    expect(notReport.status).toBe(2);
    expect(notReport.stderr).toMatch(/other\.json: not an edvet JSON report \(no `products` list\)/);
    for (const r of [notJson, notReport]) expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});
