import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { LANGS } from '../locale/lang.js';
import { openDiskRenderCache, type DiskRenderCache } from '../output/disk-render-cache.js';
import { GENERATIONS, openStaging } from '../output/staging.js';
import { findBrowser } from '../pdf/find-browser.js';
import { hasCachedPdfs, openPdfCache, type PdfCache } from '../pdf/pdf-cache.js';
import { printPages, type PageToPrint } from '../pdf/print-pages.js';
import { sharedAssets } from '../render/assets.js';
import { createRenderCache, hashOf } from '../core/cache.js';
import { createSessionPrinter, pageToPrint } from './print.js';
import { SHARD_RECORD, sha256, shardRecord, type PdfSource } from './shard-record.js';
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
  readonly written: readonly string[];
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
  return { files, outside, written: [] };
}

/** Builds every release, review and collection sheet in every language as HTML (and PDF) into the output folder, or writes nothing on error. */
export async function build(options: BuildOptions): Promise<BuiltProject> {
  const builder = createBuilder(options);
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

/** Starts a session of builds; nothing runs until its first build. */
export function createBuilder(options: BuildOptions): Builder {
  const memory = createRenderCache();
  let disk: Promise<DiskRenderCache> | undefined;
  const printer = createSessionPrinter();
  /** What the previous build of the session committed: its generation, and the hash of each file it holds. */
  let previous: { generation: string; hashes: Map<string, string> } | undefined;
  const pdfCacheDir = options.pdfCache ?? join(options.out, GENERATIONS, 'cache');
  /**
   * On a cold build (PDFs on, no PDF in the cache), every page will be printed: the browser starts now, while the
   * content loads, renders and is checked, instead of after, and opens its pages. With a cache, it starts only when a
   * page must really be printed. A build that then fails closes it (see build); a browser that cannot be found or
   * started is reported when printing, as on a warm build.
   */
  const startBrowserIfCold = (): void => {
    if (options.pdf === false || options.pdfs || hasCachedPdfs(pdfCacheDir)) return;
    let executablePath: string;
    try {
      executablePath = findBrowser();
    } catch {
      return;
    }
    printer.get(executablePath).then((started) => started.openPages(), () => undefined);
  };

  return {
    async build() {
      startBrowserIfCold();
      disk ??= openDiskRenderCache(join(options.out, GENERATIONS, 'render'), { memory });
      const cache = await disk;
      const readBefore = cache.disk.read;
      const rendered = await renderProject({ ...options, cache });
      const fromDisk = cache.disk.read - readBefore;
      // A build of some documents or of one language keeps the rest of the previous output as it was.
      const partial = (options.langs !== undefined && options.langs.length < LANGS.length) || (options.documents !== undefined && options.documents.length > 0);
      const templates = rendered.templates;
      if (!templates || hasErrors(rendered.files)) {
        await cache.save({ prune: false });
        return { files: rendered.files, outside: rendered.outside, written: [], rendered, reused: 0, printed: 0, fromDisk };
      }
      const pdf = options.pdf ?? true;
      const assets = await sharedAssets(templates);
      // What every PDF is printed with besides its page: a changed stylesheet or font changes every PDF.
      const assetsHash = hashOf(...[...assets].map(([path, asset]) => `${path}\0${hashOf(asset.body)}`));
      const staging = await openStaging(options.out);
      const hashes = new Map<string, string>();
      let reused = 0;
      let pdfsReused = 0;
      let printed = 0;
      /** For a shard's record: each PDF's page key, and the sha256 of its bytes once written. */
      const pageKeys = new Map<string, string>();
      const pdfHashes = new Map<string, string>();
      const writePdf = async (path: string, bytes: Uint8Array) => {
        await staging.write(path, bytes);
        if (options.shard) pdfHashes.set(path, sha256(bytes));
      };
      /** Takes a file unchanged from the previous build of the session, when it has the same hash. */
      const reuse = async (path: string, hash: string): Promise<boolean> => {
        hashes.set(path, hash);
        if (!previous || previous.hashes.get(path) !== hash || !(await staging.reuse(path, previous.generation))) return false;
        reused++;
        return true;
      };
      try {
        await writeAll([...assets], async ([path, asset]) => {
          if (!(await reuse(path, hashOf(asset.body)))) await staging.write(path, asset.body);
        });
        const total = rendered.documents.length * (pdf ? 2 : 1);
        let done = 0;
        const progress = (path: string) => options.onProgress?.(++done, total, path);
        // Each document's HTML, and its page to print unless its PDF is unchanged; in the documents' order.
        const pending = await writeAll(rendered.documents, async (doc): Promise<PageToPrint | undefined> => {
          const html = doc.page.html;
          const htmlHash = hashOf(html);
          if (!(await reuse(doc.path, htmlHash))) await staging.write(doc.path, html);
          progress(doc.path);
          if (!pdf) return undefined;
          const page = pageToPrint(doc);
          const pdfPath = doc.path.replace(/\.html$/, '.pdf');
          // The PDF is the same when its page, metadata and assets are (a numbered page is printed from its own renders,
          // which the page fixes); the browser and the tool do not change within a session.
          const pageKey = hashOf(htmlHash, JSON.stringify(page.metadata), assetsHash);
          pageKeys.set(pdfPath, pageKey);
          if (await reuse(pdfPath, pageKey)) {
            if (options.shard) pdfHashes.set(pdfPath, sha256(await readFile(join(staging.dir, pdfPath))));
          } else if (options.pdfs) {
            await writePdf(pdfPath, await options.pdfs.get(pdfPath, pageKey));
          } else return page;
          pdfsReused++;
          progress(pdfPath);
          return undefined;
        });
        const toPrint = pending.filter((page) => page !== undefined);
        let pdfCache: PdfCache | undefined;
        if (toPrint.length > 0) {
          // The browser is looked for only now: a build whose PDFs are all unchanged or cached needs none.
          const executablePath = findBrowser();
          pdfCache = await openPdfCache(pdfCacheDir);
          await printPages(
            toPrint,
            assets,
            async (path, bytes) => {
              await writePdf(path, bytes);
              progress(path);
            },
            executablePath,
            { cache: pdfCache, printer: () => printer.get(executablePath), onPrinted: () => printed++ },
          );
        }
        if (partial) for (const section of Object.values(SECTIONS)) await staging.carryOver(section);
        if (options.shard) await staging.write(SHARD_RECORD, await shardRecord(options.content, options.shard, pageKeys, pdfHashes));
        const written = await staging.commit();
        previous = { generation: staging.generation, hashes };
        // The cache keeps the PDFs of this build: prune the others, unless this build used only part of it (--lang, some
        // documents, or PDFs linked from the previous build of the session, which it did not look up).
        if (pdfCache && pdfsReused === 0 && !partial) await pdfCache.prune();
        // The render cache keeps what this build asked for (from memory or disk), unless it asked for part of it only.
        await cache.save({ prune: !partial });
        return { files: rendered.files, outside: rendered.outside, written, rendered, reused, printed, fromDisk };
      } catch (error) {
        await cache.save({ prune: false });
        await staging.discard();
        previous = undefined;
        throw error;
      }
    },
    close: () => printer.close(),
  };
}

/** Files written at once: enough to keep the disk busy while each write waits for its flush. */
const WRITE_CONCURRENCY = 16;

/** Runs `write` over every item, WRITE_CONCURRENCY at a time; its results in the order of the items. */
async function writeAll<T, R>(items: readonly T[], write: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await write(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
  return results;
}
