import { figureHistory } from '../../dev/figure-history.js';
import { startPreviewServer, type Preview } from '../../dev/preview-server.js';
import { findBrowser } from '../../pdf/find-browser.js';
import { finishPdf } from '../../pdf/finish-pdf.js';
import { linksRelativeTo } from '../../pdf/pdf-links.js';
import { createPrinter, type Printer } from '../../pdf/printer.js';
import { printAssets, sharedAssets } from '../../render/assets.js';
import { createRenderCache } from '../../render/render-cache.js';
import { DEFAULT_TEMPLATES, loadTemplates, renderProject, SECTIONS, type RenderedDocument } from '../../render/render-project.js';
import { printNumbered } from '../../pdf/print-pages.js';
import { documentDate } from '../../build.js';
import { CONTENT_OPTION, summarise, UsageError, type Command } from '../command.js';
import { SUMMARIES } from '../summaries.js';

/** `communique dev`: the live preview on 127.0.0.1. */
export const devCommand: Command = {
  name: 'dev',
  summary: SUMMARIES.dev,
  usage: 'communique dev [--port N] [--content DIR]',
  options: { ...CONTENT_OPTION, port: { type: 'string', default: '4321' } },
  help: ['--port N        the port on 127.0.0.1 (default: 4321)', '--content DIR   the content folder (default: content)'],
  async run(values, _, io) {
    const port = Number(values['port']);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values['port'])}".`);
    const content = String(values['content']);
    let printer: Printer | undefined;
    let printed: Map<string, RenderedDocument> = new Map();
    // Kept for the whole session: a save re-renders only the texts and pages it changed.
    const cache = createRenderCache();
    const server = await startPreviewServer({
      content,
      port,
      watch: [DEFAULT_TEMPLATES],
      templates: async () => (await loadTemplates(DEFAULT_TEMPLATES, cache)).templates,
      render: async (): Promise<Preview> => {
        const rendered = await renderProject({ content, cache });
        const pages = rendered.templates ? await sharedAssets(rendered.templates) : new Map();
        printed = new Map();
        for (const doc of rendered.documents) {
          pages.set(doc.path, { body: doc.page.html, type: 'text/html; charset=utf-8' });
          printed.set(doc.path, doc);
        }
        return {
          files: rendered.files,
          pages,
          documents: rendered.documents.map((d) => ({
            kind: SECTIONS[d.document.kind],
            slug: d.row === undefined ? d.document.slug : `${d.document.slug}/${d.row}`,
            lang: d.lang,
            title: d.page.title,
            path: d.path,
            figures: rendered.project ? figureHistory(rendered.project, d.document, rendered.files) : [],
          })),
        };
      },
      onRender: (ms, state) => {
        const summary = state.failure ? `failed: ${state.failure.message}` : summarise(state.preview?.files ?? []) || 'no problems';
        io.err(`${new Date().toLocaleTimeString('fr-FR')}  re-rendered in ${ms} ms (${summary})\n`);
      },
      print: async (path, pages) => {
        printer ??= await createPrinter({ executablePath: findBrowser(), concurrency: 1 });
        const doc = printed.get(path)!;
        const served = await printAssets(pages);
        // A review is printed twice, to number its table of contents with the real pages.
        const raw = 'numbered' in doc.page ? await printNumbered(printer, path, doc.page.numbered, served) : await printer.print(path, served);
        return finishPdf(raw, { ...doc.page, lang: doc.lang, date: documentDate(doc.document.settings.date) }, linksRelativeTo(path));
      },
    });
    io.out(`Preview on ${server.url}/ (Ctrl+C to stop). Watching ${content}/.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await printer?.close();
    return 0;
  },
};
