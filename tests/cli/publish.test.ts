import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { axeViolations } from '../helpers/axe.js';
import { demoDocuments, pdfInfo, pdfText, ROOT, runCli, tempDir } from '../helpers/cli.js';

const RELEASE = 'territoires-industrie-bilan';
const BASE = 'https://presse.example.org/';

/** The document names an index page links to, in order. */
async function indexed(site: string, lang: string): Promise<string[]> {
  const html = await readFile(join(site, lang, 'index.html'), 'utf8');
  return [...html.matchAll(/<h3 class="site-index__title"><a href="\.\.\/documents\/([^"]+)\.html"/g)].map((m) => m[1]!);
}

/** The document URLs of a feed's entries. */
async function feedEntries(site: string, lang: string): Promise<string[]> {
  const xml = await readFile(join(site, 'feeds', `${lang}.xml`), 'utf8');
  return [...xml.matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1]!);
}

async function siteFiles(site: string): Promise<string[]> {
  return (await readdir(site, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(site.length + 1)).sort();
}

describe('communique publish', () => {
  let content: string;
  let out: string;
  let site: string;

  beforeAll(async () => {
    content = await demoDocuments();
    const release = join(content, 'releases', RELEASE, 'release.yaml');
    await writeFile(release, (await readFile(release, 'utf8')).replace(/^date: 2025-03-20$/m, 'date: 2025-03-20\nembargo: 2025-03-20T10:00'));
    out = await tempDir();
    site = join(out, 'site');
    const run = await runCli(['publish', '--content', content, '--out', out, '--base-url', BASE, '--now', '2025-03-20T09:59']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('should leave a release under embargo out of the indexes, the feeds and the sitemap', async () => {
    for (const lang of ['fr', 'en']) {
      expect((await indexed(site, lang)).some((name) => name.includes(RELEASE))).toBe(false);
      expect((await feedEntries(site, lang)).some((url) => url.includes(RELEASE))).toBe(false);
    }
    expect(await readFile(join(site, 'sitemap.xml'), 'utf8')).not.toContain(RELEASE);
    expect((await siteFiles(site)).some((f) => f.includes(RELEASE))).toBe(false);
  });

  it('should include it once --now is past the embargo, under stable names, newest first', async () => {
    const later = await tempDir();
    expect((await runCli(['publish', '--content', content, '--out', later, '--base-url', BASE, '--now', '2025-03-20T09:00:00Z'])).code).toBe(0);
    const names = await indexed(join(later, 'site'), 'fr');
    expect(names).toContain(`communique-2025-03-20-${RELEASE}-fr`);
    expect(await feedEntries(join(later, 'site'), 'en')).toContain(`${BASE}documents/communique-2025-03-20-${RELEASE}-en.html`);
    for (const ext of ['html', 'pdf']) expect(existsSync(join(later, 'site', 'documents', `communique-2025-03-20-${RELEASE}-fr.${ext}`))).toBe(true);
    expect(existsSync(join(later, 'site', 'fragments', `communique-2025-03-20-${RELEASE}-fr.html`))).toBe(true);
  });

  it('should publish an embargoed release on demand with its embargo line in the HTML and the PDF, and noindex', async () => {
    const early = await tempDir();
    expect((await runCli(['publish', '--content', content, '--out', early, '--base-url', BASE, '--now', '2025-03-20T09:59', '--include-embargoed'])).code).toBe(0);
    const html = await readFile(join(early, 'site', 'documents', `communique-2025-03-20-${RELEASE}-fr.html`), 'utf8');
    expect(html.replace(/\u00A0/g, ' ')).toContain('Sous embargo jusqu’au 20 mars 2025 à 10 h');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(pdfText(join(early, 'site', 'documents', `communique-2025-03-20-${RELEASE}-en.pdf`))).toContain('Embargoed until 20 March 2025 at 10:00 (Paris time)');
    expect(await readFile(join(early, 'site', 'sitemap.xml'), 'utf8')).not.toContain(RELEASE);
    expect((await feedEntries(join(early, 'site'), 'fr')).some((url) => url.includes(RELEASE))).toBe(false);
  });

  it('should write feeds and a sitemap that xmllint accepts, with hreflang alternates', async () => {
    execFileSync('xmllint', ['--noout', join(site, 'feeds', 'fr.xml'), join(site, 'feeds', 'en.xml'), join(site, 'sitemap.xml')]);
    const sitemap = await readFile(join(site, 'sitemap.xml'), 'utf8');
    expect(sitemap).toMatch(/<xhtml:link rel="alternate" hreflang="en" href="https:\/\/presse\.example\.org\/en\/index\.html"\/>/);
  });

  it('should list every file of the site in manifest.json with its size and sha256', async () => {
    const manifest = JSON.parse(await readFile(join(site, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; size: number; sha256: string }> };
    const files = (await siteFiles(site)).filter((f) => f !== 'manifest.json');
    expect(manifest.files.map((f) => f.path)).toEqual(files);
    const { createHash } = await import('node:crypto');
    for (const entry of manifest.files) {
      const bytes = await readFile(join(site, entry.path));
      expect(entry.size).toBe(bytes.byteLength);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('should write byte-identical sites when the same content is published twice', async () => {
    const again = await tempDir();
    expect((await runCli(['publish', '--content', content, '--out', again, '--base-url', BASE, '--now', '2025-03-20T09:59'])).code).toBe(0);
    expect(await readFile(join(again, 'site', 'manifest.json'), 'utf8')).toBe(await readFile(join(site, 'manifest.json'), 'utf8'));
  });

  it('should show either the previous site or the new one, whole, when a publish is killed halfway', async () => {
    const before = await readFile(join(site, 'manifest.json'), 'utf8');
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'communique.js'), 'publish', '--content', content, '--out', out, '--base-url', BASE, '--now', '2025-03-20T10:30'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // Kill it as soon as it starts writing its new generation of files (or when it is done).
    for (let i = 0; i < 6000 && child.exitCode === null; i++) {
      const generations = (await readdir(join(out, '.communique')).catch(() => [])).filter((n) => n.startsWith('gen-'));
      if (generations.length > 1) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    const now = await readFile(join(site, 'manifest.json'), 'utf8');
    const manifest = JSON.parse(now) as { files: Array<{ path: string; size: number }> };
    expect(await siteFiles(site)).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
    for (const entry of manifest.files) expect((await readFile(join(site, entry.path))).byteLength, entry.path).toBe(entry.size);
    if (now !== before) expect(manifest.files.some((f) => f.path.includes(RELEASE))).toBe(true); // the new set, complete
  }, 120_000);

  it('should tag every PDF with its language, title, bookmarks and a heading structure', async () => {
    for (const name of (await siteFiles(site)).filter((f) => f.endsWith('.pdf'))) {
      const path = join(site, name);
      const info = pdfInfo(path);
      expect(info['Tagged'], name).toBe('yes');
      expect(info['Title']?.length, name).toBeGreaterThan(5);
      const bytes = (await readFile(path)).toString('latin1');
      expect(bytes, name).toMatch(/\/Lang \((fr|en)\)/);
      expect(bytes, name).toContain('/DisplayDocTitle true');
      expect(bytes, name).toContain('/Outlines');
      const struct = execFileSync('pdfinfo', ['-struct', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      expect(struct, name).toMatch(/^\s*H1\b/m);
      expect(struct, name).toMatch(/^\s*H2\b/m);
      // Charts are figures with a text alternative in the tag tree.
      if (/^documents\/bilan-.*-territoires-industrie-(fr|en)\.pdf$/.test(name)) expect((bytes.match(/\/S \/Figure\s*\/Alt /g) ?? []).length, name).toBeGreaterThanOrEqual(3);
    }
  });

  describe('accessibility in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
    });
    afterAll(async () => browser?.close());

    it('should find 0 axe-core violations (WCAG 2.2 A and AA) on every page of the site, at 1280 and 390 px', async () => {
      // 404.html names its assets from the site's root path: tests/cli/site.test.ts checks it served over HTTP.
      const pages = (await siteFiles(site)).filter((f) => f.endsWith('.html') && !f.startsWith('fragments/') && f !== '404.html');
      expect(pages.length).toBeGreaterThanOrEqual(5);
      for (const [name, width] of pages.flatMap((p) => [1280, 390].map((w) => [p, w] as const))) {
        const page = await browser.newPage();
        await page.setViewport({ width, height: 900 });
        await page.goto(pathToFileURL(join(site, name)).href, { waitUntil: 'load' });
        const violations = await axeViolations(page);
        await page.close();
        expect(violations, `${name} at ${width} px`).toEqual([]);
      }
    });
  });
});
