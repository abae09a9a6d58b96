import { join } from 'node:path';
import type { VFile } from 'vfile';
import { LANGS } from '../locale/lang.js';
import { GENERATIONS, openStaging } from '../output/staging.js';
import { findBrowser } from '../pdf/find-browser.js';
import { openPdfCache, type PdfCache } from '../pdf/pdf-cache.js';
import { openPagePrinter, type PagePrinter } from '../pdf/print-pages.js';
import { sharedAssets } from '../render/assets.js';
import { mapBounded } from '../core/bounded-map.js';
import { createRenderCache, hashOf } from '../core/cache.js';
import { createSessionPrinter, pageToPrint } from './print.js';
import { hasErrors, renderProject, SECTIONS, type RenderedProject, type RenderOptions } from './render-project.js';

/** Options shared by check and build. */
export type CheckOptions = RenderOptions;

/** Options of build. */
export interface BuildOptions extends CheckOptions {
  /** The output folder. */
  readonly out: string;
  /** Whether to print PDFs (default true). */
  readonly pdf?: boolean;
  /** Called after each document file is written, for progress. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

/** What check and build report: every file with its messages; for a build, the files written. */
export interface BuildResult {
  /** The files judged, with their messages. */
  readonly files: VFile[];
  /** The files of the documents not named (see RenderOptions.documents): reported, never blocking. */
  readonly outside: VFile[];
  readonly written: readonly string[];
}

/** What build reports, with the content it rendered (for commands that go on from a build, such as publish). */
export interface BuiltProject extends BuildResult {
  readonly rendered: RenderedProject;
  /** How many document files (HTML and PDF) were taken unchanged from the previous build of the session. */
  readonly reused: number;
  /** How many PDFs were printed by the browser (the others came from the cache or the previous build). */
  readonly printed: number;
}

/** Loads the content, renders every body and runs the editorial checks, reporting every problem; writes nothing. */
export async function check(options: CheckOptions): Promise<BuildResult> {
  const { files, outside } = await renderProject(options);
  return { files, outside, written: [] };
}

/** Builds every release, review and collection sheet in every language as HTML (and PDF) into the output folder, or writes nothing on error. */
export async function build(options: BuildOptions): Promise<BuiltProject> {
  // One build: nothing to remember for a next one, so no page is kept once it is written and printed.
  const builder = createBuilder(options, { session: false });
  try {
    return await builder.build();
  } finally {
    await builder.close();
  }
}

/**
 * A session of builds of the same content into the same folder (`build --watch`, benchmarks): each build is whole and
 * swapped in as one, but what did not change since the previous build is not redone. Texts and pages come from the
 * render cache, unchanged files are linked from the previous output, PDFs are printed by a browser kept open, and
 * found in the PDF cache (`<out>/.communique/cache`) across processes.
 */
export interface Builder {
  /** Builds the content as it is now (see build). */
  build(): Promise<BuiltProject>;
  /** Closes the browser, if one was started. */
  close(): Promise<void>;
}

/** How a builder is used. */
export interface BuilderOptions {
  /**
   * Whether more builds follow (default true): the session then keeps its texts and pages (in the render cache) and
   * the hash of every file it wrote, to redo only what changes. A single build keeps neither: its memory does not grow
   * with the number of sheets.
   */
  readonly session?: boolean;
}

/**
 * Documents in flight at once in a build: each is rendered, written, printed (or found in the PDF cache) and dropped,
 * its files reported in the documents' order. Enough to keep the disk busy while each write waits for its flush and
 * the printer's pages busy while the next documents are written; few enough that the pages alive at once stay a few
 * hundred kilobytes whatever the number of sheets.
 */
export const IN_FLIGHT = 16;

/** Starts a session of builds; nothing runs until its first build. */
export function createBuilder(options: BuildOptions, { session = true }: BuilderOptions = {}): Builder {
  const cache = session ? createRenderCache() : undefined;
  const printer = createSessionPrinter();
  /** What the previous build of the session committed: its generation, and the hash of each file it holds. */
  let previous: { generation: string; hashes: Map<string, string> } | undefined;

  return {
    async build() {
      const rendered = await renderProject({ ...options, ...(cache ? { cache } : {}) });
      const templates = rendered.templates;
      if (!templates || hasErrors(rendered.files)) return { files: rendered.files, outside: rendered.outside, written: [], rendered, reused: 0, printed: 0 };
      // A build of some documents or of one language keeps the rest of the previous output as it was.
      const partial = (options.langs !== undefined && options.langs.length < LANGS.length) || (options.documents !== undefined && options.documents.length > 0);
      const pdf = options.pdf ?? true;
      const assets = await sharedAssets(templates);
      // What every PDF is printed with besides its page: a changed stylesheet or font changes every PDF.
      const assetsHash = session ? hashOf(...[...assets].map(([path, asset]) => `${path}\0${hashOf(asset.body)}`)) : '';
      const staging = await openStaging(options.out);
      const hashes = new Map<string, string>();
      let reused = 0;
      let pdfsReused = 0;
      let printed = 0;
      /** Takes a file unchanged from the previous build of the session, when it has the same hash. */
      const reuse = async (path: string, hash: () => string): Promise<boolean> => {
        if (!session) return false;
        const value = hash();
        hashes.set(path, value);
        if (!previous || previous.hashes.get(path) !== value || !(await staging.reuse(path, previous.generation))) return false;
        reused++;
        return true;
      };
      // The printer of this build's PDFs, opened at the first PDF that is not linked from the previous build: the
      // browser is looked for only then (a build whose PDFs are all unchanged needs none), and started only at the
      // first PDF the cache does not hold.
      let pages: Promise<PagePrinter> | undefined;
      let pdfCache: PdfCache | undefined;
      const pagePrinter = () =>
        (pages ??= (async () => {
          const executablePath = findBrowser();
          pdfCache = await openPdfCache(join(options.out, GENERATIONS, 'cache'));
          return openPagePrinter(assets, executablePath, { cache: pdfCache, printer: () => printer.get(executablePath), onPrinted: () => printed++ });
        })());
      try {
        await mapBounded([...assets], IN_FLIGHT, async ([path, asset]) => {
          if (!(await reuse(path, () => hashOf(asset.body)))) await staging.write(path, asset.body);
        });
        const total = rendered.documents.length * (pdf ? 2 : 1);
        let done = 0;
        // Each document's HTML, then its PDF (linked from the previous build when unchanged, else from the cache or
        // printed); its files are reported in the documents' order.
        await mapBounded(
          rendered.documents,
          IN_FLIGHT,
          async (doc): Promise<readonly string[]> => {
            const html = doc.page.html;
            const htmlHash = session ? hashOf(html) : '';
            if (!(await reuse(doc.path, () => htmlHash))) await staging.write(doc.path, html);
            if (!pdf) return [doc.path];
            const page = pageToPrint(doc);
            const pdfPath = doc.path.replace(/\.html$/, '.pdf');
            // The PDF is the same when its page, metadata and assets are (a numbered page is printed from its own renders,
            // which the page fixes); the browser and the tool do not change within a session.
            if (await reuse(pdfPath, () => hashOf(htmlHash, JSON.stringify(page.metadata), assetsHash))) pdfsReused++;
            else await staging.write(pdfPath, await (await pagePrinter()).pdf(page));
            return [doc.path, pdfPath];
          },
          (paths) => {
            for (const path of paths) options.onProgress?.(++done, total, path);
          },
        ).finally(async () => (await pages?.catch(() => undefined))?.close());
        if (partial) for (const section of Object.values(SECTIONS)) await staging.carryOver(section);
        const written = await staging.commit();
        previous = session ? { generation: staging.generation, hashes } : undefined;
        // The cache keeps the PDFs of this build: prune the others, unless this build used only part of it (--lang, some
        // documents, or PDFs linked from the previous build of the session, which it did not look up).
        if (pdfCache && pdfsReused === 0 && !partial) await pdfCache.prune();
        return { files: rendered.files, outside: rendered.outside, written, rendered, reused, printed };
      } catch (error) {
        await staging.discard();
        previous = undefined;
        throw error;
      }
    },
    close: () => printer.close(),
  };
}
