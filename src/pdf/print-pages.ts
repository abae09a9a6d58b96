import type { Asset } from '../render/assets.js';
import { printAssets } from '../render/assets.js';
import { findBrowser } from './find-browser.js';
import { finishPdf, type PdfMetadata } from './finish-pdf.js';
import { createPrinter } from './printer.js';

/** A page to print: its path below the output root, its HTML and the metadata of its PDF. */
export interface PageToPrint {
  readonly path: string;
  readonly html: string;
  readonly metadata: PdfMetadata;
}

/** Prints pages to finished PDFs with one browser; each PDF is handed to `onPdf` as soon as it is ready. */
export async function printPages(
  pages: readonly PageToPrint[],
  assets: ReadonlyMap<string, Asset>,
  onPdf: (path: string, pdf: Uint8Array) => Promise<void>,
  executablePath: string = findBrowser(),
): Promise<void> {
  if (pages.length === 0) return;
  const served = await printAssets(assets);
  for (const page of pages) served.set(page.path, { body: page.html, type: 'text/html; charset=utf-8' });
  const printer = await createPrinter({ executablePath });
  try {
    await Promise.all(
      pages.map(async (page) => {
        const pdf = await finishPdf(await printer.print(page.path, served), page.metadata);
        await onPdf(page.path.replace(/\.html$/, '.pdf'), pdf);
      }),
    );
  } finally {
    await printer.close();
  }
}
