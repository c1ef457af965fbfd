/**
 * An OpenACR path is confined to the repository holding the catalog, and errors about files the district did
 * not write quote none of their text (issue 16 item 3). The layout `actions/checkout` leaves: `.git/config`
 * with an extraheader token beside the catalog; a vendor's pull request names it, or links to it.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteNothing } from '../../src/load/openacr.js';
import { edvetAsync, ensureBinary, ROOT, STACK_FRAME, tempDir } from './helpers.js';

const TOKEN = 'eC1hY2Nlc3MtdG9rZW46Z2hzX1NFQ1JFVFRPS0VO';
const SECRET = 'hunter2-SECRET-zq';
let top: string;
let repo: string;

const manifest = (ref: string) => `id: a\nname: A\nvendor: V\ncategory: core\naccessibility:\n  openacr: ${ref}\n`;

beforeAll(async () => {
  await ensureBinary();
  top = tempDir('edvet-acr-');
  repo = join(top, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, '.git/config'), `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
  writeFileSync(join(repo, 'notes.txt'), `password: [${SECRET}\n`);
  writeFileSync(join(repo, 'dup.yaml'), `chapters: {}\n${SECRET}: 1\n${SECRET}: 2\n`);
  writeFileSync(join(top, 'outside.yaml'), 'chapters: {}\n');
  cpSync(join(ROOT, 'fixtures/privacy/catalog/acr/lanternlab-acr.yaml'), join(repo, 'good-acr.yaml'));
}, 120_000);
afterAll(() => rmSync(top, { recursive: true, force: true }));

/** A catalog folder `name` inside the repository holding one manifest naming `ref`, plus extra files. */
function catalog(name: string, ref: string, extra: (dir: string) => void = () => {}): string {
  const dir = join(repo, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.yaml'), manifest(ref));
  extra(dir);
  return dir;
}

async function vet(dir: string) {
  const r = await edvetAsync(['vet', dir, '--format', 'json'], { cwd: top, timeoutMs: 20_000 });
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(STACK_FRAME);
  for (const leak of [TOKEN, TOKEN.slice(0, 8), SECRET, 'extraheader', 'bare = false']) {
    expect(r.stderr).not.toContain(leak);
    expect(r.stdout).not.toContain(leak);
  }
  return r;
}

describe('an OpenACR path stays inside the repository and out of .git', () => {
  it('../.git/config: exit 2, refused before reading, nothing of it quoted', async () => {
    const r = await vet(catalog('c-git', '../.git/config'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a\.yaml:6:\d+: the OpenACR report \.\.\/\.git\/config is inside a \.git folder/);
  });

  it('a path leading outside the repository (also an absolute one)', async () => {
    for (const ref of ['../../outside.yaml', join(top, 'outside.yaml')]) {
      const r = await vet(catalog(`c-out-${ref.length}`, ref));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/is outside the repository that holds the catalog/);
    }
  });

  it('a symbolic link inside the repository that leads outside it, or into .git', async () => {
    const r1 = await vet(catalog('c-link-out', 'acr.yaml', (d) => symlinkSync(join(top, 'outside.yaml'), join(d, 'acr.yaml'))));
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/the OpenACR report acr\.yaml is outside the repository/);
    const r2 = await vet(catalog('c-link-git', 'acr.txt', (d) => symlinkSync('../.git/config', join(d, 'acr.txt'))));
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/inside a \.git folder/);
  });

  it('a file inside the repository that is not YAML: located, its text not shown', async () => {
    const r = await vet(catalog('c-notes', '../notes.txt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/notes\.txt:\d+:\d+: this file is not a readable OpenACR report: a YAML syntax error here \(its text is not shown\)/);
  });

  it('duplicate keys in an ACR are reported without the key', async () => {
    const r = await vet(catalog('c-dup', '../dup.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dup\.yaml:\d+:\d+: this file is not a readable OpenACR report: a duplicate key here/);
  });

  it('an ACR inside the catalog folder (read by the walk) with a syntax error: nothing quoted', async () => {
    const r = await vet(catalog('c-walked', 'acr/bad.yaml', (d) => {
      mkdirSync(join(d, 'acr'));
      writeFileSync(join(d, 'acr/bad.yaml'), `chapters:\n  x: [${SECRET}\n`);
    }));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: this file is not a readable OpenACR report/);
  });

  it('a real ACR inside the repository is still read', async () => {
    const r = await vet(catalog('c-good', '../good-acr.yaml'));
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as { products: { findings: { rule: string; evidence?: { field?: string } }[] }[] };
    const fromAcr = report.products[0].findings.filter((f) => f.evidence?.field === 'accessibility.openacr').map((f) => f.rule);
    expect(fromAcr).toContain('accessibility.wcag');
  });

  it('without a .git folder the catalog folder\'s parent is the limit', async () => {
    const bare = join(top, 'bare');
    mkdirSync(join(bare, 'district/catalog'), { recursive: true });
    cpSync(join(repo, 'good-acr.yaml'), join(bare, 'district/acr.yaml'));
    cpSync(join(repo, 'good-acr.yaml'), join(bare, 'acr.yaml'));
    writeFileSync(join(bare, 'district/catalog/a.yaml'), manifest('../acr.yaml'));
    const inside = await vet(join(bare, 'district/catalog'));
    expect([0, 1], inside.stderr).toContain(inside.status);
    writeFileSync(join(bare, 'district/catalog/a.yaml'), manifest('../../acr.yaml'));
    const outside = await vet(join(bare, 'district/catalog'));
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/is outside the repository that holds the catalog \(.*district\)/);
  });
});

describe('symbolic links met while walking a catalog folder', () => {
  it('a link into .git or outside the repository is refused, quoting nothing', async () => {
    const dir = catalog('c-walk-links', '../good-acr.yaml', (d) => {
      symlinkSync('../.git/config', join(d, 'git.yaml'));
      symlinkSync(join(top, 'outside.yaml'), join(d, 'outside.yaml'));
    });
    const r = await vet(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/git\.yaml: a symbolic link into a \.git folder; edvet does not follow it/);
    expect(r.stderr).toMatch(/outside\.yaml: a symbolic link to a file outside the repository/);
  });
});

describe('quoteNothing', () => {
  it('keeps position and content-free messages, replaces the others', () => {
    const at = { file: 'x.yaml', line: 3, column: 7 };
    expect(quoteNothing({ ...at, message: 'a tab is used for indentation; YAML needs spaces' }).message).toBe('a tab is used for indentation; YAML needs spaces');
    const syntax = quoteNothing({ ...at, message: `YAML syntax error: Unexpected scalar token in YAML stream: "basic ${TOKEN}"` });
    expect(syntax).toMatchObject(at);
    expect(syntax.message).not.toContain(TOKEN);
    expect(quoteNothing({ ...at, message: `duplicate key \`${SECRET}\`: each field may appear once` }).message).not.toContain(SECRET);
    expect(quoteNothing({ ...at, message: `cannot read this YAML document: ${SECRET}` }).message).not.toContain(SECRET);
  });
});
