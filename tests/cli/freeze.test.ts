import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyContent, pdfInfo, pdfText, runCli, tempDir } from '../helpers/cli.js';

const BASE_183 = fileURLToPath(new URL('../fixtures/editorial/base-183-territoires/', import.meta.url));
const ADDED = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
const RELEASE = '183-territoires-industrie';
const NAME = `communique-2023-11-13-${RELEASE}`;
const BASE = 'https://presse.example.gouv.fr/salle-de-presse/';

interface Entry {
  document: string;
  lang: string;
  version: number;
  published: string;
  correction?: string;
  title: string;
  html: string;
  pdf: string;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function ledger(content: string): Promise<Entry[]> {
  return parse(await readFile(join(content, 'published.yaml'), 'utf8')) as Entry[];
}

/** Every file of a site with its bytes. */
async function siteBytes(site: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(site.length + 1), await readFile(join(entry.parentPath, entry.name)));
  }
  return files;
}

async function linkUris(path: string): Promise<string[]> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const uris: string[] = [];
  for (const page of pdf.getPages()) {
    for (const ref of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const uri = pdf.context.lookup(ref, PDFDict).lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
      if (uri instanceof PDFString) uris.push(uri.asString());
      else if (uri instanceof PDFHexString) uris.push(uri.decodeText());
    }
  }
  return uris;
}

async function edit(path: string, from: string | RegExp, to: string): Promise<void> {
  const before = await readFile(path, 'utf8');
  const after = before.replace(from, to);
  expect(after, `${path}: ${String(from)}`).not.toBe(before);
  await writeFile(path, after);
}

function publish(content: string, out: string, now: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return runCli(['publish', ...extra, '--content', content, '--out', out, '--base-url', BASE, '--now', now], { env });
}

