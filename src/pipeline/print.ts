import { sourceDateEpoch } from '../locale/format-date.js';
import type { PdfMetadata } from '../pdf/finish-pdf.js';
import type { PageToPrint } from '../pdf/page-to-print.js';
import type { Printer } from '../pdf/printer.js';
import type { RenderedDocument } from './render-project.js';

/** The date written into PDFs: SOURCE_DATE_EPOCH when set, else the document's date at noon UTC. */
export function documentDate(isoDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  return sourceDateEpoch(env) ?? new Date(`${isoDate}T12:00:00Z`);
}

/**
 * The metadata of a document's PDF, the same for every command: its page's title, author, subject and keywords, its
 * language, its date (documentDate) and, for a corrected document, the date of its last correction as modification date.
 */
export function pdfMetadata(doc: RenderedDocument): PdfMetadata {
  const corrected = doc.document.settings.corrections?.at(-1)?.date;
  return { title: doc.page.title, author: doc.page.author, subject: doc.page.subject, keywords: doc.page.keywords, lang: doc.lang, date: documentDate(doc.document.settings.date), ...(corrected ? { modified: documentDate(corrected) } : {}) };
}

/** A document's page to print (printPages), a review's with its numbered table of contents. */
export function pageToPrint(doc: RenderedDocument): PageToPrint {
  return { path: doc.path, html: doc.page.html, metadata: pdfMetadata(doc), ...('numbered' in doc.page ? { numbered: doc.page.numbered } : {}) };
}

/** A browser started on first use and kept open for a session (`build --watch`, the preview), for printPages' `printer` option. */
export interface SessionPrinter {
  /** The printer, started (with the browser at `executablePath`) the first time it is asked for. */
  get(executablePath: string): Promise<Printer>;
  /** Closes the browser, if one was started. */
  close(): Promise<void>;
}

/** A session's printer; `concurrency` as createPrinter's (default: its own). */
export function createSessionPrinter(options: { readonly concurrency?: number } = {}): SessionPrinter {
  let printer: Printer | undefined;
  let starting: Promise<Printer> | undefined;
  return {
    async get(executablePath) {
      if (printer) return printer;
      starting ??= import('../pdf/printer-thread.js').then(({ startPrinter }) => startPrinter({ executablePath, ...options }));
      printer = await starting;
      return printer;
    },
    async close() {
      const started = printer ?? (await starting?.catch(() => undefined));
      printer = undefined;
      starting = undefined;
      await started?.close();
    },
  };
}
