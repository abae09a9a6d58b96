import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { finishPdf } from '../../src/pdf/finish-pdf.js';
import { printNumbered } from '../../src/pdf/print-pages.js';
import { createPrinter, type Printer } from '../../src/pdf/printer.js';
import { readDestinations } from '../../src/pdf/read-destinations.js';
import type { Assets } from '../../src/render/assets.js';
import type { NumberedPage } from '../../src/render/render-review.js';
import { tempDir } from '../helpers/cli.js';

/**
 * The table of contents' page numbers (src/pdf/print-pages.ts printNumbered, src/pdf/read-destinations.ts): read from
 * the named destinations Chromium writes for the targets of the page's links, filled in, checked.
 */

/** A page whose contents link to three headings: "b" starts a page, "c" a page after `gap` pages of text. */
function page(gap: (pages: ReadonlyMap<string, number> | undefined) => number, anchors = ['a', 'b', 'c']): NumberedPage {
  return {
    anchors,
    render: (pages) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>
      @page { size: A4; margin: 20mm; } .toc__page { display: inline-block; width: 3em; text-align: right; } .page { break-before: page; }
      </style></head><body>
      <nav><ol>${['a', 'b', 'c'].map((id) => `<li><a href="#${id}">Titre ${id.toUpperCase()}</a> <span class="toc__page">${pages?.get(id) ?? ''}</span></li>`).join('')}</ol></nav>
      <h2 id="a">Titre A</h2><p>Texte.</p>
      <h2 id="b" class="page">Titre B</h2><p>Texte.</p>
      ${'<p class="page">Suite.</p>'.repeat(gap(pages))}
      <h2 id="c" class="page">Titre C</h2><p>Fin.</p>
      </body></html>`,
  };
}

/** The text of one page of a PDF, as pdftotext reads it. */
async function pageText(pdf: Uint8Array, n: number): Promise<string> {
  const path = join(await tempDir(), 'x.pdf');
  await writeFile(path, pdf);
  return execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
}

describe('readDestinations', () => {
  it('should read the pages of the names of a /Names → /Dests name tree, as other PDF writers make', async () => {
    const pdf = await PDFDocument.create();
    const pages = [pdf.addPage(), pdf.addPage(), pdf.addPage()];
    const destination = (i: number) => pdf.context.obj([pages[i]!.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(800), PDFNumber.of(0)]);
    const leaf = pdf.context.obj({ Names: [PDFString.of('deux'), destination(1), PDFString.of('trois'), pdf.context.register(destination(2))] });
    const root = pdf.context.obj({ Kids: [pdf.context.register(leaf)] });
    pdf.catalog.set(PDFName.of('Names'), pdf.context.obj({ Dests: pdf.context.register(root) }));
    const found = await readDestinations(await pdf.save());
    expect([...found]).toEqual([['deux', 2], ['trois', 3]]);
  });

  it('should find no destination in a PDF that has none', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    expect((await readDestinations(await pdf.save())).size).toBe(0);
  });
});

describe('printNumbered', () => {
  let printer: Printer;
  beforeAll(async () => {
    printer = await createPrinter({ executablePath: findBrowser(), concurrency: 2 });
  });
  afterAll(async () => printer?.close());

  it('should print the table of contents with the page of each heading, and find each heading on its page', async () => {
    const served: Assets = new Map();
    const pdf = await printNumbered(printer, 'toc/stable.html', page(() => 2), served);
    expect([...(await readDestinations(pdf))].sort()).toEqual([['a', 1], ['b', 2], ['c', 5]]);
    const contents = await pageText(pdf, 1);
    expect(contents).toContain('Titre A 1');
    expect(contents).toContain('Titre B 2');
    expect(contents).toContain('Titre C 5');
    expect(await pageText(pdf, 5)).toContain('Titre C');
  });

  it('should give the same bytes every time, once the PDF is finished with fixed dates', async () => {
    const metadata = { title: 'T', author: 'A', subject: 'S', keywords: ['k'], lang: 'fr', date: new Date('2025-03-20T12:00:00Z') };
    const a = await finishPdf(await printNumbered(printer, 'toc/again.html', page(() => 1), new Map()), metadata);
    const b = await finishPdf(await printNumbered(printer, 'toc/again.html', page(() => 1), new Map()), metadata);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('should fail with TocPagesUnstable when writing the numbers keeps moving the headings', async () => {
    // Each round pushes "c" further: one more page of text per page number already written.
    const moving = page((pages) => (pages?.get('c') ?? 0) + 1);
    await expect(printNumbered(printer, 'toc/moving.html', moving, new Map())).rejects.toMatchObject({ name: 'TocPagesUnstable' });
  });

  it('should fail with TocPagesMissing, naming it, when an entry links to no heading', async () => {
    await expect(printNumbered(printer, 'toc/missing.html', page(() => 0, ['a', 'nowhere']), new Map())).rejects.toMatchObject({ name: 'TocPagesMissing', message: expect.stringContaining('#nowhere') });
  });
});
