import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { RELEASE_183, siteContent } from '../helpers/site-content.js';
import { axeViolations } from '../helpers/axe.js';
import { serveSite } from '../helpers/serve.js';

const RELEASE = RELEASE_183;
const BASE = 'https://presse.example.gouv.fr/salle-de-presse/';

/** The addresses of the link annotations of a PDF, page by page, as a viewer reads them. */
async function linkUris(path: string): Promise<string[]> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const uris: string[] = [];
  for (const page of pdf.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const ref of annots?.asArray() ?? []) {
      const annot = pdf.context.lookup(ref, PDFDict);
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookup(PDFName.of('URI'));
      if (uri instanceof PDFString) uris.push(uri.asString());
      else if (uri instanceof PDFHexString) uris.push(uri.decodeText());
    }
  }
  return uris;
}

async function pdfsBelow(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.pdf')).map((e) => join(e.parentPath, e.name));
}

describe('links, names and sitemap of a built and a published site', () => {
  let content: string;
  let out: string;
  let site: string;

  beforeAll(async () => {
    content = await siteContent();
    out = await tempDir();
    const built = await runCli(['build', '--final', '--content', content, '--out', out]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const published = await runCli(['publish', '--content', content, '--out', (site = await tempDir()), '--base-url', BASE, '--now', '2024-01-01T10:00']);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    site = join(site, 'site');
  }, 240_000);

  it('should link a built PDF to the built review, relative to the PDF, and never to the print origin', async () => {
    for (const lang of ['fr', 'en']) {
      const pdf = join(out, 'communiques', RELEASE, `${lang}.pdf`);
      const uris = await linkUris(pdf);
      expect(uris).toContain(`../../bilans/temps-2/${lang}.html`);
      expect(uris).toContain(`../../bilans/temps-2/${lang}.pdf`);
      for (const uri of uris.filter((u) => !/^(mailto|tel|https):/.test(u))) expect(existsSync(resolve(dirname(pdf), uri)), uri).toBe(true);
    }
    for (const pdf of await pdfsBelow(out)) expect((await linkUris(pdf)).filter((u) => u.includes('communique.invalid')), pdf).toEqual([]);
  });

  it('should link a published PDF to the published review under --base-url', async () => {
    const files = new Set(await readdir(join(site, 'documents')));
    for (const lang of ['fr', 'en']) {
      const uris = await linkUris(join(site, 'documents', `communique-2023-11-13-${RELEASE}-${lang}.pdf`));
      expect(uris).toContain(`${BASE}documents/bilan-2023-11-13-temps-2-${lang}.html`);
      expect(uris).toContain(`${BASE}documents/bilan-2023-11-13-temps-2-${lang}.pdf`);
      for (const uri of uris.filter((u) => u.startsWith(BASE))) expect(files.has(uri.slice(`${BASE}documents/`.length)), uri).toBe(true);
      for (const uri of uris) expect(uri, uri).toMatch(/^(https:\/\/presse\.example\.gouv\.fr\/salle-de-presse\/|mailto:|tel:)/);
    }
  });

  it('should link the PDF of a release published under embargo, with its embargo line, to the published addresses', async () => {
    const settings = join(content, 'releases', RELEASE, 'release.yaml');
    const before = await readFile(settings, 'utf8');
    await writeFile(settings, before.replace(/^date: 2023-11-13$/m, 'date: 2023-11-13\nembargo: 2023-11-13T10:00'));
    try {
      const early = await tempDir();
      const run = await runCli(['publish', '--content', content, '--out', early, '--base-url', BASE, '--now', '2023-11-13T09:00', '--include-embargoed']);
      expect(run.code).toBe(0);
      const uris = await linkUris(join(early, 'site', 'documents', `communique-2023-11-13-${RELEASE}-fr.pdf`));
      expect(uris).toContain(`${BASE}documents/bilan-2023-11-13-temps-2-fr.html`);
      expect(uris).toContain(`${BASE}documents/bilan-2023-11-13-temps-2-fr.pdf`);
      for (const uri of uris) expect(uri, uri).toMatch(/^(https:\/\/presse\.example\.gouv\.fr\/salle-de-presse\/|mailto:|tel:)/);
    } finally {
      await writeFile(settings, before);
    }
  }, 120_000);

  it('should give a release and a sheet of the same slug and date names of their own kind', async () => {
    const documents = await readdir(join(site, 'documents'));
    for (const lang of ['fr', 'en']) {
      expect(documents).toContain(`communique-2023-11-13-territoires-ti-001-${lang}.pdf`);
      expect(documents).toContain(`fiche-2023-11-13-territoires.ti-001-${lang}.pdf`);
    }
    // 2 releases, a review and 2 sheets, each in 2 languages, as HTML and PDF: no file took another's name.
    expect(documents).toHaveLength(20);
    const sheet = await readFile(join(site, 'documents', 'fiche-2023-11-13-territoires.ti-001-fr.html'), 'utf8');
    expect(sheet).toContain('Val de Saône');
    const feed = await readFile(join(site, 'feeds', 'fr.xml'), 'utf8');
    expect(feed).toContain(`<id>${BASE}documents/communique-2023-11-13-territoires-ti-001-fr.html</id>`);
    expect(feed).not.toContain('fiche-');
  });

  it('should list as alternates of each sitemap URL its own language versions only', async () => {
    const xml = await readFile(join(site, 'sitemap.xml'), 'utf8');
    execFileSync('xmllint', ['--noout', join(site, 'sitemap.xml')]);
    const urls = [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => ({
      loc: /<loc>([^<]+)<\/loc>/.exec(m[1]!)![1]!,
      alternates: [...m[1]!.matchAll(/hreflang="([a-z]+)" href="([^"]+)"/g)].map((a) => `${a[1]} ${a[2]}`),
    }));
    // The indexes, the collection's index pages, and the documents.
    expect(urls.length).toBe(2 + 2 + 20 / 2);
    for (const { loc, alternates } of urls) {
      const page = /\/(fr|en)\/([a-z-]+\.html)$/.exec(loc);
      const own = loc.replace(/-(fr|en)\.html$/, '').replace(/\/(fr|en)\/[a-z-]+\.html$/, '/');
      const expected = page ? [`fr ${own}fr/${page[2]}`, `en ${own}en/${page[2]}`] : [`fr ${own}-fr.html`, `en ${own}-en.html`];
      expect(alternates, loc).toEqual(expected);
    }
  });

  it('should serve a stylesheet whose fonts swap in, so that text shows before Marianne loads', async () => {
    const published = (await readdir(join(site, 'assets'))).find((name) => /^communique\.[0-9a-f]+\.css$/.test(name))!;
    for (const css of [join(out, 'assets', 'communique.css'), join(site, 'assets', published)]) {
      const faces = (await readFile(css, 'utf8')).match(/@font-face\s*{[^}]*}/g) ?? [];
      expect(faces.length).toBeGreaterThan(0);
      for (const face of faces) expect(face).toMatch(/font-display:\s*swap;/);
    }
  });
});

