import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { demoDocuments, pdfFonts, pdfInfo, pdfText, runCli, tempDir, type CliRun } from '../helpers/cli.js';
import { execFileSync } from 'node:child_process';

/** The demo's full review (content/reviews/territoires-industrie), built with the real CLI. */

const SLUG = 'territoires-industrie';
const RELEASE = 'territoires-industrie-bilan';
const LANGS = ['fr', 'en'] as const;

/** What the HTML page of the review shows, read in Chromium. */
interface PageFacts {
  toc: Array<{ title: string; level: 1 | 2; href: string }>;
  headings: number;
  charts: number;
  chartsWhole: number;
  tables: number;
  h1: number;
  scripts: number;
  unresolved: string[];
  marianne: boolean;
  lang: string;
}

/** The text of a page of a PDF, laid out (pdftotext -layout), spaces of every kind folded. */
function layoutText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/[\s\u00A0\u202F\u2009]+/g, ' ').trim();
}

const fold = (text: string) => text.replace(/[\s\u00A0\u202F\u2009]+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number of bookmarks of a PDF, at every level. */
async function bookmarks(path: string): Promise<number> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  let count = 0;
  const walk = (ref: unknown, depth: number) => {
    for (let item = ref; item instanceof PDFRef && depth < 16; ) {
      const dict = pdf.context.lookup(item, PDFDict);
      count++;
      walk(dict.get(PDFName.of('First')), depth + 1);
      item = dict.get(PDFName.of('Next'));
    }
  };
  walk(outlines?.get(PDFName.of('First')), 0);
  return count;
}

