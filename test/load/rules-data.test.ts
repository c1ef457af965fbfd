/**
 * The build's bundle of rules/ (dist/rules-data.json) holds exactly what the
 * YAML files say, and the loader reads YAML when the bundle is older than
 * rules/ (so an edited rule text is never shadowed by a stale build).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, ROOT } from '../rules/helpers.js';

describe('the rules/ bundle', () => {
  beforeAll(() => ensureBuilt());

  it('equals rules/*.yaml parsed', () => {
    const bundlePath = join(ROOT, 'dist', 'rules-data.json');
    expect(existsSync(bundlePath)).toBe(true);
    const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Record<string, unknown>;
    const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml'));
    expect(Object.keys(bundle).sort()).toEqual(files.sort());
    for (const f of files) expect([f, bundle[f]]).toEqual([f, parse(readFileSync(join(ROOT, 'rules', f), 'utf8'))]);
  });

  it('the built loader gives the same data as the YAML', async () => {
    const built = (await import(join(ROOT, 'dist', 'load', 'rules-data.js'))) as { rulesData: (n: string) => unknown };
    expect(built.rulesData('privacy.yaml')).toEqual(parse(readFileSync(join(ROOT, 'rules', 'privacy.yaml'), 'utf8')));
  });
});
