/**
 * Opens the HTML report (and an HTML letter) in headless Chromium: it renders,
 * makes no request beyond its own file, runs nothing from hostile data,
 * passes axe-core's WCAG 2.1 A/AA rules at desktop and 375 px widths, and
 * keeps the page itself from scrolling sideways on a phone; likewise the
 * public page of `edvet publish` and a deletion letter. Screenshots go to
 * /tmp/edvet-report.png, /tmp/edvet-report-375.png and /tmp/edvet-publish-*.png.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/reporters/html.js';
import { renderLetter } from '../../src/reporters/letters.js';
import { buildReport, hostileReport } from '../fixtures/report-model.js';
import { demoEarlierArgs, edvet, ensureBuilt } from '../e2e/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
/** Under CI the browser test never skips: a missing Chromium is a failure. */
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
if (!hasChromium && !inCI) process.stderr.write(`skipped: test/browser/html-report.test.ts, the HTML report in Chromium: ${CHROMIUM} is not installed (apt-get install chromium; under CI=true this fails instead)\n`);

describe.runIf(!hasChromium && inCI)('HTML report in Chromium, under CI', () => {
  it('has Chromium to run in', () => {
    expect.fail(`CI is set and ${CHROMIUM} is not installed: the browser test must run in CI (apt-get install chromium)`);
  });
});

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const OPTIONS = { color: false, failOn: 'fail' as const, cwd: '/work' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let reportUrl: string;
  let hostileUrl: string;
  let letterUrl: string;
  let demoUrl: string;
  let demoLetterUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edvet-html-'));
    const write = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return pathToFileURL(file).href;
    };
    const report = buildReport();
    reportUrl = write('report.html', renderHtml(report, OPTIONS));
    hostileUrl = write('hostile.html', renderHtml(hostileReport(), OPTIONS));
    const rejected = report.products.find((p) => p.id === 'wordwise')!;
    letterUrl = write('letter.html', renderLetter(rejected, report, 'html'));
    // The demo district's real board packet and a letter with a long requirements table.
    ensureBuilt();
    // With --compare (a run of March), so "Since last audit" is laid out and checked too.
    const previous = join(dir, 'march.json');
    const earlier = edvet([...demoEarlierArgs('2026-03-02'), '--format', 'json']);
    expect(earlier.status, earlier.stderr).toBe(1);
    writeFileSync(previous, earlier.stdout);
    const packet = edvet(['audit', '--demo', '--format', 'html', '--compare', previous]);
    expect(packet.status, packet.stderr).toBe(1);
    demoUrl = write('demo.html', packet.stdout);
    const letters = join(dir, 'letters');
    edvet(['letters', '--catalog', 'fixtures/demo-district/catalog', '--format', 'html', '--out-dir', letters, '--as-of', '2026-11-23']);
    demoLetterUrl = pathToFileURL(join(letters, 'sprocket-sage-games--quizblitz.html')).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page recording every request and every dialog / console error. */
  async function open(url: string, width: number, bypassCSP = false) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP });
    const page = await context.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { context, page, requests, dialogs };
  }

  async function axe(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } };
      const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    });
  }

  function report(violations: AxeViolation[]): string {
    return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`).join('\n');
  }

  it('renders, shows the headline figures and requests nothing but itself', async () => {
    const { context, page, requests, dialogs } = await open(reportUrl, 1280);
    expect(requests).toEqual([reportUrl]);
    expect(dialogs).toEqual([]);
    await expect(page.title()).resolves.toContain('Riverside Unified School District');
    for (const figure of ['$53,660.10', '$16,525.08', '$14,500.10']) {
      const dd = page.locator('dl.figures dd').filter({ hasText: figure });
      expect(await dd.count()).toBe(1);
      expect(await dd.isVisible()).toBe(true);
    }
    expect(await page.locator('h1').innerText()).toBe('Riverside Unified School District');
    for (const label of ['Approved', 'Conditional', 'Rejected']) {
      expect(await page.locator('dl.figures dt', { hasText: label }).isVisible()).toBe(true);
    }
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('svg[role="img"]').count()).toBe(3); // seats, utilization, and WordWise's monthly trend
    await page.screenshot({ path: '/tmp/edvet-report.png', fullPage: true });
    await context.close();
  });

  it('passes axe-core WCAG 2.1 A/AA at desktop width', async () => {
    const { context, page } = await open(reportUrl, 1280, true);
    const violations = await axe(page);
    if (violations.length) console.log(report(violations));
    expect(violations).toEqual([]);
    await context.close();
  });

  it('is readable at 375 px: no sideways page scroll, axe clean', async () => {
    const { context, page } = await open(reportUrl, 375, true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const violations = await axe(page);
    if (violations.length) console.log(report(violations));
    expect(violations).toEqual([]);
    await page.screenshot({ path: '/tmp/edvet-report-375.png', fullPage: true });
    await context.close();
  });

  it('never scrolls the page sideways at 390 px or 1280 px: a wide table scrolls inside its own region', async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await open(reportUrl, width);
      const r = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        // Every table wider than the page sits in a .scroll region no wider than the page.
        cut: [...document.querySelectorAll('table')].filter((t) => {
          const region = t.closest('.scroll');
          return region === null ? t.getBoundingClientRect().right > window.innerWidth : region.getBoundingClientRect().right > window.innerWidth;
        }).length,
      }));
      expect(r.scrollWidth).toBeLessThanOrEqual(r.innerWidth);
      expect(r.cut).toBe(0);
      await page.screenshot({ path: `/tmp/edvet-report-${width}.png`, fullPage: false });
      await context.close();
    }
  });

  it('prints to PDF, and in print layout the headline figures start within two US Letter pages of height', async () => {
    const { context, page } = await open(reportUrl, 1280);
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'print' });
    // In print layout at US Letter width (8.5 in less 2 × 14 mm margins), the headline section starts within the first two pages' height.
    const top = await page.evaluate(() => (document.getElementById('h-headline')?.getBoundingClientRect().top ?? Infinity) + window.scrollY);
    expect(top).toBeLessThan(2 * (11 * 96 - 2 * 53));
    await context.close();
  });

  it('renders hostile data as text: no script, no image, no request, no dialog', async () => {
    const { context, page, requests, dialogs } = await open(hostileUrl, 1024);
    expect(requests).toEqual([hostileUrl]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('[onerror]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('"><img src=x onerror=alert(1)>');
    expect(text).not.toContain('\u001b');
    await context.close();
  });

  it('renders an HTML letter that passes axe-core and requests nothing', async () => {
    const plain = await open(letterUrl, 800);
    expect(plain.requests).toEqual([letterUrl]);
    expect(await plain.page.getByText('WCAG 2.0 AA', { exact: false }).first().isVisible()).toBe(true);
    await plain.context.close();
    for (const width of [1024, 375]) {
      const { context, page } = await open(letterUrl, width, true);
      const violations = await axe(page);
      if (violations.length) console.log(report(violations));
      expect(violations).toEqual([]);
      await context.close();
    }
  });

  it('renders the public page of edvet publish (the demo district): requests nothing, axe clean, no sideways scroll at 320, 390 and 1280 px', async () => {
    const out = join(dir, 'public');
    const r = edvet(['publish', '--catalog', 'fixtures/demo-district/catalog', '--out-dir', out, '--as-of', '2026-11-23']);
    expect(r.status, r.stderr).toBe(0);
    const url = pathToFileURL(join(out, 'index.html')).href;
    for (const width of [1280, 390, 320]) {
      const { context, page, requests, dialogs } = await open(url, width);
      expect(requests).toEqual([url]);
      expect(dialogs).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (width !== 320) await page.screenshot({ path: `/tmp/edvet-publish-${width}.png`, fullPage: true });
      await context.close();
      const checked = await open(url, width, true);
      const violations = await axe(checked.page);
      if (violations.length) console.log(report(violations));
      expect(violations).toEqual([]);
      await checked.context.close();
    }
    const letters = join(dir, 'deletion');
    expect(edvet(['letters', '--kind', 'deletion', '--format', 'html', '--catalog', 'fixtures/demo-district/catalog', '--out-dir', letters, '--as-of', '2026-11-23']).status).toBe(0);
    const letter = await open(pathToFileURL(join(letters, 'ridgeway-data-systems--signalboard--deletion.html')).href, 375, true);
    const violations = await axe(letter.page);
    if (violations.length) console.log(report(violations));
    expect(violations).toEqual([]);
    await letter.context.close();
  });

  /**
   * What is cut at the right: the page wider than the viewport, a table, chart or figure reaching past it (a table in a
   * scroll region: its region), and with `tablesMustFit` (print, a wide desktop) any table that must scroll at all.
   */
  async function tooWide(page: Page, tablesMustFit: boolean): Promise<string[]> {
    return page.evaluate((fit) => {
      const out: string[] = [];
      const W = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth > W) out.push(`page ${document.documentElement.scrollWidth} > ${W}`);
      const near = (el: Element) => `"${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
      for (const el of document.querySelectorAll('table, svg, figure, pre')) {
        const region = el.closest('.scroll') as HTMLElement | null;
        if (region && !fit) {
          if (region.getBoundingClientRect().right > W + 0.5) out.push(`scroll region past the page near ${near(el)}`);
          continue;
        }
        if (el.getBoundingClientRect().right > W + 0.5) out.push(`${el.tagName.toLowerCase()} right ${Math.round(el.getBoundingClientRect().right)} > ${W} near ${near(el)}`);
        if (region && region.scrollWidth > region.clientWidth + 1) out.push(`table scrolls in its region near ${near(el)}`);
      }
      return out;
    }, tablesMustFit);
  }

  // Printable widths in CSS px: the page less report.css's 12 mm margins (96 px an inch).
  const PAPER = { Letter: { width: 8.5 * 96 - 2 * 45.35, height: 11 * 96 - 2 * 45.35 }, A4: { width: (210 / 25.4) * 96 - 2 * 45.35, height: (297 / 25.4) * 96 - 2 * 45.35 } };

  it('prints the demo board packet with nothing wider than the printable page, on US Letter and A4, header rows repeating', async () => {
    for (const [paper, size] of Object.entries(PAPER)) {
      const { context, page } = await open(demoUrl, Math.floor(size.width));
      await page.emulateMedia({ media: 'print' });
      // Every table fits the printed page: nothing to scroll on paper, no column cut at the right.
      expect(await tooWide(page, true), paper).toEqual([]);
      const heads = await page.evaluate(() => [...document.querySelectorAll('thead')].map((t) => getComputedStyle(t).display));
      expect(heads.length).toBeGreaterThan(20);
      expect(new Set(heads)).toEqual(new Set(['table-header-group']));
      // A row is never split across pages, nor a product's findings from their heading.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('tbody tr')!).breakInside)).toBe('avoid');
      // The district header, the decisions and the headline figures end within the first two printed pages' height.
      const bottom = await page.evaluate(() => document.getElementById('h-headline')!.closest('section')!.getBoundingClientRect().bottom + window.scrollY);
      expect(bottom, paper).toBeLessThan(2 * size.height);
      await context.close();
    }
  });

  it("prints the demo board packet to a PDF of a board packet's length (Chromium's own PDF, US Letter and A4)", async () => {
    const { context, page } = await open(demoUrl, 1280);
    for (const format of ['Letter', 'A4'] as const) {
      const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      // 34 pages for 24 products before the print layout was fixed, 27 after; the demo has grown to 26 products
      // with the privacy-law findings and decisions (33 pages), the findings alone about half of them.
      expect(pages, format).toBeGreaterThan(10);
      expect(pages, format).toBeLessThanOrEqual(36);
      if (format === 'Letter') writeFileSync('/tmp/edvet-board-packet.pdf', pdf);
    }
    await context.close();
  });

  it('shows the demo board packet at 390 px and 1280 px without sideways page scroll, axe clean; at 1280 px every table fits without scrolling', async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await open(demoUrl, width, true);
      expect(await tooWide(page, width >= 1280), String(width)).toEqual([]);
      expect(await page.locator('#h-compare').count()).toBe(1);
      const violations = await axe(page);
      if (violations.length) console.log(report(violations));
      expect(violations).toEqual([]);
      await page.screenshot({ path: `/tmp/edvet-demo-${width}.png`, fullPage: false });
      await context.close();
    }
  });

  it("shows a letter's requirements table uncut at 390 px (each requirement a block of labelled lines) and at 1280 px, axe clean", async () => {
    for (const width of [390, 1280]) {
      const { context, page } = await open(demoLetterUrl, width, true);
      expect(await tooWide(page, true), String(width)).toEqual([]);
      if (width === 390) {
        // The column headings still reach the reader: each cell is labelled.
        const labels = await page.evaluate(() => [...document.querySelectorAll('table.reqs tbody td')].map((td) => getComputedStyle(td, '::before').content));
        expect(labels.length).toBeGreaterThan(3);
        expect(labels.every((l) => l.includes('What') || l.includes('Finding'))).toBe(true);
      }
      const violations = await axe(page);
      if (violations.length) console.log(report(violations));
      expect(violations).toEqual([]);
      await page.screenshot({ path: `/tmp/edvet-letter-${width}.png`, fullPage: true });
      await context.close();
    }
  });
});