describe('published documents are frozen; corrections are explicit', () => {
  let content: string;
  let first: string;
  let firstSite: Map<string, Buffer>;

  beforeAll(async () => {
    content = await copyContent(BASE_183);
    first = await tempDir();
    const run = await publish(content, first, '2023-11-13T10:00');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    firstSite = await siteBytes(join(first, 'site'));
  }, 120_000);

  it('should record each published document and language in published.yaml, with the time, the version and the sha256 of its HTML and PDF', async () => {
    const entries = await ledger(content);
    expect(entries.map((e) => [e.document, e.lang, e.version, e.published])).toEqual([
      [`release/${RELEASE}`, 'fr', 1, '2023-11-13T09:00:00Z'],
      [`release/${RELEASE}`, 'en', 1, '2023-11-13T09:00:00Z'],
    ]);
    for (const entry of entries) {
      for (const ext of ['html', 'pdf'] as const) {
        const published = firstSite.get(`documents/${NAME}-${entry.lang}.${ext}`)!;
        expect(entry[ext]).toBe(sha(published));
        expect(sha(await readFile(join(content, 'archive', 'documents', `${NAME}-${entry.lang}-v1.${ext}`)))).toBe(entry[ext]);
      }
    }
    expect(entries[0]!.title).toBe('183 nouveaux territoires d’industrie pour réindustrialiser la France');
  });

  it('should serve a published document from the archive byte for byte, without printing it again, when what prints it has changed', async () => {
    const again = await tempDir();
    // A PDF date, a press contact's phone and the browser all differ: printed again, the files would too.
    await edit(join(content, 'data', 'contacts.yaml'), /01 53 18 45 13|\+33 1 53 18 45 13|0153184513/, '01 53 18 45 14');
    const run = await publish(content, again, '2023-11-14T10:00', [], { SOURCE_DATE_EPOCH: '1700000000', CHROME_PATH: '/nonexistent/chromium' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Served from the archive, as published: 2 document files');
    const site = await siteBytes(join(again, 'site'));
    for (const lang of ['fr', 'en']) {
      for (const path of [`documents/${NAME}-${lang}.html`, `documents/${NAME}-${lang}.pdf`, `fragments/${NAME}-${lang}.html`, `cards/documents-${NAME}-${lang}.png`]) {
        expect(site.get(path)?.equals(firstSite.get(path)!), path).toBe(true);
      }
    }
    expect(await ledger(content)).toHaveLength(2);
  }, 120_000);

  it('should refuse a change of a published document\'s words, naming the document and the changed lines, and change nothing', async () => {
    const text = join(content, 'releases', RELEASE, 'fr.mdx');
    const before = await readFile(text, 'utf8');
    const ledgerBefore = await readFile(join(content, 'published.yaml'), 'utf8');
    await edit(text, 'premier temps qui réunissait', 'premier temps qui rassemblait');
    try {
      const out = await tempDir();
      const run = await publish(content, out, '2023-11-15T10:00');
      expect(run.code).toBe(1);
      const stderr = run.stderr.replace(/\s+/g, ' ');
      expect(stderr).toContain(`${NAME}-fr was published on 2023-11-13T09:00:00Z (version 1`);
      expect(stderr).toContain('- Lancé le jeudi 9 novembre 2023 à Chalon-sur-Saône, le temps II succède à un premier temps qui réunissait 149 territoires.');
      expect(stderr).toContain('+ Lancé le jeudi 9 novembre 2023 à Chalon-sur-Saône, le temps II succède à un premier temps qui rassemblait 149 territoires.');
      expect(stderr).toContain('frozen-document');
      expect(stderr).toContain('corrections:');
      expect(run.stderr).toMatch(/release\.yaml\n\d+:\d+/);
      expect(existsSync(join(out, 'site'))).toBe(false);
      expect(await readFile(join(content, 'published.yaml'), 'utf8')).toBe(ledgerBefore);
    } finally {
      await writeFile(text, before);
    }
  }, 120_000);

  it('should publish a declared correction as version 2 with its notice in the HTML and the PDF, version 1 kept and linked, and move updated, lastmod and ModDate', async () => {
    await edit(join(content, 'releases', RELEASE, 'fr.mdx'), 'premier temps qui réunissait', 'premier temps qui rassemblait');
    await edit(
      join(content, 'releases', RELEASE, 'release.yaml'),
      /^date: 2023-11-13$/m,
      'date: 2023-11-13\ncorrections:\n  - date: 2023-11-20\n    note: { fr: "le premier temps « rassemblait » 149 territoires.", en: "the first phase brought together 149 territories." }',
    );
    expect((await runCli(['translated', RELEASE, 'en', '--content', content])).code).toBe(0);
    const out = await tempDir();
    const run = await publish(content, out, '2023-11-20T10:00');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const site = join(out, 'site');
    const entries = await ledger(content);
    expect(entries.slice(2).map((e) => [e.lang, e.version, e.correction, e.published])).toEqual([
      ['fr', 2, '2023-11-20', '2023-11-20T09:00:00Z'],
      ['en', 2, '2023-11-20', '2023-11-20T09:00:00Z'],
    ]);
    const html = (await readFile(join(site, 'documents', `${NAME}-fr.html`), 'utf8')).replace(/\u00A0|\u202F/g, ' ');
    expect(html).toContain('Rectificatif du 20 novembre 2023 : le premier temps « rassemblait » 149 territoires.');
    expect(html).toContain(`<a href="${NAME}-fr-v1.html">Version 1, avant ce rectificatif</a> (<a href="${NAME}-fr-v1.pdf" type="application/pdf">PDF</a>)`);
    expect(pdfText(join(site, 'documents', `${NAME}-en.pdf`))).toContain('Correction of 20 November 2023: the first phase brought together 149 territories.');
    expect(pdfText(join(site, 'documents', `${NAME}-fr.pdf`))).toContain('Rectificatif du 20 novembre 2023 : le premier temps « rassemblait » 149 territoires.');
    expect(await linkUris(join(site, 'documents', `${NAME}-fr.pdf`))).toContain(`${BASE}documents/${NAME}-fr-v1.pdf`);
    // Version 1 stays reachable, as it was published.
    for (const lang of ['fr', 'en']) {
      for (const ext of ['html', 'pdf']) {
        expect((await readFile(join(site, 'documents', `${NAME}-${lang}-v1.${ext}`))).equals(firstSite.get(`documents/${NAME}-${lang}.${ext}`)!)).toBe(true);
      }
    }
    const info = pdfInfo(join(site, 'documents', `${NAME}-fr.pdf`));
    expect(info['ModDate']).toContain('Nov 20');
    expect(info['CreationDate']).toContain('Nov 13');
    const feed = await readFile(join(site, 'feeds', 'fr.xml'), 'utf8');
    const entry = /<entry>[\s\S]*?<\/entry>/.exec(feed)![0];
    expect(entry).toContain('<published>2023-11-12T23:00:00Z</published>');
    expect(entry).toContain('<updated>2023-11-19T23:00:00Z</updated>');
    const sitemap = await readFile(join(site, 'sitemap.xml'), 'utf8');
    expect(sitemap).toMatch(new RegExp(`<loc>${BASE}documents/${NAME}-fr\\.html</loc>\\s*<lastmod>2023-11-20</lastmod>`));
    const manifest = JSON.parse(await readFile(join(site, 'manifest.json'), 'utf8')) as { documents: Array<{ html: string; version?: number; earlier?: string[] }> };
    expect(manifest.documents.find((d) => d.html === `documents/${NAME}-fr.html`)).toMatchObject({ version: 2, earlier: [`documents/${NAME}-fr-v1.html`] });
  }, 120_000);
});

describe('embargoed and unpublished documents', () => {
  it('should not freeze a release published ahead of its embargo, nor record it', async () => {
    const content = await copyContent(BASE_183);
    await edit(join(content, 'releases', RELEASE, 'release.yaml'), /^date: 2023-11-13$/m, 'date: 2023-11-13\nembargo: 2023-11-13T10:00');
    const early = await tempDir();
    const run = await publish(content, early, '2023-11-13T09:00', ['--include-embargoed']);
    expect(run.code).toBe(0);
    expect(existsSync(join(content, 'published.yaml'))).toBe(false);
    const html = (await readFile(join(early, 'site', 'documents', `${NAME}-fr.html`), 'utf8')).replace(/\u00A0|\u202F/g, ' ');
    expect(html).toContain('Sous embargo jusqu’au 13 novembre 2023 à 10 h');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    await edit(join(content, 'releases', RELEASE, 'fr.mdx'), 'premier temps qui réunissait', 'premier temps qui rassemblait');
    expect((await runCli(['translated', RELEASE, 'en', '--content', content])).code).toBe(0);
    expect((await publish(content, early, '2023-11-13T09:30', ['--include-embargoed'])).code).toBe(0);
  }, 120_000);
});

describe('the embargo line', () => {
  it('should show a release\'s embargo line in a plain build, HTML and PDF, while it is under embargo, and not after', async () => {
    const content = await copyContent(BASE_183);
    await edit(join(content, 'releases', RELEASE, 'release.yaml'), /^date: 2023-11-13$/m, 'date: 2023-11-13\nembargo: 2023-11-13T10:00');
    const out = await tempDir();
    expect((await runCli(['build', '--content', content, '--out', out, '--now', '2023-11-13T09:59'])).code).toBe(0);
    expect(pdfText(join(out, 'communiques', RELEASE, 'fr.pdf'))).toContain('Sous embargo jusqu’au 13 novembre 2023 à 10 h');
    expect(pdfText(join(out, 'communiques', RELEASE, 'en.pdf'))).toContain('Embargoed until 13 November 2023 at 10:00 (Paris time)');
    const html = await readFile(join(out, 'communiques', RELEASE, 'fr.html'), 'utf8');
    // Below the masthead, at the head of the document: not beside the bloc-marque.
    expect(html.indexOf('class="embargo-line"')).toBeGreaterThan(html.indexOf('</header>'));
    expect(html.indexOf('class="embargo-line"')).toBeLessThan(html.indexOf('class="document__title"'));
    expect((await runCli(['build', '--content', content, '--out', out, '--now', '2023-11-13T10:00'])).code).toBe(0);
    expect(pdfText(join(out, 'communiques', RELEASE, 'fr.pdf'))).not.toContain('embargo');
    expect(await readFile(join(out, 'communiques', RELEASE, 'fr.html'), 'utf8')).not.toContain('embargo-line');
  }, 120_000);
});

describe('communique publish <slug>', () => {
  it('should publish only the documents named; a published document, even changed and warned about, stays as published and never blocks them', async () => {
    const content = await copyContent(BASE_183);
    await cp(join(ADDED, 'releases', 'territoires-ti-001'), join(content, 'releases', 'territoires-ti-001'), { recursive: true });
    expect((await runCli(['translated', 'territoires-ti-001', 'en', '--content', content])).code).toBe(0);
    const out = await tempDir();
    const one = await publish(content, out, '2023-11-13T10:00', [RELEASE]);
    expect(one.code).toBe(0);
    expect((await ledger(content)).map((e) => e.document)).toEqual([`release/${RELEASE}`, `release/${RELEASE}`]);
    const documents = await readdir(join(out, 'site', 'documents'));
    expect(documents.some((name) => name.includes('territoires-ti-001'))).toBe(false);
    const published = await readFile(join(out, 'site', 'documents', `${NAME}-fr.pdf`));

    // The published release changes (and its translation is now stale: a warning): publishing the other one goes on.
    await edit(join(content, 'releases', RELEASE, 'fr.mdx'), 'premier temps qui réunissait', 'premier temps qui rassemblait');
    const two = await publish(content, out, '2023-11-14T10:00', ['territoires-ti-001']);
    expect(two.code).toBe(0);
    expect(two.stderr).toContain('Other documents (reported, not judged here');
    expect(two.stderr).toContain('stale-translation');
    const site = await readdir(join(out, 'site', 'documents'));
    expect(site).toContain('communique-2023-11-13-territoires-ti-001-fr.pdf');
    expect((await readFile(join(out, 'site', 'documents', `${NAME}-fr.pdf`))).equals(published)).toBe(true);
    expect((await ledger(content)).map((e) => e.document).slice(2)).toEqual(['release/territoires-ti-001', 'release/territoires-ti-001']);
    const index = await readFile(join(out, 'site', 'fr', 'index.html'), 'utf8');
    expect(index).toContain(`${NAME}-fr.html`);
    expect(index).toContain('communique-2023-11-13-territoires-ti-001-fr.html');

    // Named, the changed release is judged: refused.
    const three = await publish(content, out, '2023-11-14T10:00', [RELEASE]);
    expect(three.code).toBe(1);
    expect(three.stderr).toContain('frozen-document');
  }, 180_000);
});
