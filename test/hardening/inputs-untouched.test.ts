/**
 * "No input file is ever modified, moved or deleted" (quality.md "Bad input"):
 * copies of the privacy district, the demo district and the broken fixtures
 * are hashed (sha256, size, mtime) before and after every command, succeeding
 * and failing, with `--output` and letters written next to the inputs. The
 * only new files allowed are the outputs the case names.
 */
import { cpSync, existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFiles, edvetAsync, ensureBinary, ROOT, sha256, snapshot, tempDir } from './helpers.js';

let tmp: string;

beforeAll(async () => {
  await ensureBinary();
  tmp = tempDir('edvet-untouched-');
  cpSync(join(ROOT, 'fixtures/privacy'), join(tmp, 'district'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/demo-district'), join(tmp, 'demo'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/bad'), join(tmp, 'bad'), { recursive: true });
});

afterAll(() => {
  if (tmp && existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
});

const POL = ['--policy', 'district/edvet.policy.yaml', '--as-of', '2026-11-23'];
const CAT = ['--catalog', 'district/catalog'];
const USE = ['--usage', 'district/usage'];
const ROS = ['--roster', 'district/roster/oneroster'];

interface Case {
  name: string;
  args: string[];
  exit: number[];
  /** New files this run may create (relative to the temp root; folders end with /). */
  creates?: string[];
}

const cases: Case[] = [
  { name: 'vet, table on stdout', args: ['vet', 'district/catalog', ...POL], exit: [1] },
  { name: 'vet --output next to the manifests', args: ['vet', 'district/catalog', ...POL, '--format', 'sarif', '--output', 'district/catalog/vet.sarif'], exit: [1], creates: ['district/catalog/vet.sarif'] },
  { name: 'validate --format json', args: ['validate', 'district/catalog', '--policy', 'district/edvet.policy.yaml', '--format', 'json'], exit: [0] },
  { name: 'usage --output into the usage folder', args: ['usage', ...CAT, ...POL, ...USE, ...ROS, '--format', 'html', '--output', 'district/usage/usage-report.html'], exit: [1], creates: ['district/usage/usage-report.html'] },
  { name: 'sunset --output into the roster folder', args: ['sunset', ...CAT, ...POL, ...USE, ...ROS, '--format', 'markdown', '--output', 'district/roster/oneroster/sunset.md'], exit: [1], creates: ['district/roster/oneroster/sunset.md'] },
  { name: 'audit --format json --output beside the policy', args: ['audit', ...CAT, ...POL, ...USE, '--roster', 'district/roster/simple.csv', '--format', 'json', '--output', 'district/audit.json'], exit: [1], creates: ['district/audit.json'] },
  { name: 'audit again over the same --output (replaces the earlier report)', args: ['audit', ...CAT, ...POL, ...USE, ...ROS, '--format', 'json', '--output', 'district/audit.json'], exit: [1], creates: ['district/audit.json'] },
  { name: 'audit with --baseline (an input) and --output elsewhere', args: ['audit', ...CAT, ...POL, ...USE, ...ROS, '--baseline', 'district/audit.json', '--format', 'html', '--output', 'district/audit.html'], exit: [0, 1], creates: ['district/audit.html'] },
  { name: 'letters into a folder inside the catalog', args: ['letters', ...CAT, ...POL, '--out-dir', 'district/catalog/letters'], exit: [0], creates: ['district/catalog/letters/'] },
  { name: 'letters again without --force (refused)', args: ['letters', ...CAT, ...POL, '--out-dir', 'district/catalog/letters'], exit: [2] },
  { name: 'letters --force --format html', args: ['letters', ...CAT, ...POL, '--out-dir', 'district/catalog/letters', '--format', 'html', '--force'], exit: [0], creates: ['district/catalog/letters/'] },
  { name: 'init over the district (refused: never overwrites)', args: ['init', 'district'], exit: [2] },
  { name: 'the demo audit, html, --output into its usage folder', args: ['audit', '--catalog', 'demo/catalog', '--usage', 'demo/usage', '--roster', 'demo/roster', '--policy', 'demo/catalog/edvet.policy.yaml', '--as-of', '2026-11-23', '--format', 'html', '--output', 'demo/usage/audit.html'], exit: [1], creates: ['demo/usage/audit.html'] },
  // Failing runs.
  { name: 'a roster with a bad row', args: ['usage', ...CAT, ...POL, ...USE, '--roster', 'district/bad/roster-bad-grade.csv', '--output', 'district/never.json'], exit: [2] },
  { name: '--usage-format forced wrong', args: ['audit', ...CAT, ...POL, ...USE, '--usage-format', 'moodle-log', '--output', 'district/never.json'], exit: [2] },
  { name: 'a usage export with no usable row', args: ['usage', ...CAT, ...POL, '--usage', 'district/bad/usage-all-bad.csv', '--output', 'district/never.json'], exit: [2] },
  { name: '--output into a missing folder', args: ['vet', 'district/catalog', ...POL, '--output', 'district/nope/r.json'], exit: [2] },
  { name: '--output that is a folder', args: ['vet', 'district/catalog', ...POL, '--output', 'district/usage'], exit: [2] },
  { name: 'an unknown --format', args: ['vet', 'district/catalog', ...POL, '--format', 'pdf', '--output', 'district/never.pdf'], exit: [2] },
  { name: 'a bad --as-of', args: ['audit', ...CAT, '--as-of', '2026-02-30', ...USE, '--output', 'district/never.json'], exit: [2] },
  { name: 'vet of the broken fixtures', args: ['vet', 'bad', '--as-of', '2026-11-23', '--output', 'bad/never.json'], exit: [2] },
  { name: 'validate of the broken fixtures', args: ['validate', 'bad', '--format', 'json'], exit: [2] },
  { name: 'vet of the alias bomb', args: ['vet', 'bad/alias-bomb.yaml', '--output', 'bad/never.json'], exit: [2] },
];

describe('inputs are byte-for-byte and mtime unchanged after every command', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const roots = ['district', 'demo', 'bad'].map((r) => join(tmp, r));
      const before = snapshot(roots);
      const r = await edvetAsync(c.args, { cwd: tmp });
      expect(c.exit, `${c.args.join(' ')}\n${r.stderr}`).toContain(r.status);
      const after = snapshot(roots);
      for (const [file, sig] of before) {
        if ((c.creates ?? []).some((x) => file === join(tmp, x) || (x.endsWith('/') && file.startsWith(join(tmp, x))))) continue;
        expect(after.get(file), `${file} after ${c.name}`).toBe(sig);
      }
      const allowed = (f: string) => before.has(f) || (c.creates ?? []).some((x) => f === join(tmp, x) || (x.endsWith('/') && f.startsWith(join(tmp, x))));
      const extra = [...after.keys()].filter((f) => !allowed(f));
      expect(extra, 'no file other than the named outputs appears').toEqual([]);
      for (const x of c.creates ?? []) if (!x.endsWith('/') && r.status !== 2) expect(existsSync(join(tmp, x)), x).toBe(true);
      if (c.exit.every((e) => e === 2)) expect(existsSync(join(tmp, 'district/never.json'))).toBe(false);
    });
  }

  it('no temp file is left anywhere after all of the above', () => {
    expect(allFiles(tmp).filter((f) => /edvet-tmp/.test(f))).toEqual([]);
  });
});

