import { CommuniqueError } from '../core/errors.js';
import type { Asset, Assets } from '../render/assets.js';
import { printAssets } from './print-assets.js';
import type { NumberedPage } from '../render/render-review.js';
import { findBrowser } from './find-browser.js';
import { finishPdf } from './finish-pdf.js';
import type { PageToPrint } from './page-to-print.js';
import { linksRelativeTo } from './pdf-links.js';
import { hashAssets, type PdfCache } from './pdf-cache.js';
import type { Printer } from './printer.js';
import { startPrinter } from './printer-thread.js';
import { readDestinations } from './read-destinations.js';

export type { PageToPrint } from './page-to-print.js';

/** Options of printPages. */
export interface PrintPagesOptions {
  /** Finished PDFs of earlier builds: a page whose key is found is not printed, a printed one is stored (default: none, every page is printed). */
  readonly cache?: PdfCache;
  /** Gives a printer kept open by the caller (a session of builds), asked for only when a page must be printed, and left open (default: one started and closed here). */
  readonly printer?: () => Promise<Printer>;
  /** Called for each page the browser printed (not for those found in the cache). */
  readonly onPrinted?: (path: string) => void;
  /** The assets as served for printing (printAssets of the assets given), when made already: the pages prepared with them (Printer.prepare) are used as they are. */
  readonly served?: Assets;
}

/** Prints pages to finished PDFs with one browser (none when the cache has every PDF); each PDF is handed to `onPdf` as soon as it is ready. */
export async function printPages(
  pages: readonly PageToPrint[],
  assets: ReadonlyMap<string, Asset>,
  onPdf: (path: string, pdf: Uint8Array) => Promise<void>,
  executablePath: string = findBrowser(),
  options: PrintPagesOptions = {},
): Promise<void> {
  if (pages.length === 0) return;
  const printer = await openPagePrinter(assets, executablePath, options);
  try {
    await Promise.all(pages.map(async (page) => onPdf(page.path.replace(/\.html$/, '.pdf'), await printer.pdf(page))));
  } finally {
    await printer.close();
  }
}

/**
 * Turns pages into finished PDFs one at a time, as a build streams them: the cache is looked up first, the browser
 * started at the first page it does not hold. Only the pages being printed are served to the browser, each for the
 * time of its print: nothing grows with the number of pages.
 */
export interface PagePrinter {
  /** The finished PDF of a page: the cache's, or printed (and then stored in the cache). */
  pdf(page: PageToPrint): Promise<Uint8Array>;
  /**
   * Starts printing a page now, while the caller does other work (a build's checks), unless the cache holds its PDF;
   * pdf() of the same page then takes that print. A page with a numbered table of contents is left to pdf().
   */
  prefetch(page: PageToPrint): void;
  /** Closes the browser if this started it (not one given by the `printer` option). */
  close(): Promise<void>;
}

/** Opens a PagePrinter for pages printed with `assets` (see printPages' options). */
export async function openPagePrinter(assets: ReadonlyMap<string, Asset>, executablePath: string, options: PrintPagesOptions = {}): Promise<PagePrinter> {
  // One map for the whole run, so that a pooled page opens its empty document once (see printer.ts); the page being
  // printed is added for its print and removed after.
  const served = options.served ?? (await printAssets(assets));
  const cache = options.cache?.enabled ? options.cache : undefined;
  const assetsKey = cache ? hashAssets(served) : '';
  let started: Promise<Printer> | undefined;
  const printer = () => (started ??= options.printer ? options.printer() : startPrinter({ executablePath }));
  /** The finished PDF of a page, printed (the page served for the time of its print). */
  const print = async (page: PageToPrint): Promise<Uint8Array> => {
    const browser = await printer();
    served.set(page.path, { body: page.html, type: 'text/html; charset=utf-8' });
    try {
      if (!page.numbered) return await browser.printFinished(page.path, served, page.metadata); // links made relative to the PDF, whose path the cache key holds
      return await finishPdf(await printNumberedPage(browser, page, page.numbered, served, cache, assetsKey, executablePath), page.metadata, linksRelativeTo(page.path));
    } finally {
      served.delete(page.path);
    }
  };
  /** Prints started ahead (prefetch), by path, with the HTML they print. */
  const ahead = new Map<string, { readonly html: string; readonly pdf: Promise<Uint8Array | undefined> }>();
  return {
    async pdf(page) {
      const early = ahead.get(page.path);
      ahead.delete(page.path);
      const key = cache?.key(page, assetsKey, executablePath);
      const cached = key === undefined ? undefined : await cache!.get(key);
      if (cached) return cached;
      // A print started ahead of the same page is taken; one that failed is made again, as if it had not been started.
      const pdf = (early?.html === page.html ? await early.pdf.catch(() => undefined) : undefined) ?? (await print(page));
      options.onPrinted?.(page.path);
      if (key !== undefined) await cache!.put(key, pdf);
      return pdf;
    },
    prefetch(page) {
      if (page.numbered || ahead.has(page.path)) return;
      const key = cache?.key(page, assetsKey, executablePath);
      if (key !== undefined && cache!.has(key)) return;
      const pdf = print(page);
      pdf.catch(() => undefined); // pdf() prints it again
      ahead.set(page.path, { html: page.html, pdf });
    },
    async close() {
      if (options.printer || !started) return;
      await (await started.catch(() => undefined))?.close();
    },
  };
}

