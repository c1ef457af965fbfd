/**
 * The demo district's reports name no person (README "Student data stays private"): every user
 * id, username, e-mail and name of its roster, and every e-mail of its Google and Entra exports,
 * is searched for in the audit's every format, and none is found. The district's own contact
 * address (the policy's `district.contact`) is the one address a report may print.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { edvet, ensureBuilt, ROOT } from './helpers.js';

const DEMO = join(ROOT, 'fixtures/demo-district');
const FORMATS = ['table', 'json', 'csv', 'markdown', 'html', 'sarif', 'junit', 'github'];

/** The cells of a CSV line (the demo's files quote only cells that need it). */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.replace(/^"|"$/g, ''));
}

function identifiers(): Set<string> {
  const ids = new Set<string>();
  const users = readFileSync(join(DEMO, 'roster/users.csv'), 'utf8').trim().split('\n');
  const h = cells(users[0]);
  const col = (n: string) => h.indexOf(n);
  for (const line of users.slice(1)) {
    const c = cells(line);
    for (const n of ['sourcedId', 'username', 'email']) if (c[col(n)]) ids.add(c[col(n)].toLowerCase());
    // A full name is the identifier a reader would recognise; given names alone are too common to search for.
    if (c[col('givenName')] && c[col('familyName')]) ids.add(`${c[col('givenName')]} ${c[col('familyName')]}`.toLowerCase());
  }
  const gam = gunzipSync(readFileSync(join(DEMO, 'usage/google/gam-report-tokens_2026-05-25_2026-11-20.csv.gz'))).toString('utf8').trim().split('\n');
  const email = cells(gam[0]).indexOf('actor.email');
  for (const line of gam.slice(1)) if (cells(line)[email]) ids.add(cells(line)[email].toLowerCase());
  return ids;
}

describe("the demo's reports name no one", () => {
  let ids: Set<string>;
  beforeAll(() => {
    ensureBuilt();
    ids = identifiers();
  });

  it('the identifiers are really there to find (thousands, Google e-mails among them)', () => {
    expect(ids.size).toBeGreaterThan(5000);
    expect([...ids].some((i) => i.endsWith('@students.riverside.example'))).toBe(true);
  });

  it.each(FORMATS)('audit --demo --format %s holds none of them, and no address of the district but its contact', (format) => {
    const r = edvet(['audit', '--demo', '--format', format]);
    expect(r.status).toBe(1);
    const out = (r.stdout + r.stderr).toLowerCase();
    const found = [...ids].filter((i) => out.includes(i));
    expect(found).toEqual([]);
    const addresses = new Set(out.match(/[a-z0-9._%+-]+@(?:students\.)?riverside\.example/g) ?? []);
    expect([...addresses].filter((a) => a !== 'edtech@riverside.example')).toEqual([]);
  });
});
