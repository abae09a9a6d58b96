import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyContent, runCli, tempDir } from '../helpers/cli.js';

const BASE_183 = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));
const ADDED = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const RELEASE = '183-territoires-industrie';
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

/**
 * The second base (the Government's release of 13 November 2023) with a review its release links to
 * (`<ReviewLink />`), a collection "territoires" with the sheet "ti-001", and a release "territoires-ti-001" of the
 * same date; every translation recorded.
 */
async function siteContent(): Promise<string> {
  const content = await copyContent(BASE_183);
  for (const folder of ['reviews', 'collections', 'releases']) await cp(join(ADDED, folder), join(content, folder), { recursive: true });
  const settings = join(content, 'releases', RELEASE, 'release.yaml');
  await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^date: 2023-11-13$/m, 'date: 2023-11-13\nreview: { slug: temps-2 }'));
  for (const lang of ['fr', 'en']) {
    const text = join(content, 'releases', RELEASE, `${lang}.mdx`);
    await writeFile(text, `${await readFile(text, 'utf8')}\n<ReviewLink />\n`);
  }
  for (const slug of [RELEASE, 'territoires-ti-001', 'territoires', 'temps-2']) {
    expect((await runCli(['translated', slug, 'en', '--content', content])).code).toBe(0);
  }
  return content;
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

  it('should link the PDF of a release published under embargo, printed again with its banner, to the published addresses', async () => {
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
    expect(urls.length).toBe(2 + 20 / 2);
    for (const { loc, alternates } of urls) {
      const own = loc.replace(/-(fr|en)\.html$/, '').replace(/\/(fr|en)\/index\.html$/, '/');
      const expected = loc.endsWith('/index.html') ? [`fr ${own}fr/index.html`, `en ${own}en/index.html`] : [`fr ${own}-fr.html`, `en ${own}-en.html`];
      expect(alternates, loc).toEqual(expected);
    }
  });

  it('should serve a stylesheet whose fonts swap in, so that text shows before Marianne loads', async () => {
    for (const css of [join(out, 'assets', 'communique.css'), join(site, 'assets', 'communique.css')]) {
      const faces = (await readFile(css, 'utf8')).match(/@font-face\s*{[^}]*}/g) ?? [];
      expect(faces.length).toBeGreaterThan(0);
      for (const face of faces) expect(face).toMatch(/font-display:\s*swap;/);
    }
  });
});