/** Prints a numbered page, starting from the page numbers the cache knows for its exact first print, and storing those it reads. */
async function printNumberedPage(printer: Printer, page: PageToPrint, numbered: NumberedPage, served: Assets, cache: PdfCache | undefined, assets: string, executablePath: string): Promise<Uint8Array> {
  const key = cache?.tocKey(page, assets, executablePath);
  const known = key !== undefined ? await cache!.getToc(key) : undefined;
  let first: ReadonlyMap<string, number> | undefined;
  const pdf = await printNumbered(printer, page.path, numbered, served, { ...(known ? { known } : {}), onFirstPrint: (numbers) => (first = numbers) });
  if (key !== undefined && first) await cache!.putToc(key, first);
  return pdf;
}

/** Options of printNumbered. */
export interface PrintNumberedOptions {
  /**
   * The numbers the print with blank numbers gives, when known (the PDF cache's tocKey: the same blank render, path,
   * assets, browser and tool): that print is skipped, and the page printed once when the numbers hold. The result is
   * the same bytes: prints are deterministic, so the skipped print would have given these very numbers.
   */
  readonly known?: ReadonlyMap<string, number>;
  /** Called with the numbers read from the print with blank numbers, when it is made. */
  readonly onFirstPrint?: (numbers: ReadonlyMap<string, number>) => void;
}

/** Prints made at most for a page with a numbered table of contents: blank numbers, the numbers read, one correction. */
const MAX_PRINTS = 3;

/**
 * Prints a page whose table of contents gives page numbers (Chromium has no `target-counter()`): prints it with blank
 * numbers, reads the page of each heading from the PDF's named destinations, prints it again with those numbers, and
 * checks that they still hold (numbers that move the headings get one more round). Deterministic: the same page
 * gives the same prints.
 */
export async function printNumbered(printer: Printer, path: string, page: NumberedPage, served: Assets, options: PrintNumberedOptions = {}): Promise<Uint8Array> {
  const known = options.known && page.anchors.every((id) => options.known!.has(id)) && options.known.size === page.anchors.length ? options.known : undefined;
  let numbers: ReadonlyMap<string, number> | undefined = known;
  for (let print = known ? 2 : 1; print <= MAX_PRINTS; print++) {
    served.set(path, { body: page.render(numbers), type: 'text/html; charset=utf-8' });
    const pdf = await printer.print(path, served);
    const found = await readDestinations(pdf);
    const missing = page.anchors.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new CommuniqueError('TocPagesMissing', `The PDF of ${path} has no destination for ${missing.map((id) => `#${id}`).join(', ')}, so its table of contents cannot give their pages.`, 'Check that every entry of the table of contents links to a heading with that id (templates/layouts/review.hbs).');
    }
    const pages = new Map(page.anchors.map((id) => [id, found.get(id)!]));
    if (print === 1) options.onFirstPrint?.(pages);
    if (numbers && page.anchors.every((id) => numbers!.get(id) === pages.get(id))) return pdf;
    numbers = pages;
  }
  throw new CommuniqueError(
    'TocPagesUnstable',
    `The page numbers of the table of contents of ${path} still moved after ${MAX_PRINTS} prints: writing them in moves the headings they point at.`,
    'Give the page numbers of the table of contents a fixed width (templates/styles/review.css, .toc__page), so that filling them in cannot change the layout.',
  );
}
