import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openPdfCache } from '../../src/pdf/pdf-cache.js';
import { openPagePrinter, type PageToPrint } from '../../src/pdf/print-pages.js';
import type { AssetMap, Printer } from '../../src/pdf/printer.js';
import { tempDir } from '../helpers/cli.js';

/** A printer that records what it was asked to print (the page's HTML at that moment) and answers with a small PDF. */
async function recordingPrinter(fail: (html: string) => boolean = () => false) {
  const printed: string[] = [];
  const doc = await PDFDocument.create();
  doc.addPage();
  const bytes = await doc.save();
  const printer: Printer = {
    async print() {
      throw new Error('not used: pages are printed finished');
    },
    async printFinished(path: string, assets: AssetMap) {
      const html = String(assets.get(path)?.body);
      printed.push(html);
      if (fail(html)) throw new Error('the page crashed');
      return bytes;
    },
    async screenshot() {
      throw new Error('not used');
    },
    prepare() {},
    async close() {},
  };
  return { printer, printed, bytes };
}

const page = (html: string, path = 'communiques/demo/fr.html'): PageToPrint => ({
  path,
  html,
  metadata: { title: 'Titre', author: 'Ministère', subject: 'Sujet', keywords: ['industrie'], lang: 'fr', date: new Date('2025-03-20T12:00:00Z') },
});

describe('openPagePrinter', () => {
  it('should take the print started ahead of a page instead of printing it again', async () => {
    const { printer, printed } = await recordingPrinter();
    const pages = await openPagePrinter(new Map(), '/usr/bin/chromium', { printer: async () => printer, served: new Map() });
    pages.prefetch(page('<p>Bonjour</p>'));
    pages.prefetch(page('<p>Bonjour</p>')); // asked twice: printed once
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(printed).toEqual(['<p>Bonjour</p>']); // printed before anyone asked for its PDF
    await pages.pdf(page('<p>Bonjour</p>'));
    expect(printed).toEqual(['<p>Bonjour</p>']);
  });

  it('should print a page again when its HTML changed since it was printed ahead, or when that print failed', async () => {
    let crashes = 1; // the first print of the page that crashes fails, as a renderer that dies once
    const { printer, printed } = await recordingPrinter((html) => html.includes('crash') && crashes-- > 0);
    const pages = await openPagePrinter(new Map(), '/usr/bin/chromium', { printer: async () => printer, served: new Map() });
    pages.prefetch(page('<p>Avant</p>'));
    await pages.pdf(page('<p>Après</p>'));
    expect(printed).toEqual(['<p>Avant</p>', '<p>Après</p>']);
    pages.prefetch(page('<p>crash</p>', 'communiques/demo/en.html'));
    await expect(pages.pdf(page('<p>crash</p>', 'communiques/demo/en.html'))).resolves.toBeInstanceOf(Uint8Array);
    expect(printed.slice(2)).toEqual(['<p>crash</p>', '<p>crash</p>']);
  });

  it('should not print ahead a page whose PDF the cache holds', async () => {
    const { printer, printed, bytes } = await recordingPrinter();
    const cache = await openPdfCache(join(await tempDir(), 'cache'), { identity: 'test' });
    const served = new Map();
    const pages = await openPagePrinter(new Map(), '/usr/bin/chromium', { printer: async () => printer, served, cache });
    await pages.pdf(page('<p>Bonjour</p>'));
    expect(printed).toHaveLength(1);
    const next = await openPagePrinter(new Map(), '/usr/bin/chromium', { printer: async () => printer, served, cache });
    next.prefetch(page('<p>Bonjour</p>'));
    expect(Buffer.from(await next.pdf(page('<p>Bonjour</p>'))).equals(Buffer.from(bytes))).toBe(true);
    expect(printed).toHaveLength(1);
  });
});