/** Every file of a published site, relative to it, sorted. */
async function filesBelow(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

/** One page of each kind, as the web team checks them. */
const PAGES = {
  index: 'fr/index.html',
  'index (en)': 'en/index.html',
  release: `documents/communique-2023-11-13-${RELEASE}-fr.html`,
  'release (en)': `documents/communique-2023-11-13-${RELEASE}-en.html`,
  review: 'documents/bilan-2023-11-13-temps-2-fr.html',
  'review (en)': 'documents/bilan-2023-11-13-temps-2-en.html',
  sheet: 'documents/fiche-2023-11-13-territoires.ti-001-fr.html',
  'collection index': 'fr/fiches-territoires.html',
  '404': '404.html',
};

describe('the published site as the web team puts it online', () => {
  let content: string;
  let site: string;

  beforeAll(async () => {
    content = await siteContent();
    const out = await tempDir();
    const published = await runCli(['publish', '--content', content, '--out', out, '--base-url', BASE, '--now', '2024-01-01T10:00']);
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    site = join(out, 'site');
  }, 240_000);

  const read = (path: string) => readFile(join(site, path), 'utf8');
  const pages = async () => (await filesBelow(site)).filter((f) => f.endsWith('.html') && !f.startsWith('fragments/'));

  it('should show the DSFR header and footer with the site settings, the issuers of each document, and no aria-label on a <p>', async () => {
    for (const name of await pages()) {
      const html = await read(name);
      expect(html, name).toMatch(/<header role="banner" class="fr-header">/);
      expect(html, name).toMatch(/<p class="fr-logo">Gouvernement<\/p>/);
      expect(html, name).toMatch(/<p class="fr-header__service-title">(Salle de presse du Gouvernement|Government press room)<\/p>/);
      expect(html, name).toContain('href="https://presse.example.gouv.fr/salle-de-presse/mentions-legales"');
      expect(html, name).toContain('href="https://presse.example.gouv.fr/salle-de-presse/donnees-personnelles"');
      expect(html, name).toMatch(/<a class="fr-footer__bottom-link" href="https:\/\/presse\.example\.gouv\.fr\/salle-de-presse\/accessibilite">(Accessibilité : partiellement conforme|Accessibility: partially compliant)<\/a>/);
      expect(html, name).not.toMatch(/<p\b[^>]*\baria-label=/);
      expect(html, name).not.toContain('bloc-marque__republic');
    }
    expect(await read(PAGES.release)).toContain('<p class="document__issuers">Émis par Gouvernement</p>');
    expect(await read(PAGES['review (en)'])).toContain('<p class="document__issuers">Issued by French Government</p>');
    expect(await read(PAGES.index)).toContain('<p class="site-index__issuers">Gouvernement</p>');
  });

  it('should take the base URL from site.yaml when --base-url is not given', async () => {
    const out = await tempDir();
    const run = await runCli(['publish', '--content', content, '--out', out, '--now', '2024-01-01T10:00']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(await readFile(join(out, 'site', 'robots.txt'), 'utf8')).toContain('Sitemap: https://presse.example.gouv.fr/communiques/sitemap.xml');
    // --base-url overrides it.
    expect(await read('robots.txt')).toContain(`Sitemap: ${BASE}sitemap.xml`);
  }, 120_000);

  it('should list the releases first, then the reviews, and give the collection an index page of its own', async () => {
    const index = await read('fr/index.html');
    const groups = [...index.matchAll(/<h2 id="groupe-([a-z]+)"/g)].map((m) => m[1]);
    expect(groups).toEqual(['releases', 'reviews', 'fiches', 'flux']);
    const titles = [...index.matchAll(/<h3 class="site-index__title"><a href="\.\.\/documents\/([^"]+)\.html"/g)].map((m) => m[1]);
    expect(titles).toEqual([`communique-2023-11-13-${RELEASE}-fr`, 'communique-2023-11-13-territoires-ti-001-fr', 'bilan-2023-11-13-temps-2-fr']);
    expect(index).toContain('<a href="fiches-territoires.html">Fiche territoire\u00A0: toutes les fiches (2)</a>');
    const sheets = await read('fr/fiches-territoires.html');
    // The sheets, in the order of their titles (the territories' names).
    const sheetTitles = [...sheets.matchAll(/<h3 class="site-index__title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(sheetTitles).toHaveLength(2);
    expect(sheetTitles).toEqual([...sheetTitles].sort((a, b) => a.localeCompare(b, 'fr')));
    expect(index).not.toContain('fiche-2023-11-13-territoires');
  });

  it('should link every document page back to its index and to its own PDF, in the DSFR download pattern with hreflang', async () => {
    for (const name of (await pages()).filter((p) => p.startsWith('documents/'))) {
      const html = await read(name);
      const lang = name.endsWith('-fr.html') ? 'fr' : 'en';
      const back = /<a class="fr-link site-nav__back" href="([^"]+)">/.exec(html)![1]!;
      expect(back, name).toBe(name.includes('fiche-') ? `../${lang}/fiches-territoires.html` : `../${lang}/index.html`);
      const pdf = new RegExp(`<a class="fr-link fr-link--download site-download" href="([^"]+)" type="application/pdf" hreflang="${lang}">[^<]+<span class="fr-link__detail">PDF – (\\d+)\u00A0(Ko|KB) – (français|English)</span></a>`).exec(html);
      expect(pdf, name).not.toBeNull();
      expect(pdf![1], name).toBe(name.slice('documents/'.length).replace(/\.html$/, '.pdf'));
      expect(Number(pdf![2])).toBe(Math.max(1, Math.round((await readFile(join(site, 'documents', pdf![1]!))).byteLength / 1024)));
      expect(pdf![4]).toBe(lang === 'fr' ? 'français' : 'English');
    }
  });

  it('should write a 404 page, robots.txt naming the sitemap, and a favicon', async () => {
    const notFound = await read('404.html');
    expect(notFound).toContain('Page non trouvée');
    expect(notFound).toContain('<div lang="en" class="site-404__other">');
    expect(notFound).toMatch(/href="\/salle-de-presse\/assets\/dsfr\.[0-9a-f]{10}\.css"/);
    expect(await read('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}sitemap.xml\n`);
    expect(existsSync(join(site, 'favicon.ico'))).toBe(true);
    expect(await read(PAGES.release)).toMatch(/<link rel="icon" href="\.\.\/assets\/favicon\.[0-9a-f]{10}\.svg" type="image\/svg\+xml">/);
  });

  it('should give each release and review page an og:image card, 1200 × 630 PNG, drawn from its bloc-marque, issuers and title', async () => {
    for (const page of [PAGES.release, PAGES.review]) {
      const html = await read(page);
      const image = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1];
      expect(image, page).toBe(`${BASE}cards/${page.replace(/\//g, '-').replace(/\.html$/, '.png')}`);
      const png = await readFile(join(site, image!.slice(BASE.length)));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]); // IHDR width and height
      expect(png.length).toBeGreaterThan(10_000); // drawn: a blank card compresses to a few hundred bytes
      expect(html).toMatch(/<meta property="og:image:alt" content="[^"]+">/);
    }
  });

  it('should date each feed entry from when it became public, name every issuer as author, and write a feed per issuer', async () => {
    for (const path of ['feeds/fr.xml', 'feeds/en.xml', 'feeds/fr/gouvernement.xml', 'feeds/en/gouvernement.xml']) execFileSync('xmllint', ['--noout', join(site, path)]);
    const feed = await read('feeds/fr.xml');
    const entry = /<entry>[\s\S]*?<\/entry>/.exec(feed)![0];
    expect(entry).toContain('<author><name>Gouvernement</name></author>');
    // 13 November 2023 at midnight in Paris.
    expect(entry).toContain('<published>2023-11-12T23:00:00Z</published>');
    expect(feed).toContain('<author><name>Service d’information du Gouvernement</name></author>');
    expect(await read('feeds/en/gouvernement.xml')).toContain(`<id>${BASE}documents/communique-2023-11-13-${RELEASE}-en.html</id>`);
    expect(await read('fr/index.html')).toContain('href="../feeds/fr/gouvernement.xml"');
  });

  it('should publish a release under embargo, once public, with the embargo\'s end as its publication time', async () => {
    const settings = join(content, 'releases', RELEASE, 'release.yaml');
    const before = await readFile(settings, 'utf8');
    await writeFile(settings, before.replace(/^date: 2023-11-13$/m, 'date: 2023-11-13\nembargo: 2023-11-13T10:00'));
    try {
      const out = await tempDir();
      expect((await runCli(['publish', '--content', content, '--out', out, '--base-url', BASE, '--now', '2023-11-13T10:30'])).code).toBe(0);
      const feed = await readFile(join(out, 'site', 'feeds', 'fr.xml'), 'utf8');
      const entry = new RegExp(`<entry>\\s*<title>[^<]*</title>\\s*<id>${BASE}documents/communique-2023-11-13-${RELEASE}-fr.html</id>[\\s\\S]*?</entry>`).exec(feed)![0];
      expect(entry).toContain('<published>2023-11-13T09:00:00Z</published>');
      const manifest = JSON.parse(await readFile(join(out, 'site', 'manifest.json'), 'utf8')) as { documents: Array<{ html: string; published: string }> };
      expect(manifest.documents.find((d) => d.html.endsWith(`${RELEASE}-fr.html`))!.published).toBe('2023-11-13T09:00:00Z');
    } finally {
      await writeFile(settings, before);
    }
  }, 120_000);

  it('should give every asset a content-hashed name, and no page an inline style', async () => {
    const files = await filesBelow(site);
    for (const asset of files.filter((f) => f.startsWith('assets/'))) expect(asset).toMatch(/\.[0-9a-f]{10}\.[a-z0-9]+$/);
    for (const name of await pages()) {
      const html = await read(name);
      expect(html, name).not.toMatch(/<style\b|\sstyle=/i);
      for (const [, href] of html.matchAll(/(?:href|src)="([^"#]*assets\/[^"]+)"/g)) {
        const path = href!.startsWith('/salle-de-presse/') ? href!.slice('/salle-de-presse/'.length) : join(dirname(name), href!);
        expect(files, `${name}: ${href}`).toContain(path);
      }
    }
    const css = await read(files.find((f) => /^assets\/communique\.[0-9a-f]+\.css$/.test(f))!);
    expect(css).toMatch(/url\("fonts\/Marianne-Regular\.[0-9a-f]{10}\.woff2"\)/);
  });

  it('should write CMS fragments of one shape, an article with its language and its title, for every kind', async () => {
    for (const name of (await filesBelow(site)).filter((f) => f.startsWith('fragments/'))) {
      const html = await read(name);
      const lang = name.endsWith('-en.html') ? 'en' : 'fr';
      expect(html, name).toMatch(new RegExp(`^<article lang="${lang}" class="communique-fragment communique-fragment--(release|review|collection)">`));
      expect(html, name).toMatch(/<h1 class="(document__title|cover__title)">/);
      expect(html, name).not.toMatch(/<svg\b[^>]*\swidth=/);
    }
  });

  it('should give per document in the manifest its kind, language, title, date, issuers, alternate and files with sha256 and size', async () => {
    const manifest = JSON.parse(await read('manifest.json')) as { documents: Array<Record<string, unknown> & { files: Array<{ path: string; size: number; sha256: string }> }> };
    expect(manifest.documents).toHaveLength(10);
    const release = manifest.documents.find((d) => d['html'] === `documents/communique-2023-11-13-${RELEASE}-en.html`)!;
    expect(release).toMatchObject({ kind: 'release', lang: 'en', date: '2023-11-13', issuers: ['French Government'], alternate: `documents/communique-2023-11-13-${RELEASE}-fr.html` });
    expect(release['title']).toContain('183');
    expect(release.files.map((f) => f.path)).toEqual([`documents/communique-2023-11-13-${RELEASE}-en.html`, `documents/communique-2023-11-13-${RELEASE}-en.pdf`, `fragments/communique-2023-11-13-${RELEASE}-en.html`]);
    for (const file of release.files) expect(file.size).toBe((await readFile(join(site, file.path))).byteLength);
  });

  describe('in Chromium, served as on the web', () => {
    let browser: Browser;
    let server: { url: string; close: () => Promise<void> };

    beforeAll(async () => {
      server = await serveSite(site, '/salle-de-presse/');
      browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(name: string, width: number): Promise<Page> {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.goto(`${server.url}${name === '404.html' ? 'pas-de-page-ici.html' : name}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      return page;
    }

    it('should find 0 axe-core violations (WCAG 2.2 A and AA) on every kind of page, at 1280 and 390 px', async () => {
      for (const [kind, name] of Object.entries(PAGES)) {
        for (const width of [1280, 390]) {
          const page = await open(name, width);
          const violations = await axeViolations(page);
          await page.close();
          expect(violations, `${kind} at ${width} px`).toEqual([]);
        }
      }
    }, 120_000);

    it('should fit 390 px: no page scrolls sideways, the header names do not wrap word by word, wide tables scroll in their own box', async () => {
      for (const [kind, name] of Object.entries(PAGES)) {
        const page = await open(name, 390);
        const layout = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          lines: [...document.querySelectorAll('.fr-header__service-title, .fr-header__service-tagline, .fr-logo')].map((e) => {
            const words = (e.textContent ?? '').trim().split(/\s+/).length;
            return { words, lines: Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)) };
          }),
          tables: [...document.querySelectorAll('main table')].map((t) => getComputedStyle(t.parentElement!).overflowX),
        }));
        await page.close();
        expect(layout.scroll, kind).toBeLessThanOrEqual(390);
        for (const { words, lines } of layout.lines) if (words > 1) expect(lines, kind).toBeLessThan(words);
        for (const overflow of layout.tables) expect(overflow, kind).toBe('auto');
      }
    }, 60_000);

    it('should make the skip link to #contenu the first tab stop, show a focus ring on every focusable element, and never stop on body', async () => {
      for (const [kind, name] of Object.entries(PAGES)) {
        const page = await open(name, 1280);
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'));
        expect(first, kind).toBe('#contenu');
        const stops: string[] = [];
        for (let i = 0; i < 80; i++) {
          const state = await page.evaluate(() => {
            const e = document.activeElement!;
            // The DSFR draws the ring on the element, or around the whole block of an enlarged link (its ::before).
            const ring = (style: CSSStyleDeclaration) => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            return { tag: e.tagName, href: e.getAttribute('href') ?? '', ring: ring(getComputedStyle(e)) || ring(getComputedStyle(e, '::before')) };
          });
          expect(state.tag, `${kind}: stop ${i}`).not.toBe('BODY');
          expect(state.ring, `${kind}: ${state.tag} ${state.href} has no visible focus`).toBe(true);
          stops.push(state.href);
          await page.keyboard.press('Tab');
          if (await page.evaluate(() => document.activeElement === document.body || document.activeElement === null)) break;
        }
        expect(stops.length, `${kind}: ${stops.join(' ')}`).toBeGreaterThan(8);
        await page.close();
      }
    }, 120_000);
  });
});
