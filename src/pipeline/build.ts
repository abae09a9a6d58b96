import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { LANGS } from '../locale/lang.js';
import { openDiskRenderCache, type DiskRenderCache } from '../output/disk-render-cache.js';
import { GENERATIONS, NOTHING_WRITTEN, openStaging, type WrittenFiles } from '../output/staging.js';
import { findBrowser } from '../pdf/find-browser.js';
import { hashAssets, hasCachedPdfs, openPdfCache, type PdfCache } from '../pdf/pdf-cache.js';
import { openPagePrinter, type PagePrinter } from '../pdf/print-pages.js';
import { printAssets } from '../pdf/print-assets.js';
import { bootPrinterThread } from '../pdf/printer-thread.js';
import { sharedAssets, type Assets } from '../render/assets.js';
import { DEFAULT_TEMPLATES, type Templates } from '../render/create-templates.js';
import { mapBounded } from '../core/bounded-map.js';
import { createRenderCache, hashOf } from '../core/cache.js';
import { createSessionPrinter, pageToPrint } from './print.js';
import { SHARD_RECORD, sha256, shardRecord, type PdfSource } from './shard-record.js';
import { hasErrors, loadTemplates, renderProject, SECTIONS, type RenderedDocument, type RenderedProject, type RenderOptions } from './render-project.js';

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
  /** The folder of the PDF cache (default: `<out>/.communique/cache`); publish shares the output folder's. */
  readonly pdfCache?: string;
  /**
   * Where every PDF comes from instead of the browser (the shards `publish --from` merges): asked for each PDF with
   * its page key; it throws when it has no PDF of that page. No browser is started.
   */
  readonly pdfs?: PdfSource;
}

/** What check and build report: every file with its messages; for a build, the files written. */
export interface BuildResult {
  /** The files judged, with their messages. */
  readonly files: VFile[];
  /** The files of the documents not named (see RenderOptions.documents): reported, never blocking. */
  readonly outside: VFile[];
  /** The files a build wrote (none for a check, or a build that stopped on errors). */
  readonly written: WrittenFiles;
}

/** What build reports, with the content it rendered (for commands that go on from a build, such as publish). */
export interface BuiltProject extends BuildResult {
  readonly rendered: RenderedProject;
  /** How many document files (HTML and PDF) were taken unchanged from the previous build of the session. */
  readonly reused: number;
  /** How many PDFs were printed by the browser (the others came from the cache or the previous build). */
  readonly printed: number;
  /** How many processed bodies and pages were read from the render cache on disk (an earlier build, maybe in another process). */
  readonly fromDisk: number;
}

