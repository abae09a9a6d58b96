import { figureHistory } from '../dev/figure-history.js';
import type { Preview } from '../dev/preview-server.js';
import { findBrowser } from '../pdf/find-browser.js';
import { printPages } from '../pdf/print-pages.js';
import { sharedAssets, type Assets } from '../render/assets.js';
import type { Templates } from '../render/create-templates.js';
import { createRenderCache } from '../core/cache.js';
import { createSessionPrinter, pageToPrint } from './print.js';
import { DEFAULT_TEMPLATES, loadTemplates, renderProject, SECTIONS, type RenderedDocument } from './render-project.js';

/** What the live preview asks of the pipeline (see startPreviewServer's options). */
export interface PreviewPipeline {
  /** The templates, compiled again only when a file of them changed. */
  templates(): Promise<Templates>;
  /** Renders the content in memory: a save re-renders only the texts and pages it changed. */
  render(): Promise<Preview>;
  /** Prints a page of the last render to a finished PDF, as build does. */
  print(path: string, pages: Preview['pages']): Promise<Uint8Array>;
  /** Closes the browser, if a page was printed. */
  close(): Promise<void>;
}

/** The preview's session of the pipeline over a content folder, with the tool's templates. */
export function createPreviewPipeline(content: string): PreviewPipeline {
  // Kept for the whole session: a save re-renders only the texts and pages it changed.
  const cache = createRenderCache();
  const printer = createSessionPrinter({ concurrency: 1 });
  let printable = new Map<string, RenderedDocument>();
  return {
    templates: async () => (await loadTemplates(DEFAULT_TEMPLATES, cache)).templates,
    async render() {
      const rendered = await renderProject({ content, cache });
      const pages: Assets = rendered.templates ? await sharedAssets(rendered.templates) : new Map();
      // The preview serves every page, each sheet of a collection too: it keeps them all (one iteration of the render).
      printable = new Map();
      for (const doc of rendered.documents) {
        pages.set(doc.path, { body: doc.page.html, type: 'text/html; charset=utf-8' });
        printable.set(doc.path, doc);
      }
      return {
        files: rendered.files,
        pages,
        documents: Array.from(printable.values(), (d) => ({
          kind: SECTIONS[d.document.kind],
          slug: d.row === undefined ? d.document.slug : `${d.document.slug}/${d.row}`,
          lang: d.lang,
          title: d.page.title,
          path: d.path,
          figures: rendered.project ? figureHistory(rendered.project, d.document, rendered.files) : [],
        })),
      };
    },
    async print(path, pages) {
      const executablePath = findBrowser();
      let pdf: Uint8Array | undefined;
      await printPages([pageToPrint(printable.get(path)!)], pages, async (_, bytes) => void (pdf = bytes), executablePath, { printer: () => printer.get(executablePath) });
      return pdf!;
    },
    close: () => printer.close(),
  };
}