describe('communique build: the full review', () => {
  let out: string;
  let content: string;
  let run: CliRun;
  const file = (lang: string, ext: string) => join(out, 'bilans', SLUG, `${lang}.${ext}`);
  const facts = new Map<string, PageFacts>();
  let browser: Browser;

  beforeAll(async () => {
    out = await tempDir();
    content = await demoDocuments();
    run = await runCli(['build', '--final', '--content', content, '--out', out]);
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
    for (const lang of LANGS) {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(pathToFileURL(file(lang, 'html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const read = (await page.evaluate(() => ({
        toc: [...document.querySelectorAll('nav.toc .toc__item')].map((li) => ({
          title: li.querySelector(':scope > a .toc__title')!.textContent!,
          level: (li.classList.contains('toc__item--1') ? 1 : 2) as 1 | 2,
          href: li.querySelector(':scope > a')!.getAttribute('href')!,
        })),
        headings: document.querySelectorAll('h1, h2, h3, h4, h5, h6').length,
        charts: document.querySelectorAll('figure.chart svg[role="img"]').length,
        chartsWhole: [...document.querySelectorAll('figure.chart')].filter((f) => {
          const svg = f.querySelector('svg[role="img"]');
          const caption = f.querySelector('figcaption');
          return svg && caption && svg.getAttribute('aria-labelledby') === caption.id && svg.querySelector('title')?.textContent && f.querySelectorAll('table.chart__data tbody tr').length > 0;
        }).length,
        tables: document.querySelectorAll('main table:not(.chart__data)').length,
        h1: document.querySelectorAll('h1').length,
        scripts: document.querySelectorAll('script').length,
        unresolved: [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!).filter((href) => !document.getElementById(decodeURIComponent(href.slice(1)))),
        marianne: document.fonts.check('16px Marianne'),
        lang: document.documentElement.lang,
      }))) as PageFacts;
      await page.close();
      expect(failed).toEqual([]);
      facts.set(lang, read);
    }
  });
  afterAll(async () => browser?.close());

  it('should build with --final, exit 0 and write the review’s HTML and PDF in both languages', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const lang of LANGS) for (const ext of ['html', 'pdf']) expect(existsSync(file(lang, ext)), `${lang}.${ext}`).toBe(true);
  });

  it.each(LANGS)('should print the %s review on at least 8 A4 pages, tagged, with its metadata and Marianne embedded', (lang) => {
    const info = pdfInfo(file(lang, 'pdf'));
    expect(Number(info['Pages'])).toBeGreaterThanOrEqual(8);
    expect(info['Tagged']).toBe('yes');
    expect(info['Page size']).toContain('(A4)');
    expect(info['Title']).toMatch(lang === 'fr' ? /^Territoires d’industrie\s: bilan complet/ : /^Territoires d’industrie: full review/);
    expect(info['Author']).toContain(lang === 'fr' ? 'Agence nationale de la cohésion des territoires' : 'National Agency for Territorial Cohesion');
    expect(info['Subject']!.length).toBeGreaterThan(20);
    expect(info['Keywords']).toContain('ANCT');
    const fonts = pdfFonts(file(lang, 'pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\+Marianne-\S+\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it.each(LANGS)('should show the %s review as one page with at least 3 charts (SVG, caption, data table) and 2 tables', (lang) => {
    const page = facts.get(lang)!;
    expect(page.lang).toBe(lang);
    expect(page.charts).toBeGreaterThanOrEqual(3);
    expect(page.chartsWhole).toBe(page.charts);
    expect(page.tables).toBeGreaterThanOrEqual(2);
    expect(page.h1).toBe(1);
    expect(page.scripts).toBe(0);
    expect(page.unresolved).toEqual([]);
    expect(page.marianne).toBe(true);
    expect(page.toc.length).toBeGreaterThanOrEqual(13);
  });

  it.each(LANGS)('should give in the %s table of contents the page on which each heading is printed', (lang) => {
    const pdf = file(lang, 'pdf');
    const toc = facts.get(lang)!.toc;
    const pages = Number(pdfInfo(pdf)['Pages']);
    // The contents page(s): from page 2 to the first page headed by the first chapter's title.
    let contents = '';
    for (let page = 2; page <= pages && !fold(pdfText(pdf, page)).startsWith(fold(toc[0]!.title)); page++) contents += ` ${layoutText(pdf, page)}`;
    let from = 0;
    const numbers = toc.map((entry) => {
      const match = new RegExp(`${escape(fold(entry.title))} (\\d+)`).exec(contents.slice(from));
      expect(match, `"${entry.title}" with its page in the table of contents`).not.toBeNull();
      from += match!.index + match![0].length;
      return Number(match![1]);
    });
    toc.forEach((entry, i) => {
      const page = numbers[i]!;
      expect(page, entry.title).toBeGreaterThan(2);
      expect(page, entry.title).toBeLessThanOrEqual(pages);
      const text = fold(pdfText(pdf, page));
      // (A heading may be shown in capitals: "EN CHIFFRES".)
      expect(text.toLocaleLowerCase(lang), `"${entry.title}" on page ${page}`).toContain(fold(entry.title).toLocaleLowerCase(lang));
      if (entry.level === 1) {
        // A chapter starts its pages: its title is the running header, then the heading.
        expect(text.startsWith(fold(entry.title)), `running header of page ${page}`).toBe(true);
        expect(text.split(fold(entry.title)).length - 1, `"${entry.title}" as header and heading on page ${page}`).toBeGreaterThanOrEqual(2);
      }
    });
    // Every page of a chapter carries its title as running header.
    const chapters = toc.map((entry, i) => ({ ...entry, page: numbers[i]! })).filter((e) => e.level === 1);
    chapters.forEach((chapter, i) => {
      const last = (chapters[i + 1]?.page ?? pages + 1) - 1;
      for (let page = chapter.page; page <= last; page++) expect(fold(pdfText(pdf, page)).startsWith(fold(chapter.title)), `header of page ${page}`).toBe(true);
    });
  });

  it.each(LANGS)('should number every page of the %s review "page x / y" but the cover, and bookmark every heading', async (lang) => {
    const pdf = file(lang, 'pdf');
    const pages = Number(pdfInfo(pdf)['Pages']);
    expect(pdfText(pdf, 1)).not.toMatch(/page 1 \/ /);
    for (let page = 2; page <= pages; page++) expect(pdfText(pdf, page)).toContain(`page ${page} / ${pages}`);
    expect(await bookmarks(pdf)).toBeGreaterThanOrEqual(facts.get(lang)!.headings);
    expect((await readFile(pdf)).toString('latin1')).toMatch(new RegExp(`/Lang \\(${lang}\\)`));
  });

  it.each(LANGS)('should link the %s release’s "full review" to the review’s page and PDF in the same language', async (lang) => {
    const release = join(out, 'communiques', RELEASE, `${lang}.html`);
    const html = await readFile(release, 'utf8');
    const links = [...html.matchAll(/<p class="review-link">([\s\S]*?)<\/p>/g)].flatMap((m) => [...m[1]!.matchAll(/href="([^"]+)"/g)].map((h) => h[1]!));
    expect(links).toEqual([`../../bilans/${SLUG}/${lang}.html`, `../../bilans/${SLUG}/${lang}.pdf`]);
    for (const link of links) expect(existsSync(join(dirname(release), link)), link).toBe(true);
  });

  it('should write byte-identical review files when the same content is built again', async () => {
    const again = await tempDir();
    expect((await runCli(['build', '--content', content, '--out', again])).code).toBe(0);
    for (const lang of LANGS) {
      for (const ext of ['html', 'pdf']) {
        const a = await readFile(file(lang, ext));
        const b = await readFile(join(again, 'bilans', SLUG, `${lang}.${ext}`));
        expect(a.equals(b), `${lang}.${ext}`).toBe(true);
      }
    }
  });

  it('should check the demo content, release and review, with no problem at all', async () => {
    const checked = await runCli(['check', '--final']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe('No problems found.\n');
  });
});