/** Loads the content, renders every body and runs the editorial checks, reporting every problem; writes nothing. */
export async function check(options: CheckOptions): Promise<BuildResult> {
  const { files, outside } = await renderProject(options);
  return { files, outside, written: NOTHING_WRITTEN };
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
 * render cache, unchanged files are linked from the previous output, PDFs are printed by a browser kept open. Across
 * processes, texts and pages are found in the render cache on disk (`<out>/.communique/render`), PDFs in the PDF cache
 * (`<out>/.communique/cache`).
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

/** The templates a build renders with, and their assets as served for printing with the hash the PDF cache keys use. */
interface PrintSetup {
  readonly templates: Templates;
  readonly served: Assets;
  readonly assetsKey: string;
}

/** What a build needs to start its browser early (see createBuilder), and what of it is ready. */
interface EarlyStart {
  readonly executablePath: string;
  readonly setup: Promise<PrintSetup | undefined>;
  readonly cache: Promise<PdfCache>;
}

/** Starts a session of builds; nothing runs until its first build. */
export function createBuilder(options: BuildOptions, { session = true }: BuilderOptions = {}): Builder {
  // Both keep processed bodies and pages on disk for the next build, in another process; a session also keeps every
  // result in memory between its builds, a single build none of its sheets.
  const memory = createRenderCache(session ? {} : { transient: ['sheet'] });
  let disk: Promise<DiskRenderCache> | undefined;
  const printer = createSessionPrinter();
  /** What the previous build of the session committed: its generation, and the hash of each file it holds. */
  let previous: { generation: string; hashes: Map<string, string> } | undefined;
  const pdfCacheDir = options.pdfCache ?? join(options.out, GENERATIONS, 'cache');
  /**
   * What a build needs to start its browser early: the browser, the templates its render loads (read once: the render
   * gets them from the memory cache) with their print assets, and the PDF cache, each kept once ready.
   */
  let early: EarlyStart | undefined;
  /** Whether this build started its browser (early, or to print). */
  let started = false;
  /** Whether a build is running: a browser is started early only while it is. */
  let building = false;
  /**
   * Starts the browser now, while the content is still being rendered and checked, and opens its pages with the
   * stylesheets and fonts loaded in the first page of its pool (the others open when prints queue up: see
   * createPrinter). A build that then fails closes it (see build); a browser that cannot be started is reported when
   * printing, as without an early start.
   */
  const startBrowser = (start: EarlyStart): void => {
    if (started || !building) return;
    started = true;
    Promise.all([printer.get(start.executablePath), start.setup]).then(([browser, setup]) => setup && browser.prepare(setup.served, 1), () => undefined);
  };
  /**
   * Prepares the early start of a build's browser, and starts it on a cold build (no PDF in the cache: every page will
   * be printed). With a cache, the browser starts at the first text processed anew (an edited text: its PDF changes)
   * or else at the first page whose PDF the cache lacks (a changed template or data file), as soon as it is rendered,
   * before the checks run (see startIfNotCached): a build whose PDFs are all known starts none.
   */
  const prepareEarlyStart = (): void => {
    started = false;
    early = undefined;
    if (options.pdf === false || options.pdfs) return;
    let executablePath: string;
    try {
      executablePath = findBrowser();
    } catch {
      return; // reported when printing
    }
    const setup: Promise<PrintSetup | undefined> = loadTemplates(options.templates ?? DEFAULT_TEMPLATES, memory)
      .then(async ({ templates }) => {
        const served = await printAssets(await sharedAssets(templates));
        return { templates, served, assetsKey: hashAssets(served) };
      })
      .catch(() => undefined); // the render reports what is wrong with the templates
    const start: EarlyStart = { executablePath, setup, cache: openPdfCache(pdfCacheDir) };
    early = start;
    if (!hasCachedPdfs(pdfCacheDir)) startBrowser(start);
    else bootPrinterThread(); // a PDF may change: the printer's thread is loaded meanwhile, its browser started only then
  };
  /** Starts the browser if the PDF cache lacks the PDF of a page (see prepareEarlyStart). */
  const startIfNotCached = async (doc: RenderedDocument): Promise<void> => {
    const start = early;
    if (!start || started) return;
    const [setup, cache] = await Promise.all([start.setup, start.cache.catch(() => undefined)]);
    if (setup && cache && !cache.has(cache.key(pageToPrint(doc), setup.assetsKey, start.executablePath))) startBrowser(start);
  };

  return {
    async build() {
      building = true;
      try {
        return await buildOnce();
      } finally {
        building = false;
      }
    },
    close: () => printer.close(),
  };

  /** One build of the session (see Builder.build). */
  async function buildOnce(): Promise<BuiltProject> {
    // A build that fails into an output folder that did not exist leaves none behind, not even its render cache.
    const fresh = !existsSync(options.out);
    prepareEarlyStart();
    // A browser started now, or when a text turns out changed, gets its pages ready while the content renders, once it
    // has the stylesheets and fonts: they are read before the content (a few ms), which then keeps this thread busy.
    const prepared = await early?.setup;
    let printed = 0;
    let pdfCache: PdfCache | undefined;
    // The printer of this build's PDFs, opened at the first PDF that is not linked from the previous build, or at the
    // first page printed ahead: the browser is looked for only then (a build whose PDFs are all unchanged needs none),
    // and started only at the first PDF the cache does not hold. `served`: the print assets read before the content.
    let pages: { readonly printer: Promise<PagePrinter>; readonly served: Assets | undefined } | undefined;
    const pagePrinter = (assets: Assets, served: Assets | undefined): Promise<PagePrinter> => {
      if (pages && pages.served !== served) {
        // Printed ahead with other stylesheets than the render's (a template saved meanwhile): not taken.
        void pages.printer.then((stale) => stale.close(), () => undefined);
        pages = undefined;
      }
      pages ??= {
        served,
        printer: (async () => {
          started = true; // printing starts it: no early start any more
          const executablePath = findBrowser();
          const cache = await (early?.cache ?? openPdfCache(pdfCacheDir));
          pdfCache = cache;
          return openPagePrinter(assets, executablePath, { cache, printer: () => printer.get(executablePath), onPrinted: () => printed++, ...(served ? { served } : {}) });
        })(),
      };
      return pages.printer;
    };
    /**
     * Prints a page ahead, while the content is still checked, once its browser is started (early, or because this
     * page's PDF is not in the cache): the PDFs are ready, or on their way, when the checks end. A build that then
     * fails on errors has printed for nothing, which only its browser's time pays for.
     */
    const printAhead = async (doc: RenderedDocument) => {
      await startIfNotCached(doc);
      if (started && prepared && early) (await pagePrinter(prepared.served, prepared.served)).prefetch(pageToPrint(doc));
    };
    const forget = async () => {
      if (!fresh) return;
      await early?.cache.catch(() => undefined); // the PDF cache, opened early, has made its folder: remove it too
      await rm(options.out, { recursive: true, force: true });
    };
    disk ??= openDiskRenderCache(join(options.out, GENERATIONS, 'render'), { memory });
    const cache = await disk;
    const readBefore = cache.disk.read;
    const rendered = await renderProject({
      ...options,
      cache,
      onChangedText: () => early && startBrowser(early),
      onPage: (doc) => printAhead(doc).catch(() => undefined),
    });
    const fromDisk = cache.disk.read - readBefore;
    // A build of some documents or of one language keeps the rest of the previous output as it was.
    const partial = (options.langs !== undefined && options.langs.length < LANGS.length) || (options.documents !== undefined && options.documents.length > 0);
    const templates = rendered.templates;
    if (!templates || hasErrors(rendered.files)) {
      await cache.save({ prune: false });
      await forget();
      return { files: rendered.files, outside: rendered.outside, written: NOTHING_WRITTEN, rendered, reused: 0, printed: 0, fromDisk };
    }
    const pdf = options.pdf ?? true;
    const assets = await sharedAssets(templates);
    // What every PDF is printed with besides its page: a changed stylesheet or font changes every PDF.
    const assetsHash = hashOf(...[...assets].map(([path, asset]) => `${path}\0${hashOf(asset.body)}`));
    // A page's hash is needed to link an unchanged file from the previous build, and for a shard's record.
    const keyed = session || options.shard !== undefined || options.pdfs !== undefined;
    const staging = await openStaging(options.out);
    const hashes = new Map<string, string>();
    let reused = 0;
    let pdfsReused = 0;
    /** For a shard's record: each PDF's page key, and the sha256 of its bytes once written. */
    const pageKeys = new Map<string, string>();
    const pdfHashes = new Map<string, string>();
    const writePdf = async (path: string, bytes: Uint8Array) => {
      await staging.write(path, bytes);
      if (options.shard) pdfHashes.set(path, sha256(bytes));
    };
    /** Takes a file unchanged from the previous build of the session, when it has the same hash. */
    const reuse = async (path: string, hash: () => string): Promise<boolean> => {
      if (!session) return false;
      const value = hash();
      hashes.set(path, value);
      if (!previous || previous.hashes.get(path) !== value || !(await staging.reuse(path, previous.generation))) return false;
      reused++;
      return true;
    };
    const served = prepared?.templates === templates ? prepared.served : undefined;
    try {
      await mapBounded([...assets], IN_FLIGHT, async ([path, asset]) => {
        if (!(await reuse(path, () => hashOf(asset.body)))) await staging.write(path, asset.body);
      });
      const total = rendered.documents.length * (pdf ? 2 : 1);
      let done = 0;
      // Each document's HTML, then its PDF (linked from the previous build when unchanged, else from the shards, the
      // cache or printed); its files are reported in the documents' order.
      await mapBounded(
        rendered.documents,
        IN_FLIGHT,
        async (doc): Promise<readonly string[]> => {
          const html = doc.page.html;
          const htmlHash = keyed ? hashOf(html) : '';
          if (!(await reuse(doc.path, () => htmlHash))) await staging.write(doc.path, html);
          if (!pdf) return [doc.path];
          const page = pageToPrint(doc);
          const pdfPath = doc.path.replace(/\.html$/, '.pdf');
          // The PDF is the same when its page, metadata and assets are (a numbered page is printed from its own renders,
          // which the page fixes); the browser and the tool do not change within a session.
          const pageKey = keyed ? hashOf(htmlHash, JSON.stringify(page.metadata), assetsHash) : '';
          if (options.shard) pageKeys.set(pdfPath, pageKey);
          if (await reuse(pdfPath, () => pageKey)) {
            pdfsReused++;
            if (options.shard) pdfHashes.set(pdfPath, sha256(await readFile(join(staging.dir, pdfPath))));
          } else if (options.pdfs) {
            pdfsReused++;
            await writePdf(pdfPath, await options.pdfs.get(pdfPath, pageKey));
          } else {
            await writePdf(pdfPath, await (await pagePrinter(assets, served)).pdf(page));
          }
          return [doc.path, pdfPath];
        },
        (paths) => {
          for (const path of paths) options.onProgress?.(++done, total, path);
        },
      ).finally(async () => (await pages?.printer.catch(() => undefined))?.close());
      // A single build prints nothing more: its browser closes while the files are committed.
      const closing = session ? Promise.resolve() : printer.close();
      if (partial) for (const section of Object.values(SECTIONS)) await staging.carryOver(section);
      if (options.shard) await staging.write(SHARD_RECORD, await shardRecord(options.content, options.shard, pageKeys, pdfHashes));
      const written = await staging.commit();
      previous = session ? { generation: staging.generation, hashes } : undefined;
      // The cache keeps the PDFs of this build: prune the others, unless this build used only part of it (--lang, some
      // documents, or PDFs linked from the previous build of the session, which it did not look up).
      if (pdfCache && pdfsReused === 0 && !partial) await pdfCache.prune();
      // The render cache keeps what this build asked for (from memory or disk), unless it asked for part of it only.
      await cache.save({ prune: !partial });
      await closing;
      return { files: rendered.files, outside: rendered.outside, written, rendered, reused, printed, fromDisk };
    } catch (error) {
      await cache.save({ prune: false });
      await staging.discard();
      await forget();
      previous = undefined;
      throw error;
    }
  }
}