/**
 * `--output` naming an input. The right behaviour: refuse before writing
 * anything, exit 2, "--output would overwrite an input" naming the file.
 * Each case gets a fresh copy, since today the report replaces the input.
 */
describe('--output that names an input is refused and the input survives', () => {
  const targets: { name: string; args: (d: string) => string[]; input: string }[] = [
    { name: 'a manifest (vet)', args: (d) => ['vet', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--format', 'json', '--output', `${d}/catalog/quillwork.yaml`], input: 'catalog/quillwork.yaml' },
    { name: 'a manifest, spelled through ../ (audit)', args: (d) => ['audit', '--catalog', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--output', `${d}/usage/../catalog/canvas.yaml`], input: 'catalog/canvas.yaml' },
    { name: 'the policy (vet)', args: (d) => ['vet', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--output', `${d}/edvet.policy.yaml`], input: 'edvet.policy.yaml' },
    { name: 'an OpenACR report a manifest names (vet)', args: (d) => ['vet', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--output', `${d}/catalog/acr/lanternlab-acr.yaml`], input: 'catalog/acr/lanternlab-acr.yaml' },
    { name: 'a usage export (usage)', args: (d) => ['usage', '--catalog', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--usage', `${d}/usage`, '--format', 'csv', '--output', `${d}/usage/moodle-log.csv`], input: 'usage/moodle-log.csv' },
    { name: 'the roster (audit)', args: (d) => ['audit', '--catalog', `${d}/catalog`, '--policy', `${d}/edvet.policy.yaml`, '--usage', `${d}/usage`, '--roster', `${d}/roster/simple.csv`, '--format', 'csv', '--output', `${d}/roster/simple.csv`], input: 'roster/simple.csv' },
  ];

  for (const t of targets) {
    it(t.name, async () => {
      const d = tempDir('edvet-overwrite-');
      try {
        cpSync(join(ROOT, 'fixtures/privacy'), d, { recursive: true });
        const before = snapshot([d]);
        const r = await edvetAsync(t.args(d), { cwd: d });
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/--output would overwrite an input/);
        expect(r.stderr).toContain(t.input.split('/').pop()!);
        expect(snapshot([d])).toEqual(before);
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    });
  }

  it('--output through a symlink to a manifest: the link is followed to an input, so refused; the manifest survives', async () => {
    const d = tempDir('edvet-overwrite-');
    try {
      cpSync(join(ROOT, 'fixtures/privacy'), d, { recursive: true });
      symlinkSync(join(d, 'catalog/lanternlab.yaml'), join(d, 'link-to-manifest.yaml'));
      const before = snapshot([join(d, 'catalog')]);
      const r = await edvetAsync(['vet', 'catalog', '--policy', 'edvet.policy.yaml', '--output', 'link-to-manifest.yaml'], { cwd: d });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--output would overwrite an input/);
      expect(snapshot([join(d, 'catalog')])).toEqual(before);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
