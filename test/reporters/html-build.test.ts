/**
 * The build inlines the report's CSS files: the compiled stylesheet module
 * (dist/) holds the text of every src/reporters/html/*.css, the binary
 * (dist/bundle/) prints them without reading a CSS file, and the compiled
 * report is the report rendered from the sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reporters/html.js';
import { buildReport } from '../fixtures/report-model.js';
import { ROOT, edvet, ensureBuilt } from '../e2e/helpers.js';

const SRC = join(ROOT, 'src/reporters/html');
const SHEETS = readdirSync(SRC).filter((f) => f.endsWith('.css')).map((f) => f.slice(0, -4));
const css = (name: string) => readFileSync(join(SRC, `${name}.css`), 'utf8');
const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

describe('CSS inlined at build time', () => {
  beforeAll(() => ensureBuilt());

  it('the compiled stylesheet module holds every CSS file and reads none', async () => {
    expect(SHEETS.sort()).toEqual(['base', 'letter', 'publish', 'report']);
    const compiled = join(ROOT, 'dist/reporters/html/styles.js');
    expect(readFileSync(compiled, 'utf8')).not.toMatch(/node:fs|readFileSync|import\.meta/);
    const { stylesheet } = await import(pathToFileURL(compiled).href);
    for (const name of SHEETS) expect(stylesheet(name), name).toBe(css(name));
  });

  it('the start-up bundle holds every CSS file and no reader of one', () => {
    const bundle = readdirSync(join(ROOT, 'dist/bundle')).filter((f) => f.endsWith('.js'));
    for (const f of bundle) expect(readFileSync(join(ROOT, 'dist/bundle', f), 'utf8'), f).not.toContain('.css`, import.meta.url');
    const r = edvet(['audit', '--demo', '--format', 'html']);
    expect(r.status).toBe(1);
    const style = r.stdout.slice(r.stdout.indexOf('<style>') + 7, r.stdout.indexOf('</style>\n</head>'));
    expect(style).toBe(`\n${css('base')}\n${css('report')}`);
  });

  it('the compiled report is byte for byte the one rendered from the sources', async () => {
    const built = await import(pathToFileURL(join(ROOT, 'dist/reporters/html.js')).href);
    const report = buildReport();
    expect(built.renderHtml(report, OPTIONS)).toBe(renderHtml(report, OPTIONS));
  });
});
